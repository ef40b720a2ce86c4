package org.remoteassistance.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.remoteassistance.events.CloudEvent;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.events.Topics;
import org.remoteassistance.support.failure.PassingFailures;
import org.remoteassistance.support.logging.LogContext;
import org.remoteassistance.support.outbox.RelayedEvents;
import org.remoteassistance.support.shutdown.ConsumerDrain;
import org.remoteassistance.support.tracing.EventTraces;

/**
 * The one way a service applies the events it consumes: a poll's records (but those this instance published itself,
 * {@link RelayedEvents}), read and checked against the contract
 * ({@link IncomingEvents#decode}), then applied in <em>one</em> transaction per partition number (side by side) that
 * records them all in the inbox in one statement (a redelivered event is skipped), runs each new one's handler in the
 * order of its partition and writes whatever they publish to the outbox; then every record is acknowledged.
 *
 * <ul>
 *   <li>A record that cannot be read is dead-lettered with the reason, and the others go on.</li>
 *   <li>A passing failure (the database away, a lock conflict) is retried in place with backoff, for as long as it
 *       lasts; the partition waits, nothing is skipped.</li>
 *   <li>Any other failure rolls the whole batch back, and its events are applied again one transaction each (a race
 *       lost on a unique index is settled that way), so that only the one that fails again is dead-lettered, with
 *       its reason, through the channel's failure strategy.</li>
 *   <li>An event that depends on one not applied yet ({@link EventNotYetApplicable}) waits for it, up to the
 *       handlers' grace, woken by each event applied ({@link EventArrivals}), then is dead-lettered.</li>
 * </ul>
 * Handlers that call out of the process ({@link EventHandlers#outsideTransactions}: the connector's partner calls)
 * get the same reading, checks, dead letters and retries, but each event is handled outside the pipeline's
 * transactions, several side by side, in order per record key, while the poll goes on.
 * The channel is a batch channel ({@code batch=true}) consumed by a {@code @Blocking} method taking a
 * {@link KafkaRecordBatch} and returning what this returns; its records are acknowledged here, one by one, before
 * this returns.
 */
@ApplicationScoped
public class EventPipeline {

    private static final Logger LOG = Logger.getLogger(EventPipeline.class);

    @Inject
    IncomingEvents incoming;

    @Inject
    Inbox inbox;

    @Inject
    EventArrivals arrivals;

    @Inject
    MeterRegistry registry;

    @Inject
    RelayedEvents relayed;

    @Inject
    ConsumerDrain drain;

    @Inject
    EventTraces traces;

    /**
     * Threads for the work done side by side (partition groups, lanes). Plain threads on purpose: Quarkus' worker pool
     * runs a task in the Vert.x context of whoever submitted it, here the poll's, so tasks running at once would share
     * one context, and with it the logging context and the current trace, each overwriting the others'.
     */
    private final ExecutorService sideBySide = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "event-worker-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /** The inbox's name for this service: the events it has processed. */
    @ConfigProperty(name = "quarkus.application.name")
    String consumer;

    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch, EventHandlers handlers) {
        List<CompletionStage<Void>> outcomes = new ArrayList<>();
        List<Decoded> decoded = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            ConsumerRecord<String, String> consumed = consumerRecord(record);
            if (consumed.value() == null && Topics.DEVICES.equals(consumed.topic())) {
                // a tombstone of the compacted devices topic only tells compaction to drop the key: nothing to apply
                outcomes.add(record.ack());
                continue;
            }
            if (relayed.sentHere(header(consumed, CloudEventCodec.HEADER_ID))) {
                // this instance published it, with its change: nothing to apply, no transaction to spend
                outcomes.add(record.ack());
                continue;
            }
            try {
                decoded.add(new Decoded(record, consumed, incoming.decode(handlers.typeOf(consumed), consumed)));
            } catch (InvalidEventException e) {
                outcomes.add(record.nack(e)); // counted and logged by decode
            }
        }
        if (handlers.lanes() != null) {
            decoded.forEach(d -> serve(d, handlers));
        } else if (!decoded.isEmpty()) {
            // the partitions of a poll are applied side by side, each group in a transaction of its own: the events of
            // one session share a partition number on every topic (same key, same partition count), so their order
            // holds, and one group's round trips to the database overlap another's instead of queueing behind them
            Collection<List<Decoded>> groups = decoded.stream().collect(Collectors.groupingBy(
                    d -> d.consumed().partition(), LinkedHashMap::new, Collectors.toList())).values();
            if (groups.size() == 1) {
                outcomes.addAll(applyGroup(decoded, handlers));
            } else {
                List<CompletableFuture<List<CompletionStage<Void>>>> running = groups.stream()
                        .map(group -> CompletableFuture.supplyAsync(() -> applyGroup(group, handlers), sideBySide))
                        .toList();
                running.forEach(group -> outcomes.addAll(group.join()));
            }
            arrivals.applied();
        }
        // dead letters sent and offsets handed to the commit strategy before the next poll's batch
        CompletableFuture.allOf(outcomes.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new)).join();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * An event for handlers that call out of the process ({@link EventHandlers#outsideTransactions}): handed to its
     * key's lane, and acknowledged or dead-lettered there once handled, after this poll's batch has returned. Kafka
     * commits an offset only once every record before it is acknowledged, so a stop before then means a redelivery,
     * which the handler's inbox settles. Counted in for the drain at shutdown from the moment it is handed over (the
     * consumer's own call, {@code @Drained}, was let in before the service began to stop, and is counted until then).
     */
    private void serve(Decoded event, EventHandlers handlers) {
        drain.handedOn();
        String key = event.consumed().key() != null ? event.consumed().key()
                : event.consumed().topic() + "-" + event.consumed().partition() + "@" + event.consumed().offset();
        try {
            handlers.lanes().submit(key, () -> serveInLane(event, handlers), sideBySide);
        } catch (RuntimeException notHandedOver) {
            // the pool refuses work once the service has stopped: the record is consumed again by the next start
            drain.end();
            throw notHandedOver;
        }
    }

    /**
     * In its lane: handled, then acknowledged, or dead-lettered with the reason; in the event's trace, with the session
     * in every log line.
     */
    private void serveInLane(Decoded event, EventHandlers handlers) {
        try (EventTraces.Handling handling = traces.handling(event.consumed(), event.event())) {
            try {
                incoming.retryingPassingFailures(event.event().type(), event.consumed(),
                        () -> handlers.apply(event.event()));
                event.record().ack();
            } catch (RuntimeException failure) {
                handling.failed(failure);
                refuse(event, failure);
            }
        } finally {
            drain.end();
        }
    }

    /** One partition's events: in one transaction, or, when that fails, one transaction each. */
    private List<CompletionStage<Void>> applyGroup(List<Decoded> group, EventHandlers handlers) {
        List<CompletionStage<Void>> outcomes = new ArrayList<>();
        try {
            applyRetrying(group, handlers);
            group.forEach(d -> outcomes.add(d.record().ack()));
        } catch (RuntimeException batchFailure) {
            // one event of it cannot be applied (or not yet, or a race lost, which a fresh transaction settles)
            LOG.debugf("A batch of %d events failed (%s); applying them one at a time", group.size(), batchFailure);
            for (Decoded single : group) {
                outcomes.add(applyAlone(single, handlers));
            }
        }
        return outcomes;
    }

    private CompletionStage<Void> applyAlone(Decoded single, EventHandlers handlers) {
        try (LogContext about = LogContext.of(single.event().data())) {
            return applyAloneWaiting(single, handlers);
        }
    }

    private CompletionStage<Void> applyAloneWaiting(Decoded single, EventHandlers handlers) {
        Instant giveUp = Instant.now().plus(handlers.grace());
        while (true) {
            long seen = arrivals.seen();
            try {
                applyRetrying(List.of(single), handlers);
                return single.record().ack();
            } catch (EventNotYetApplicable notYet) {
                if (!Instant.now().isBefore(giveUp)) {
                    return refuse(single, new InvalidEventException(notYet.getMessage()));
                }
                // what it depends on, on another topic, may still be on its way: look again once an event is applied
                arrivals.awaitAfter(seen, giveUp);
            } catch (RuntimeException failure) {
                return refuse(single, failure);
            }
        }
    }

    /** The batch in one transaction, again and again while it fails in passing. */
    private void applyRetrying(List<Decoded> batch, EventHandlers handlers) {
        Decoded first = batch.get(0);
        String what = first.consumed().topic() + "-" + first.consumed().partition() + "@"
                + first.consumed().offset() + (batch.size() > 1 ? " (+" + (batch.size() - 1) + ")" : "");
        PassingFailures.retry(what, () -> {
            QuarkusTransaction.requiringNew().run(() -> applyOnce(batch, handlers));
            return null;
        }, () -> registry.counter("events.retried", "topic", first.consumed().topic()).increment());
    }

    private void applyOnce(List<Decoded> batch, EventHandlers handlers) {
        List<CloudEvent<?>> events = batch.stream().<CloudEvent<?>>map(Decoded::event).toList();
        Set<String> firstDeliveries = inbox.firstDeliveries(events, consumer);
        for (Decoded decoded : batch) {
            // remove: the same event twice in one batch is applied once
            if (firstDeliveries.remove(decoded.event().id())) {
                // in the event's trace: what it publishes continues it
                try (EventTraces.Handling handling = traces.handling(decoded.consumed(), decoded.event())) {
                    handlers.apply(decoded.event());
                }
            } else {
                LOG.debugf("Event %s was already processed", decoded.event().id());
            }
        }
    }

    private CompletionStage<Void> refuse(Decoded single, RuntimeException failure) {
        if (failure instanceof InvalidEventException invalid) {
            incoming.rejected(single.event().type(), single.consumed(), invalid);
        } else {
            registry.counter("events.dead.lettered", "topic", single.consumed().topic()).increment();
            LOG.errorf(failure, "Could not apply a record from %s-%d@%d; the failure strategy takes it", single.consumed().topic(),
                    single.consumed().partition(), single.consumed().offset());
        }
        return single.record().nack(failure);
    }

    /** Once the consumers have drained (ConsumerDrain): nothing is handed over any more. */
    @PreDestroy
    void stop() {
        sideBySide.shutdown();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        return (ConsumerRecord<String, String>) record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a record consumed from Kafka"))
                .getRecord();
    }

    private record Decoded(KafkaRecord<String, String> record, ConsumerRecord<String, String> consumed,
            CloudEvent<?> event) {
    }
}
