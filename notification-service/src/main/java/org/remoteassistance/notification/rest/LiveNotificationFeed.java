package org.remoteassistance.notification.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.remoteassistance.notification.config.NotificationSettings;

/**
 * The devices listening on this instance and the notifications pushed to them. Each notification issued, by this
 * instance or another, is handed here by {@link NotificationSignals} once its transaction has committed (a rolled-back
 * one never shows), for the devices listening here only.
 */
@ApplicationScoped
public class LiveNotificationFeed {

    private record Delivery(UUID deviceId, NotificationItem item) {
    }

    /** The streams' source, and its serialized entry: notifications arrive on one thread, restarts on another. */
    private record Source(BroadcastProcessor<Delivery> broadcast, Flow.Subscriber<Delivery> entry) {

        static Source create() {
            BroadcastProcessor<Delivery> broadcast = BroadcastProcessor.create();
            return new Source(broadcast, broadcast.serialized());
        }
    }

    private volatile Source source = Source.create();
    private final AtomicInteger listeners = new AtomicInteger();
    private final Map<UUID, AtomicInteger> listenersByDevice = new ConcurrentHashMap<>();

    @Inject
    NotificationSettings settings;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void registerGauge() {
        registry.gauge("notifications.stream.listeners", listeners);
    }

    /** Whether the device has a stream open on this instance. */
    public boolean listening(UUID deviceId) {
        AtomicInteger count = listenersByDevice.get(deviceId);
        return count != null && count.get() > 0;
    }

    /** Pushes a committed notification to the device's streams on this instance. */
    public void deliver(UUID deviceId, NotificationItem item) {
        source.entry().onNext(new Delivery(deviceId, item));
    }

    /** Ends every open stream (their clients reconnect and read their list again). */
    public void restart() {
        Source ended = source;
        source = Source.create();
        ended.entry().onComplete();
    }

    /**
     * The notifications issued for one device from now on, until {@code closeAt}. A client that falls more than the
     * stream buffer behind loses its stream rather than slowing the others; it reconnects and re-reads the list.
     */
    public Multi<NotificationItem> of(UUID deviceId, Instant closeAt) {
        Duration openFor = Duration.between(Instant.now(), closeAt);
        if (openFor.isNegative() || openFor.isZero()) {
            return Multi.createFrom().empty();
        }
        return source.broadcast()
                .filter(delivery -> delivery.deviceId().equals(deviceId))
                .map(Delivery::item)
                .onOverflow().buffer(settings.streamBuffer())
                .select().first(openFor)
                .onSubscription().invoke(() -> {
                    listeners.incrementAndGet();
                    listenersByDevice.computeIfAbsent(deviceId, device -> new AtomicInteger()).incrementAndGet();
                })
                .onTermination().invoke(() -> {
                    listeners.decrementAndGet();
                    listenersByDevice.computeIfPresent(deviceId,
                            (device, count) -> count.decrementAndGet() <= 0 ? null : count);
                });
    }

    /**
     * When a stream opened {@code now} closes: when the caller's token expires, and after the stream's maximum age
     * whatever the token says, so that a client shows its token again at least that often. A stream is authorised
     * once, when it opens; without this it would go on delivering codes and links to a token long expired.
     */
    public static Instant closeAt(Instant now, Optional<Instant> tokenExpiry, Duration maxAge) {
        Instant oldest = now.plus(maxAge);
        return tokenExpiry.filter(expiry -> expiry.isBefore(oldest)).orElse(oldest);
    }

    /** Clients listening on this instance now. */
    public int listeners() {
        return listeners.get();
    }
}
