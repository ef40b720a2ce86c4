package org.remoteassistance.connector.partner;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The wait before each retry of a partner call: exponential from {@code initialBackoff} (the {@code @Retry} delay) up
 * to {@code maxBackoff}, with "equal jitter" (half fixed, half random, so that instances retrying together spread
 * out), and never shorter than the partner's {@code Retry-After}. Whether a {@code Retry-After} is too long to wait
 * for is decided before, by {@link PartnerAttempts}' retry predicates. One instance per call.
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private static final Logger LOG = Logger.getLogger(RetryAfterBackoff.class);

    private final AtomicInteger retries = new AtomicInteger();
    private long initialBackoff;

    @Override
    public void init(long initialDelayInMillis) {
        initialBackoff = initialDelayInMillis;
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        long delay = delay(retries.incrementAndGet(), initialBackoff,
                PartnerAttempts.settings().maxBackoff().toMillis(), ThreadLocalRandom.current().nextDouble());
        if (failure instanceof PartnerUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            delay = Math.max(delay, unavailable.retryAfter().get().toMillis());
        }
        LOG.infof("Partner call failed (retry %d coming in %d ms): %s", retries.get(), delay, failure.getMessage());
        return delay;
    }

    /**
     * @param retry  the retry about to happen, from 1
     * @param random in [0, 1)
     */
    static long delay(int retry, long initialBackoff, long maxBackoff, double random) {
        long exponential = initialBackoff << Math.min(retry - 1, 20);
        long capped = Math.min(Math.max(exponential, 0), maxBackoff);
        return capped / 2 + (long) (random * (capped / 2 + 1));
    }
}
