package org.remoteassistance.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.InvalidEventException;
import org.remoteassistance.notification.config.NotificationSettings;
import org.remoteassistance.support.failure.PassingFailures;
import org.remoteassistance.support.inbox.IncomingEvents;

/**
 * Applies a decoded event. A passing failure (the database restarting, a lock conflict) is retried in place for as
 * long as it lasts, so a valid event is never dead-lettered because of an outage; an invalid one goes to the
 * dead-letter topic at once (counted like one the decoder refused); any other failure is tried a few times and then
 * dead-lettered, so the partition never stalls on it.
 */
@ApplicationScoped
class EventProcessing {

    private static final Logger LOG = Logger.getLogger(EventProcessing.class);

    @Inject
    NotificationSettings settings;

    @Inject
    IncomingEvents incoming;

    void apply(EventType<?> type, ConsumerRecord<String, String> record, Runnable effect) {
        incoming.retryingPassingFailures(type, record, () -> tryAFewTimes(type, record, effect));
    }

    private void tryAFewTimes(EventType<?> type, ConsumerRecord<String, String> record, Runnable effect) {
        long backoff = settings.processingBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                effect.run();
                return;
            } catch (InvalidEventException e) {
                throw incoming.rejected(type, record, e);
            } catch (RuntimeException e) {
                if (PassingFailures.isPassing(e) || attempt >= settings.processingAttempts()) {
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
