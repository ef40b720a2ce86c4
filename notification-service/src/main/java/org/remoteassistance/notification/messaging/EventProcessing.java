package org.remoteassistance.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.notification.config.NotificationSettings;
import org.remoteassistance.support.inbox.IncomingEvents;

/**
 * Applies a decoded event, trying again a few times when it fails for a reason that may pass (the database restarting,
 * say). A valid event should not end up in the dead-letter topic because of a short outage; an invalid one goes there
 * at once (counted like one the decoder refused), and one that keeps failing goes there after the last attempt, so
 * the partition never stalls.
 */
@ApplicationScoped
class EventProcessing {

    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    @Inject
    NotificationSettings settings;

    @Inject
    IncomingEvents incoming;

    void apply(EventType<?> type, ConsumerRecord<String, String> record, Runnable effect) {
        long backoff = settings.processingBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                effect.run();
                return;
            } catch (InvalidEventException e) {
                throw incoming.rejected(type, record, e);
            } catch (RuntimeException e) {
                if (attempt >= settings.processingAttempts()) {
                    throw e;
                }
                LOG.warnf("Attempt %d at %s-%d@%d failed, trying again in %d ms: %s", attempt, record.topic(),
                        record.partition(), record.offset(), backoff, e.getMessage());
                sleep(backoff);
                backoff *= 2;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
