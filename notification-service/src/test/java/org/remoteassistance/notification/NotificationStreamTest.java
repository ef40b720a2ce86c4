package org.remoteassistance.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.notification.rest.LiveNotificationFeed;
import org.remoteassistance.notification.service.NotificationSignals;
import org.remoteassistance.testing.EventStream;
import org.remoteassistance.testing.ServiceTestResource;

/** A device listening on the stream gets its own new notification as a server-sent event, and no other device's. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class NotificationStreamTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL base;

    @Inject
    LiveNotificationFeed feed;

    @Inject
    DataSource dataSource;

    @Test
    void aListeningDeviceReceivesItsNewNotificationAsAnEvent() throws Exception {
        UUID deviceId = UUID.randomUUID();
        UUID otherDevice = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        try (EventStream stream = listen(deviceId)) {
            // the stream is live: only notifications issued from now on are pushed
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.listening(deviceId));

            TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                    TestEvents.acknowledged(UUID.randomUUID(), otherDevice, "s10-000-001")));
            TestEvents.publishBinary(kafka, TestEvents.event(EventType.SESSION_ACKNOWLEDGED,
                    TestEvents.acknowledged(sessionId, deviceId, "s10-000-002")));

            String data = stream.nextData(Duration.ofSeconds(20));
            assertNotNull(data, "no notification event arrived on the stream");
            JsonNode item = CloudEventCodec.json().readTree(data);
            assertEquals(sessionId.toString(), item.get("sessionId").asText(), "the device's own notification");
            assertEquals(CompanyPortalNotificationTest.MESSAGE, item.get("message").asText());
            assertEquals("s10-000-002", item.get("sessionCode").asText());
            assertTrue(item.get("actionable").asBoolean());
            assertEquals(200, stream.response().statusCode());
            assertTrue(stream.response().headers().firstValue("content-type").orElse("")
                    .startsWith("text/event-stream"));

            String listed = CompanyPortalNotificationTest.awaitNotifications(deviceId, 1).extract()
                    .path("items[0].id");
            assertEquals(listed, item.get("id").asText(), "the same notification as in the list");
        }
    }

    /**
     * Another instance issued it (here: its row and its signal committed on a connection of the test's own, as that
     * instance's transaction would): the device listening on this instance gets it all the same.
     */
    @Test
    void aNotificationAnotherInstanceIssuedReachesTheStreamOpenHere() throws Exception {
        UUID deviceId = UUID.randomUUID();
        UUID notificationId = UUID.randomUUID();
        try (EventStream stream = listen(deviceId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.listening(deviceId));
            try (Connection otherInstance = dataSource.getConnection()) {
                otherInstance.setAutoCommit(false);
                try (PreparedStatement insert = otherInstance.prepareStatement("INSERT INTO company_portal_notification"
                        + " (id, device_id, session_id, title, message, end_customer_link, session_code, instructions,"
                        + " actionable, issued_at) VALUES (?, ?, ?, 'Remote assistance', 'From the other instance',"
                        + " 'https://get.teamviewer.com/s1', 's12-345-678', 'Open it', true, now())");
                        PreparedStatement signal = otherInstance.prepareStatement("SELECT pg_notify(?, ?)")) {
                    insert.setObject(1, notificationId);
                    insert.setObject(2, deviceId);
                    insert.setObject(3, UUID.randomUUID());
                    insert.executeUpdate();
                    signal.setString(1, NotificationSignals.CHANNEL);
                    signal.setString(2, deviceId + "/" + notificationId);
                    signal.executeQuery().close();
                }
                otherInstance.commit();
            }
            String data = stream.nextData(Duration.ofSeconds(20));
            assertNotNull(data, "the other instance's notification did not arrive on the stream");
            JsonNode item = CloudEventCodec.json().readTree(data);
            assertEquals(notificationId.toString(), item.get("id").asText());
            assertEquals("s12-345-678", item.get("sessionCode").asText());
        }
    }

    /**
     * Signals sent while this instance was not listening are lost to it: once it listens again, every open stream
     * ends, and its client reconnects and reads its list again.
     */
    @Test
    void openStreamsEndWhenTheInstanceListensAgainAfterLosingItsConnection() throws Exception {
        UUID deviceId = UUID.randomUUID();
        try (EventStream stream = listen(deviceId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.listening(deviceId));
            try (Connection connection = dataSource.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
                        + NotificationSignals.CHANNEL + "' AND pid <> pg_backend_pid()");
            }
            // the server ended the stream
            await().atMost(Duration.ofSeconds(20)).until(() -> !feed.listening(deviceId));
            assertTrue(stream.received().stream().noneMatch(line -> line.startsWith("data:")),
                    "nothing was sent on it: " + stream.received());
        }
    }

    /** Opens the device's stream with the device's own token, as its Company Portal does. */
    private EventStream listen(UUID deviceId) {
        return EventStream.open(URI.create(base + "api/devices/" + deviceId + "/notifications/stream"),
                ServiceTestResource.TestTokens.device(deviceId));
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        UUID deviceId = UUID.randomUUID();
        String shortLived = ServiceTestResource.TestTokens.bearer(ServiceTestResource.TestTokens.tokens()
                .sign("device:" + deviceId, "device", deviceId.toString(), Duration.ofSeconds(3)));
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(base + "api/devices/" + deviceId + "/notifications/stream"))
                .header("Accept", "text/event-stream").header("Authorization", shortLived).GET().build();
        long opened = System.nanoTime();
        CompletableFuture<Long> ended = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().count());
        // the server ends the stream at the token's expiry (it delivered codes and links long after it)
        ended.get(20, TimeUnit.SECONDS);
        assertTrue(Duration.ofNanos(System.nanoTime() - opened).toMillis() >= 1000, "not before the expiry");
        // its listener is gone (counted by device: another test's stream may close meanwhile)
        await().atMost(Duration.ofSeconds(5)).until(() -> !feed.listening(deviceId));
    }
}
