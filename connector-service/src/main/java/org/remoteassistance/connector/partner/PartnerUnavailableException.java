package org.remoteassistance.connector.partner;

import java.time.Duration;
import java.util.Optional;

/** The partner could not be reached, timed out, was overloaded (5xx) or rate-limited the call (429). */
public class PartnerUnavailableException extends PartnerException {

    private final Duration retryAfter;
    private final boolean notProcessed;

    /**
     * @param retryAfter   what the partner's {@code Retry-After} asked for; null when it did not say
     * @param notProcessed true when the partner is known not to have acted on the request (connection refused, 429,
     *                     503), so that even a non-idempotent call may be repeated
     */
    public PartnerUnavailableException(String message, Duration retryAfter, boolean notProcessed, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.notProcessed = notProcessed;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean notProcessed() {
        return notProcessed;
    }
}
