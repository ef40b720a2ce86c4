package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.deadletters.DeadLettersMain;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.SessionRequested;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;

/**
 * Allowed publishers and dead letters an operator can act on: a {@code SessionRequested} from a source nobody listed
 * is refused by every consumer with the reason and has no effect; once the operator lists the source (the consumers
 * restarted with the setting) and replays it with {@code bin/dead-letters}, it takes effect exactly once, and
 * replaying it again changes nothing.
 */
class DeadLetterReplayIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String UNLISTED = "/itsm";
    /** The consumer groups of SessionRequested: each refuses the event, each must take it once replayed. */
    static final int CONSUMERS = Consumers.of(Topics.SESSION_REQUESTED);

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void startSystem() {
        system = RunningSystem.get();
        api = new Api(system);
        api.connectConnector();
    }

    @Test
    void aRequestFromAnUnlistedSourceIsRefusedThenReplayedAfterTheFixAndTakesEffectOnce() throws Exception {
        String device = api.registerDevice("replay-target");
        api.awaitKnownEverywhere(device, WAIT);
        String sessionId = UUID.randomUUID().toString();
        CloudEvent<SessionRequested> event = new CloudEvent<>(UUID.randomUUID().toString(),
                EventType.SESSION_REQUESTED, UNLISTED, Instant.now(), CloudEventCodec.SCHEMA_VERSION,
                new SessionRequested(UUID.fromString(sessionId), UUID.fromString(device), "itsm-bot", Instant.now()));
        KafkaTestClient.publish(system.kafka(), Topics.SESSION_REQUESTED, sessionId,
                CloudEventCodec.dataJson(event.data()), CloudEventCodec.binaryHeaders(event));

        // refused by every consumer, with the reason: a dead letter is what a consumer writes once it has judged it
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> deadLetters(event.id()).size() >= CONSUMERS);
        for (ConsumerRecord<String, String> letter : deadLetters(event.id())) {
            assertTrue(TopicReader.header(letter, "dead-letter-reason").startsWith("source '/itsm' is not allowed to "
                    + "publish SessionRequested; allowed: /session-service, /fault-tests, /helpdesk-portal"),
                    TopicReader.header(letter, "dead-letter-reason"));
        }
        // and it had no effect anywhere
        assertEquals(404, api.call("GET", "session", "/api/sessions/" + sessionId, null, Map.of()).status());
        assertEquals(0, onTopic(Topics.SESSION_ACKNOWLEDGED, sessionId), "no partner session");
        assertEquals(0, api.notifications(device).path("items").size(), "no notification");
        assertNotEquals(sessionId, api.overview(device).path("remoteAssistance").path("sessionId").asText(),
                "not on the device's overview");

        // the operator finds them with the tool (on the SASL listener, as the services log in)
        String listed = tool("list", "--topic", "session-requested", "--id", event.id());
        assertEquals(CONSUMERS, listed.lines().filter(line -> line.contains(event.id())).count(), listed);
        assertTrue(listed.lines().filter(line -> line.contains(event.id())).allMatch(line ->
                line.contains(Topics.SESSION_REQUESTED + "-") && line.contains("\tSessionRequested\t")
                        && line.contains("\t" + UNLISTED + "\t") && line.contains("\t" + sessionId + "\t")
                        && line.contains("\tno\t") && line.contains("is not allowed to publish")), listed);

        // lists the source, restarting the consumers with the setting, and replays what was refused for it
        system.restartWith(Map.of("REMOTE_ASSISTANCE_EVENTS_ALLOWED_SOURCES_SESSION_REQUESTED",
                "/helpdesk-portal," + UNLISTED), "session", "device", "connector");
        String replayed = tool("replay", "--topic", "session-requested", "--reason", "source '/itsm' is not allowed");
        assertTrue(replayed.contains("1 record(s) replayed, 0 skipped"), "one record for three dead letters: "
                + replayed);
        String replay = replayedAs(replayed, event.id());

        assertAcknowledgedAndNotifiedOnce(sessionId, device);
        awaitConsumedByEveryConsumer(replay);
        assertEquals(CONSUMERS, deadLetters(event.id()).size(), "not refused again");

        // a second replay is skipped: the tool sees the first one on the topic
        String again = tool("replay", "--topic", "session-requested", "--reason", "source '/itsm' is not allowed");
        assertTrue(again.contains("0 record(s) replayed, 1 skipped") && again.contains("already replayed as "
                + replay), again);
        // and forced, it changes nothing: every consumer's inbox knows the event id
        String forced = tool("replay", "--id", event.id(), "--again");
        awaitConsumedByEveryConsumer(replayedAs(forced, event.id()));
        assertAcknowledgedAndNotifiedOnce(sessionId, device);
        assertEquals(CONSUMERS, deadLetters(event.id()).size(), "nothing dead-lettered");
        assertEquals(1, api.expect(200, "GET", "session", "/api/sessions?deviceId=" + device, null).body()
                .path("total").asInt(), "one session for the device");
    }

    /** What a single replay of the event became: {@code <topic>-<partition>@<offset>}. */
    private static String replayedAs(String output, String eventId) {
        Matcher replayed = Pattern.compile("replayed \\S+ as (\\S+): \\S+ " + Pattern.quote(eventId)).matcher(output);
        assertTrue(replayed.find(), output);
        return replayed.group(1);
    }

    /** Every consumer group of SessionRequested has committed past the record: it has been processed. */
    private static void awaitConsumedByEveryConsumer(String record) {
        int at = record.lastIndexOf('@');
        int dash = record.lastIndexOf('-', at);
        TopicPartition partition = new TopicPartition(record.substring(0, dash),
                Integer.parseInt(record.substring(dash + 1, at)));
        Consumers.awaitPast(system.kafka(), List.of(new RecordMetadata(partition,
                Long.parseLong(record.substring(at + 1)), 0, 0, 0, 0)), WAIT);
    }

    /** The session is acknowledged and notified, and each happened once. */
    private static void assertAcknowledgedAndNotifiedOnce(String sessionId, String device) throws Exception {
        api.awaitAcknowledgedAndNotified(sessionId, WAIT);
        assertEquals(1, onTopic(Topics.SESSION_ACKNOWLEDGED, sessionId), "acknowledged once");
        assertEquals(1, onTopic(Topics.NOTIFICATION_ISSUED, sessionId), "notified once");
        assertEquals(1, api.notifications(device).path("items").size(), "one notification on the device");
    }

    private static long onTopic(String topic, String key) {
        return TopicReader.readAll(system.kafka(), topic).stream().filter(record -> key.equals(record.key()))
                .map(TopicReader::eventId).distinct().count();
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String eventId) {
        return TopicReader.readAll(system.kafka(), Topics.DEAD_LETTER).stream()
                .filter(record -> eventId.equals(TopicReader.eventId(record))).toList();
    }

    /** Runs {@code bin/dead-letters}' main class in this JVM against the SASL listener; returns what it printed. */
    private static String tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DeadLettersMain.run(args, system.kafkaSaslEnvironment(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.printf("bin/dead-letters %s%n%s%s", String.join(" ", args), printed,
                err.toString(StandardCharsets.UTF_8));
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }
}
