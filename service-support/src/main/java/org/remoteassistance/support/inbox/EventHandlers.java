package org.remoteassistance.support.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventData;
import org.remoteassistance.events.EventType;

/**
 * What one consumer does with each event type it reads, for {@link EventPipeline}: each handler runs inside the
 * pipeline's transaction, after the inbox has recorded the event's first delivery (or, for handlers that call out of
 * the process, {@link #outsideTransactions}), and throws {@link org.remoteassistance.events.InvalidEventException} for
 * an event it refuses.
 */
public final class EventHandlers {

    private final Map<EventType<?>, Consumer<CloudEvent<?>>> handlers = new LinkedHashMap<>();
    private Duration grace = Duration.ZERO;
    private KeyLanes lanes;

    /** Handles events of {@code type}; a topic may carry several types, each with its own handler. */
    @SuppressWarnings("unchecked")
    public <T extends EventData> EventHandlers on(EventType<T> type, Consumer<CloudEvent<T>> handler) {
        handlers.put(type, event -> handler.accept((CloudEvent<T>) event));
        return this;
    }

    /**
     * How long an event whose handler throws {@link EventNotYetApplicable} waits for what it depends on before it is
     * dead-lettered (none by default). Keep what it waits for on another channel: this one waits meanwhile.
     */
    public EventHandlers awaiting(Duration grace) {
        this.grace = grace;
        return this;
    }

    Duration grace() {
        return grace;
    }

    /**
     * For handlers that call out of the process (a partner's API) and wait for other events: each event is handled
     * outside any transaction of the pipeline's (the handler keeps its own short ones and records the event in the
     * inbox itself, with its effect), up to {@code atOnce} events at a time, in order per record key; the poll goes on
     * meanwhile, so an event that waits holds up neither the others nor the next poll.
     */
    public EventHandlers outsideTransactions(int atOnce) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("at least one event at once, not " + atOnce);
        }
        this.lanes = new KeyLanes(atOnce);
        return this;
    }

    /** The lanes of {@link #outsideTransactions}; null for handlers run in the pipeline's transaction. */
    KeyLanes lanes() {
        return lanes;
    }

    /**
     * The type a record is read as: the one registered for its topic, or, where its topic carries several, the one
     * its CloudEvents type names (the first registered when it names none of them, so that the decoder refuses it
     * with the reason).
     */
    EventType<?> typeOf(ConsumerRecord<String, String> record) {
        List<EventType<?>> candidates = new ArrayList<>();
        for (EventType<?> type : handlers.keySet()) {
            if (type.topic().equals(record.topic())) {
                candidates.add(type);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no handler for topic " + record.topic());
        }
        if (candidates.size() > 1) {
            String named = cloudEventType(record);
            for (EventType<?> type : candidates) {
                if (type.name().equals(named)) {
                    return type;
                }
            }
        }
        return candidates.get(0);
    }

    void apply(CloudEvent<?> event) {
        handlers.get(event.type()).accept(event);
    }

    /** The CloudEvents type, from the binary-mode header or the structured-mode body; null when neither says. */
    private static String cloudEventType(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(CloudEventCodec.HEADER_TYPE);
        if (header != null && header.value() != null) {
            return new String(header.value(), StandardCharsets.UTF_8);
        }
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode type = CloudEventCodec.json().readTree(record.value()).get("type");
            return type == null ? null : type.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
