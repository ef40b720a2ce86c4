package org.remoteassistance.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.remoteassistance.events.CloudEventCodec;

/**
 * One record of the dead-letter topic: where it sits there, the record it is a copy of (origin topic, partition and
 * offset, from SmallRye's {@code dead-letter-*} headers), the event's CloudEvents attributes (binary-mode headers;
 * blank for a structured-mode or headerless record) and the reason. SmallRye copies the original record's key, value
 * and headers into the dead letter; {@link #originalHeaders()} gives them back without its own.
 */
record DeadLetter(int partition, long offset, Instant deadLetteredAt, Origin origin, String type, String id,
        String source, String time, byte[] key, String reason, String replayedFrom, byte[] value,
        List<Header> headers) {

    static final String REASON = "dead-letter-reason";
    static final String TOPIC = "dead-letter-topic";
    static final String PARTITION = "dead-letter-partition";
    static final String OFFSET = "dead-letter-offset";
    /** On a replayed record: the origin of the record it replays, {@code <topic>-<partition>@<offset>}. */
    static final String REPLAYED_FROM = "replayed-from";

    /** Where a record was, or is, on its topic. */
    record Origin(String topic, int partition, long offset) {

        static Origin parse(String text) {
            int at = text.lastIndexOf('@');
            int dash = text.lastIndexOf('-', at);
            if (at < 0 || dash < 0) {
                throw new IllegalArgumentException("not <topic>-<partition>@<offset>: " + text);
            }
            return new Origin(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1, at)),
                    Long.parseLong(text.substring(at + 1)));
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        Origin origin = null;
        String topic = header(headers, TOPIC);
        if (!topic.isEmpty()) {
            origin = new Origin(topic, parseInt(header(headers, PARTITION)), parseLong(header(headers, OFFSET)));
        }
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), origin,
                header(headers, CloudEventCodec.HEADER_TYPE), header(headers, CloudEventCodec.HEADER_ID),
                header(headers, CloudEventCodec.HEADER_SOURCE), header(headers, CloudEventCodec.HEADER_TIME),
                record.key(), header(headers, REASON), header(headers, REPLAYED_FROM), record.value(), headers);
    }

    /** The record's own headers ({@code ce_*}, {@code content-type}, …), without those the dead-lettering added. */
    List<Header> originalHeaders() {
        List<Header> original = new ArrayList<>();
        for (Header header : headers) {
            if (!header.key().startsWith("dead-letter-") && !header.key().startsWith("deserialization-failure-")
                    && !header.key().equals(REPLAYED_FROM)) {
                original.add(new RecordHeader(header.key(), header.value()));
            }
        }
        return original;
    }

    /** Where this dead letter sits on the dead-letter topic, {@code <partition>@<offset>}. */
    String at() {
        return partition + "@" + offset;
    }

    boolean replayable() {
        return origin != null && origin.partition() >= 0 && origin.offset() >= 0;
    }

    String keyText() {
        return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    static String header(List<Header> headers, String name) {
        String value = "";
        for (Header header : headers) {
            if (header.key().equals(name) && header.value() != null) {
                value = new String(header.value(), StandardCharsets.UTF_8); // the last one wins, as Kafka's lastHeader
            }
        }
        return value;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
