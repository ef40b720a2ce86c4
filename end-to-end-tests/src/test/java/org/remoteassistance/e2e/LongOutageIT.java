package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;

/**
 * PostgreSQL away for longer than any time-out on the consumers' path ({@code outage.seconds}, 120 by default):
 * stopped in one test, frozen (SIGSTOP, a hung primary) in the other, with journeys under way and events arriving
 * meanwhile. Afterwards every service consumes again in the same process, liveness was never DOWN, nothing was
 * dead-lettered, lost or doubled.
 *
 * <p>Runs with the soak ({@code -Psoak}): each test lasts the outage and more.
 */
class LongOutageIT extends FaultTests {

    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("outage.seconds", 120));
    static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void postgresStoppedLongerThanEveryTimeOutLeavesEveryConsumerWorking() throws Exception {
        outageMidJourney("stopped", system::stopPostgres, system::startPostgres);
    }

    @Test
    void postgresFrozenLongerThanEveryTimeOutLeavesEveryConsumerWorking() throws Exception {
        outageMidJourney("frozen", system::freezePostgres, system::thawPostgres);
    }

    /**
     * A session acknowledged, then ended by the admin as the outage begins (its SessionEnded reaches the connector and
     * notification-service during it); during the outage another publisher requests a session.
     */
    private void outageMidJourney(String label, Runnable begin, Runnable end) throws Exception {
        List<String> devices = api.knownDevices("outage-" + label, 3, WAIT);
        String underWay = api.requestSession(devices.get(0));
        awaitAcknowledgedAndNotified(Map.of(underWay, devices.get(0)));
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : RunningSystem.SERVICES) {
            pids.put(service, system.pid(service));
        }
        UUID requestedElsewhere = UUID.randomUUID();

        api.expect(200, "POST", "session", "/api/sessions/" + underWay + "/end", Map.of("reason", "CANCELLED"));
        begin.run();
        List<String> livenessDown = new ArrayList<>();
        try {
            publish("/helpdesk-portal", EventType.SESSION_REQUESTED, new SessionRequested(
                    requestedElsewhere, UUID.fromString(devices.get(1)), "helpdesk-portal", Instant.now()));
            Instant until = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(until)) {
                for (String service : RunningSystem.SERVICES) {
                    int status = api.liveness(service);
                    if (status != 200) {
                        livenessDown.add(service + " " + status + " at " + Instant.now());
                    }
                }
                RunningSystem.pause(5_000);
            }
        } finally {
            end.run();
        }

        assertEquals(List.of(), livenessDown, "liveness while PostgreSQL was " + label);
        for (String service : RunningSystem.SERVICES) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> api.readiness(service) == 200);
        }
        // what arrived during the outage takes effect
        awaitAcknowledgedAndNotified(Map.of(requestedElsewhere.toString(), devices.get(1)));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                "CLOSED".equals(databases.partnerSessions(List.of(underWay)).get(underWay).get(0)[1]));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                "false".equals(databases.notifications(List.of(underWay)).get(underWay).get(0)[1]));
        // and a journey begun afterwards flows through every channel, in the same processes
        String after = api.requestSession(devices.get(2));
        awaitAcknowledgedAndNotified(Map.of(after, devices.get(2)));
        for (String service : RunningSystem.SERVICES) {
            assertEquals(pids.get(service), system.pid(service), service + "-service recovered without a restart");
        }
        assertExactlyOnce(Map.of(after, devices.get(2)));
        assertEquals(List.of(), deadLetterReasons(Set.of(underWay, requestedElsewhere.toString(), after)),
                "events set aside while PostgreSQL was " + label);
        awaitOutboxesDrained();
    }
}
