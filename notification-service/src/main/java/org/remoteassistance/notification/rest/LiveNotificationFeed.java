package org.remoteassistance.notification.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.remoteassistance.notification.config.NotificationSettings;
import org.remoteassistance.notification.domain.CompanyPortalNotification;

/**
 * Pushes each new notification to the devices listening on this instance, once its transaction has committed (a
 * rolled-back one never shows). It is in-process: with several instances each one streams the notifications it issued
 * itself, which is why clients re-read the list when they (re)connect.
 */
@ApplicationScoped
public class LiveNotificationFeed {

    private record Delivery(UUID deviceId, NotificationItem item) {
    }

    private final BroadcastProcessor<Delivery> broadcast = BroadcastProcessor.create();
    /** Notifications are issued on several consumer threads; the processor takes one item at a time. */
    private final Flow.Subscriber<Delivery> publisher = broadcast.serialized();
    private final AtomicInteger listeners = new AtomicInteger();

    @Inject
    NotificationSettings settings;

    @Inject
    MeterRegistry registry;

    @PostConstruct
    void registerGauge() {
        registry.gauge("notifications.stream.listeners", listeners);
    }

    void onIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CompanyPortalNotification issued) {
        publisher.onNext(new Delivery(issued.deviceId, NotificationItem.of(issued)));
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
        return broadcast
                .filter(delivery -> delivery.deviceId().equals(deviceId))
                .map(Delivery::item)
                .onOverflow().buffer(settings.streamBuffer())
                .select().first(openFor)
                .onSubscription().invoke(listeners::incrementAndGet)
                .onTermination().invoke(listeners::decrementAndGet);
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
