package org.remoteassistance.connector;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.partner.InjectTeamViewerStub;
import org.remoteassistance.connector.partner.TeamViewerProfile;
import org.remoteassistance.connector.partner.TeamViewerStub;
import org.remoteassistance.connector.partner.TeamViewerStub.Reply;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.DeviceSnapshot;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.ServiceTestResource;

/** Session requests served over HTTP by TeamViewer (the stub): acknowledged, or rejected with the partner's reason. */
@QuarkusTest
@TestProfile(TeamViewerProfile.class)
@QuarkusTestResource(ServiceTestResource.class)
class TeamViewerSessionRequestsTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    Database database;

    @InjectTeamViewerStub
    TeamViewerStub stub;

    @Test
    void aRequestIsAcknowledgedWithTheCodeTeamViewerMade() {
        String token = connectedWithNewToken();
        CloudEvent<SessionRequested> request = request(registeredDevice());

        Events.publish(kafka, request);

        JsonNode ack = Events.data(one(Topics.SESSION_ACKNOWLEDGED, request));
        List<TeamViewerStub.Received> creates = stub.received(token).stream()
                .filter(call -> call.method().equals("POST")).toList();
        assertEquals(1, creates.size());
        assertEquals(request.data().sessionId().toString(), creates.get(0).body().get("description").asText());
        assertTrue(ack.get("sessionCode").asText().matches("s\\d{2}-\\d{3}-\\d{3}"));
    }

    @Test
    void aTokenTeamViewerNoLongerAcceptsRejectsTheRequestAndPutsTheConnectorInError() {
        String token = connectedWithNewToken();
        stub.script(token, Reply.status(401, "invalid_token", "The token was revoked"));
        CloudEvent<SessionRequested> request = request(registeredDevice());

        Events.publish(kafka, request);

        JsonNode rejected = Events.data(one(Topics.SESSION_REJECTED, request));
        assertEquals("PARTNER_REFUSED", rejected.get("reason").asText());
        assertTrue(rejected.get("detail").asText().contains("The token was revoked"), rejected.toString());
        assertTrue(!rejected.toString().contains(token), "no token in an event");
        given().get("/api/connectors/teamviewer").then().body("status", equalTo("ERROR"));
    }

    @Test
    void thePartnersWordsAreFittedToTheContractBeforeTheyTravelInARejection() {
        String token = connectedWithNewToken();
        stub.script(token, Reply.status(400, "invalid_request",
                "<b>Group unknown</b>\\r\\n2026-01-01 INFO forged \\u202E line " + "x".repeat(2000)));
        CloudEvent<SessionRequested> request = request(registeredDevice());

        Events.publish(kafka, request);

        // published, so valid: every consumer takes the rejection, none dead-letters it
        String detail = Events.data(one(Topics.SESSION_REJECTED, request)).get("detail").asText();
        assertTrue(detail.contains("Group unknown"), detail);
        assertTrue(detail.matches("[^\\p{Cc}\\p{Cf}<>]*"), detail);
        assertTrue(detail.length() <= EventRules.MAX_DETAIL, "at most 1024: " + detail.length());
    }

    @Test
    void aCreateTeamViewerDoesNotAnswerIsRejectedOnceWithoutASecondTry() {
        String token = connectedWithNewToken();
        stub.script(token, Reply.silence(Duration.ofMillis(1500)));
        CloudEvent<SessionRequested> request = request(registeredDevice());

        Events.publish(kafka, request);

        JsonNode rejected = Events.data(one(Topics.SESSION_REJECTED, request));
        assertEquals("PARTNER_REFUSED", rejected.get("reason").asText());
        assertTrue(rejected.get("detail").asText().contains("not retried"), rejected.toString());
        assertEquals(1, stub.received(token).stream().filter(call -> call.method().equals("POST")).count());
    }

    private String connectedWithNewToken() {
        String token = stub.newValidToken();
        given().contentType(ContentType.JSON).body(Map.of("apiToken", token))
                .put("/api/connectors/teamviewer").then().statusCode(200);
        return token;
    }

    private ConsumerRecord<String, String> one(String topic, CloudEvent<SessionRequested> request) {
        List<ConsumerRecord<String, String>> records = Events.await(kafka, topic, request.data().sessionId(), 1,
                WAIT);
        assertEquals(1, records.size(), "expected an event on " + topic);
        return records.get(0);
    }

    private UUID registeredDevice() {
        UUID device = UUID.randomUUID();
        Events.publish(kafka, Events.event(EventType.DEVICE_REGISTERED, new DeviceSnapshot(device, "MAC-1",
                "MACOS", "15", "SN-" + device, "user@example.com", false, Instant.now())));
        Events.eventually("the connector knows the device", WAIT, () -> database.deviceKnown(device, false));
        return device;
    }

    private static CloudEvent<SessionRequested> request(UUID device) {
        return Events.event(EventType.SESSION_REQUESTED,
                new SessionRequested(UUID.randomUUID(), device, "admin@example.com", Instant.now()));
    }
}
