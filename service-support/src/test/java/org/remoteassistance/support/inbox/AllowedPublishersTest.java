package org.remoteassistance.support.inbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.SessionStarted;

class AllowedPublishersTest {

    private static final String SESSION_REQUESTED = "remote-assistance.events.allowed-sources.session-requested";

    @Test
    void byDefaultOnlyTheServiceThatPublishesTheTopic() {
        AllowedPublishers publishers = publishers(Map.of());

        assertDoesNotThrow(() -> publishers.check(requested("/session-service")));
        assertEquals(Set.of("/connector-service"), publishers.allowed(EventType.SESSION_ACKNOWLEDGED));
        assertEquals(Set.of("/device-service"), publishers.allowed(EventType.DEVICE_RETIRED));
        InvalidEventException refused = assertThrows(InvalidEventException.class,
                () -> publishers.check(requested("/itsm")));
        assertEquals("source '/itsm' is not allowed to publish SessionRequested; allowed: /session-service"
                + " (setting " + SESSION_REQUESTED + ")", refused.getMessage());
    }

    @Test
    void theOperatorAddsSourcesForOneTopicOrForAll() {
        AllowedPublishers publishers = publishers(Map.of(
                SESSION_REQUESTED, List.of("/helpdesk-portal", " /itsm ", ""),
                AllowedPublishers.ALL_TOPICS, List.of("/bridge")));

        assertEquals(Set.of("/session-service", "/bridge", "/helpdesk-portal", "/itsm"),
                publishers.allowed(EventType.SESSION_REQUESTED));
        assertDoesNotThrow(() -> publishers.check(requested("/itsm")));
        assertDoesNotThrow(() -> publishers.check(started("/bridge")));
        assertThrows(InvalidEventException.class, () -> publishers.check(started("/itsm")),
                "listed for session-requested only");
    }

    @Test
    void aWildcardOpensATopicOrEveryTopic() {
        AllowedPublishers oneTopic = publishers(Map.of(SESSION_REQUESTED, List.of("*")));
        assertDoesNotThrow(() -> oneTopic.check(requested("/anyone")));
        assertThrows(InvalidEventException.class, () -> oneTopic.check(started("/anyone")));

        AllowedPublishers open = publishers(Map.of(AllowedPublishers.ALL_TOPICS, List.of("*")));
        assertDoesNotThrow(() -> open.check(requested("/anyone")));
        assertDoesNotThrow(() -> open.check(started("/anyone")));
    }

    @Test
    void settingsAreNamedAfterTheTopic() {
        assertEquals(SESSION_REQUESTED, AllowedPublishers.setting(EventType.SESSION_REQUESTED));
        assertEquals("remote-assistance.events.allowed-sources.devices",
                AllowedPublishers.setting(EventType.DEVICE_REGISTERED));
    }

    private static AllowedPublishers publishers(Map<String, List<String>> settings) {
        return new AllowedPublishers(name -> settings.getOrDefault(name, List.of()));
    }

    private static CloudEvent<SessionRequested> requested(String source) {
        return event(EventType.SESSION_REQUESTED, source,
                new SessionRequested(UUID.randomUUID(), UUID.randomUUID(), "helpdesk-bot", Instant.now()));
    }

    private static CloudEvent<SessionStarted> started(String source) {
        return event(EventType.SESSION_STARTED, source,
                new SessionStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now()));
    }

    private static <T extends EventData> CloudEvent<T> event(EventType<T> type, String source, T data) {
        return new CloudEvent<>(UUID.randomUUID().toString(), type, source, Instant.now(),
                CloudEventCodec.SCHEMA_VERSION, data);
    }
}
