package org.remoteassistance.deadletters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.remoteassistance.deadletters.DeadLetter.Origin;

class DeadLettersMainTest {

    @Test
    void aDeadLetterNamesItsOriginAndGivesBackTheOriginalHeaders() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("remote-assistance.dead-letter", 2, 17,
                bytes("session-1"), bytes("{\"sessionId\":\"session-1\"}"));
        for (String[] header : new String[][] {{"dead-letter-reason", "source '/itsm' is not allowed"},
                {"dead-letter-topic", "remote-assistance.session-requested"}, {"dead-letter-partition", "3"},
                {"dead-letter-offset", "41"}, {"dead-letter-cause", "x"}, {"ce_id", "event-1"},
                {"ce_type", "SessionRequested"}, {"ce_source", "/itsm"}, {"content-type", "application/json"},
                {"replayed-from", "remote-assistance.session-requested-3@12"}}) {
            record.headers().add(header[0], bytes(header[1]));
        }

        DeadLetter letter = DeadLetter.of(record);

        assertEquals("2@17", letter.at());
        assertEquals(new Origin("remote-assistance.session-requested", 3, 41), letter.origin());
        assertEquals("remote-assistance.session-requested-3@41", letter.origin().toString());
        assertEquals(letter.origin(), Origin.parse(letter.origin().toString()));
        assertEquals("event-1", letter.id());
        assertEquals("/itsm", letter.source());
        assertEquals("session-1", letter.keyText());
        assertEquals("remote-assistance.session-requested-3@12", letter.replayedFrom());
        assertTrue(letter.replayable());
        assertEquals(List.of("ce_id", "ce_type", "ce_source", "content-type"),
                letter.originalHeaders().stream().map(Header::key).toList());
        assertEquals(new RecordHeader("ce_id", bytes("event-1")), letter.originalHeaders().get(0));
    }

    @Test
    void aRecordWithoutOriginHeadersCannotBeReplayed() {
        DeadLetter letter = DeadLetter.of(new ConsumerRecord<>("remote-assistance.dead-letter", 0, 0, null,
                bytes("{}")));
        assertFalse(letter.replayable());
        assertEquals("", letter.keyText());
    }

    @Test
    void replayWantsAllOrAFilter() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DeadLettersMain.run(new String[] {"replay"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("replay what?"));
        assertEquals(2, DeadLettersMain.run(new String[] {"replay", "--dead-letter", "zero"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void filtersMatchTheOriginTopicByEitherNameAndTheReasonInAnyCase() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("remote-assistance.dead-letter", 0, 5, null,
                bytes("{}"));
        record.headers().add("dead-letter-topic", bytes("remote-assistance.session-requested"));
        record.headers().add("dead-letter-partition", bytes("0"));
        record.headers().add("dead-letter-offset", bytes("9"));
        record.headers().add("dead-letter-reason", bytes("Source '/itsm' is not allowed"));
        DeadLetter letter = DeadLetter.of(record);

        assertTrue(options("--topic", "session-requested", "--reason", "NOT ALLOWED").filter().test(letter));
        assertTrue(options("--topic", "remote-assistance.session-requested", "--dead-letter", "0@5").filter()
                .test(letter));
        assertFalse(options("--topic", "session-ended").filter().test(letter));
        assertFalse(options("--reason", "not JSON").filter().test(letter));
    }

    @Test
    void kafkaSettingsComeFromTheEnvironmentAsTheServicesTakeThem() {
        KafkaSettings settings = KafkaSettings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_HOME",
                "/opt/kafka", "PATH", "/bin"), null);
        assertEquals("broker:9093", settings.bootstrapServers());
        assertEquals("SASL_SSL", settings.consumer().get("security.protocol"));
        assertEquals("SCRAM-SHA-512", settings.producer().get("sasl.mechanism"));
        assertFalse(settings.consumer().containsKey("home"), "not a client setting");
        assertEquals("other:9092", KafkaSettings.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9093"),
                "other:9092").bootstrapServers());
        assertEquals("localhost:9092", KafkaSettings.from(Map.of(), null).bootstrapServers());
    }

    @Test
    void valuesAreShownOnOneLine() {
        assertEquals("a?b?c", DeadLettersMain.shown("a\tb\nc"));
        assertEquals("-", DeadLettersMain.shown(""));
    }

    private static DeadLettersMain.Options options(String... filters) {
        String[] args = new String[filters.length + 1];
        args[0] = "list";
        System.arraycopy(filters, 0, args, 1, filters.length);
        return DeadLettersMain.Options.parse(args);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
