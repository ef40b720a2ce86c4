package org.remoteassistance.connector.partner;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * Bounded retries: {@code maxAttempts} in all, exponential backoff with jitter between them, never shorter than the
 * partner's {@code Retry-After} and never waiting for a {@code Retry-After} beyond {@code maxRetryAfter}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("remote-assistance.partner.max-attempts must be at least 1");
        }
    }

    public static RetryPolicy of(PartnerSettings settings) {
        return new RetryPolicy(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(),
                settings.maxRetryAfter());
    }

    /**
     * The wait before attempt {@code attempt + 1}, or empty when the failure must not be retried.
     *
     * @param attempt the attempt that just failed, from 1
     */
    public Optional<Duration> delayAfter(int attempt, PartnerUnavailableException failure) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long exponential = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(exponential, 0), maxBackoff.toMillis());
        // "equal jitter": half fixed, half random, so that instances retrying together spread out
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        if (failure.retryAfter().isPresent()) {
            Duration asked = failure.retryAfter().get();
            if (asked.compareTo(maxRetryAfter) > 0) {
                return Optional.empty();
            }
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return Optional.of(delay);
    }
}
