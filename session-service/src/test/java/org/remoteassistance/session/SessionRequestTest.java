package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/** The admin requests sessions: the rules a request must pass and what it publishes. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionRequestTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TestEvents events;

    @BeforeEach
    void connect() {
        events = new TestEvents(kafka);
    }

    @Test
    void requestAnswersTheRequestedSessionAndPublishesSessionRequested() {
        UUID deviceId = events.registeredDevice();

        String id = TestEvents.requestWhenKnown(deviceId,
                        Map.of("Authorization", TestTokens.helpdesk("alice@example.com")))
                .then().statusCode(202)
                .header("Location", containsString("/api/sessions/"))
                .body("deviceId", equalTo(deviceId.toString()))
                .body("status", equalTo("REQUESTED"))
                .body("requestedBy", equalTo("alice@example.com"))
                .body("requestedAt", notNullValue())
                .body("sessionCode", nullValue())
                .body("endReason", nullValue())
                .extract().path("id");

        SessionRequested published = events.awaitOne(EventType.SESSION_REQUESTED, id);
        assertEquals(UUID.fromString(id), published.sessionId());
        assertEquals(deviceId, published.deviceId());
        assertEquals("alice@example.com", published.requestedBy());
        String requestedAt = given().get("/api/sessions/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("REQUESTED"))
                .extract().path("requestedAt");
        assertEquals(published.requestedAt(), Instant.parse(requestedAt),
                "the event and the API show the same request time");
        assertNull(published.reason());
        assertNull(published.ticketId());
        assertNull(published.showReasonToUser(), "left out when not asked for");
    }

    /** The reason and the ticket go with the session, its event and its audit trail. */
    @Test
    void aReasonAndATicketAreRecordedPublishedAndAudited() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId, Map.of(), Map.of(
                "reason", "  Outlook crashes at start  ", "ticketId", "INC0012345", "showReasonToUser", true)));

        given().get("/api/sessions/" + id).then()
                .body("reason", equalTo("Outlook crashes at start"))
                .body("ticketId", equalTo("INC0012345"))
                .body("showReasonToUser", equalTo(true));
        SessionRequested published = events.awaitOne(EventType.SESSION_REQUESTED, id);
        assertEquals("Outlook crashes at start", published.reason());
        assertEquals("INC0012345", published.ticketId());
        assertEquals(Boolean.TRUE, published.showReasonToUser());
        given().get("/api/sessions/" + id + "/audit").then()
                .body("items[0].action", equalTo("REQUESTED"))
                .body("items[0].detail",
                        equalTo("Ticket INC0012345. Reason (shown to the device user): Outlook crashes at start."));
    }

    @Test
    void theRequestedEventContinuesTheTraceOfTheHttpRequest() {
        UUID deviceId = events.registeredDevice();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId,
                Map.of("traceparent", "00-" + trace + "-b7ad6b7169203331-01")));

        ConsumerRecord<String, String> requested = events.awaitOn(Topics.SESSION_REQUESTED, id, 1).get(0);
        String traceparent = KafkaTestClient.header(requested, "traceparent");
        assertTrue(traceparent != null && traceparent.matches("00-" + trace + "-[0-9a-f]{16}-0[01]"),
                "the caller's trace, carried through the outbox: " + traceparent);
        assertFalse(traceparent.contains("b7ad6b7169203331"), "a span of the service's own: " + traceparent);
    }

    @Test
    void requestedByIsTheCallerFromTheTokenNeverAHeader() {
        UUID deviceId = events.registeredDevice();
        String id = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId,
                Map.of("X-Requested-By", "mallory@example.com")));

        given().get("/api/sessions/" + id).then().body("requestedBy", equalTo("test-admin"));
        assertEquals("test-admin", events.awaitOne(EventType.SESSION_REQUESTED, id).requestedBy());
    }

    @Test
    void secondRequestForTheSameDeviceIsAConflictNamingTheOpenSession() {
        UUID deviceId = events.registeredDevice();
        String open = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString()))
                .post("/api/sessions")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("status", equalTo(409))
                .body("sessionId", equalTo(open))
                .body("sessionStatus", equalTo("REQUESTED"))
                .body("detail", containsString(open));

        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(open));
        assertEquals(1, events.countOn(EventType.SESSION_REQUESTED.topic(), open),
                "one SessionRequested, for the first request only");
    }

    @Test
    void sameIdempotencyKeyAnswersTheSameSessionAndCreatesNoOther() {
        UUID deviceId = events.registeredDevice();
        String key = "retry-" + UUID.randomUUID();
        String first = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId, Map.of("Idempotency-Key", key)));

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(202).body("id", equalTo(first)).body("status", equalTo("REQUESTED"));

        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions")
                .then().body("total", equalTo(1));
        assertEquals(1, events.countOn(EventType.SESSION_REQUESTED.topic(), first));
    }

    @Test
    void idempotencyKeyOfAnotherDeviceIsRefused() {
        UUID deviceId = events.registeredDevice();
        UUID otherDevice = events.registeredDevice();
        String key = "retry-" + UUID.randomUUID();
        TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId, Map.of("Idempotency-Key", key)));
        TestEvents.sessionId(TestEvents.requestWhenKnown(otherDevice)); // the other device is known too

        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("deviceId", otherDevice.toString())).post("/api/sessions")
                .then().statusCode(422).contentType(PROBLEM_JSON);
    }

    @Test
    void aDeviceRegisteredAMomentAgoCanBeRequestedAtOnce() throws Exception {
        UUID deviceId = UUID.randomUUID();
        CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").statusCode());
        // the request is in the service before the device: its DeviceRegistered is still on its way
        Thread.sleep(300);
        events.publish(EventType.DEVICE_REGISTERED, TestEvents.device(deviceId, false, Instant.now()));

        assertEquals(202, answer.get(30, TimeUnit.SECONDS));
    }

    @Test
    void unknownDeviceIsNotFound() {
        UUID unknown = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("deviceId", unknown.toString())).post("/api/sessions")
                .then().statusCode(404).contentType(PROBLEM_JSON)
                .body("title", equalTo("Device not found"))
                .body("detail", containsString(unknown.toString()));
    }

    @Test
    void retiredDeviceGetsNoSession() {
        UUID deviceId = events.registeredDevice();
        events.retire(deviceId);

        await().atMost(TestEvents.WAIT).until(() -> given().contentType(ContentType.JSON)
                .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").statusCode() == 409);
        given().contentType(ContentType.JSON).body(Map.of("deviceId", deviceId.toString())).post("/api/sessions")
                .then().statusCode(409).contentType(PROBLEM_JSON)
                .body("title", equalTo("Device retired"))
                .body("detail", containsString("retired"));
        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions").then().body("total", equalTo(0));
    }

    @Test
    void concurrentRequestsForOneDeviceOpenOneSession() throws Exception {
        UUID deviceId = events.registeredDevice();
        // make the device known first, then end that session so the race starts from a device without one
        String warmUp = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        given().contentType(ContentType.JSON).body(Map.of("reason", "CANCELLED"))
                .post("/api/sessions/" + warmUp + "/end").then().statusCode(200);

        List<java.util.concurrent.Callable<Integer>> racers = java.util.stream.IntStream.range(0, 6)
                .<java.util.concurrent.Callable<Integer>>mapToObj(i -> () -> given().contentType(ContentType.JSON)
                        .body(Map.of("deviceId", deviceId.toString())).post("/api/sessions").statusCode())
                .toList();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(racers.size());
        try {
            List<Integer> statuses = pool.invokeAll(racers).stream().map(future -> {
                try {
                    return future.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertEquals(1, statuses.stream().filter(status -> status == 202).count(), statuses.toString());
            assertEquals(racers.size() - 1, statuses.stream().filter(status -> status == 409).count(),
                    statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        given().queryParam("deviceId", deviceId.toString()).queryParam("status", "REQUESTED")
                .get("/api/sessions").then().body("total", equalTo(1));
    }

    @Test
    void listIsNewestFirstAndFiltersByDeviceAndStatus() {
        UUID deviceId = events.registeredDevice();
        String older = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPLETED"))
                .post("/api/sessions/" + older + "/end").then().statusCode(200);
        String newer = TestEvents.sessionId(TestEvents.requestWhenKnown(deviceId));

        given().queryParam("deviceId", deviceId.toString()).get("/api/sessions")
                .then().statusCode(200)
                .body("total", equalTo(2))
                .body("items.id", equalTo(List.of(newer, older)));
        given().queryParam("deviceId", deviceId.toString()).queryParam("status", "ENDED").get("/api/sessions")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(older));
        given().queryParam("status", "REQUESTED").get("/api/sessions")
                .then().statusCode(200)
                .body("items.status", everyItem(equalTo("REQUESTED")))
                .body("items.id", hasItem(newer))
                .body("items.id", not(hasItem(older)));
    }

    @Test
    void badInputIsA400Problem() {
        given().contentType(ContentType.JSON).body("{}").post("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("deviceId"));
        given().contentType(ContentType.JSON).body("{\"deviceId\": \"not-a-uuid\"}").post("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body("{\"deviceId\": ").post("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).post("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(256))
                .body(Map.of("deviceId", UUID.randomUUID().toString())).post("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("Idempotency-Key"));

        given().queryParam("status", "OPEN").get("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("detail", containsString("REQUESTED"));
        given().queryParam("deviceId", "device-1").get("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().queryParam("size", 0).get("/api/sessions")
                .then().statusCode(400).contentType(PROBLEM_JSON);
        given().get("/api/sessions/not-a-uuid")
                .then().statusCode(400).contentType(PROBLEM_JSON);
    }

    @Test
    void unknownSessionIsA404Problem() {
        String unknown = UUID.randomUUID().toString();
        given().get("/api/sessions/" + unknown)
                .then().statusCode(404).contentType(PROBLEM_JSON).body("detail", containsString(unknown));
        given().post("/api/sessions/" + unknown + "/start").then().statusCode(404).contentType(PROBLEM_JSON);
        given().header("Authorization", TestTokens.device(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(Map.of("allow", true)).post("/api/sessions/" + unknown + "/device-response")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        given().contentType(ContentType.JSON).body(Map.of("reason", "COMPLETED"))
                .post("/api/sessions/" + unknown + "/end").then().statusCode(404);
    }
}
