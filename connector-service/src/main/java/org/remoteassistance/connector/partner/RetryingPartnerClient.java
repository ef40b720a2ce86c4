package org.remoteassistance.connector.partner;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Applies the {@link RetryPolicy} to a partner. Refusals are final at once. A create is repeated only when the partner
 * is known not to have processed the failed attempt (connection refused, 429, 503): after a time-out or another 5xx the
 * partner may have made a code, and a second create would make another one for the same session.
 */
public class RetryingPartnerClient implements PartnerClient {

    private static final Logger LOG = Logger.getLogger(RetryingPartnerClient.class);

    private final PartnerClient partner;
    private final RetryPolicy policy;

    public RetryingPartnerClient(PartnerClient partner, RetryPolicy policy) {
        this.partner = partner;
        this.policy = policy;
    }

    @Override
    public boolean ping(String token) {
        return withRetries("ping", true, () -> partner.ping(token));
    }

    @Override
    public PartnerSession createSession(String token, SessionRequest request) {
        return withRetries("create session", false, () -> partner.createSession(token, request));
    }

    @Override
    public PartnerSession getSession(String token, String code) {
        return withRetries("read session", true, () -> partner.getSession(token, code));
    }

    @Override
    public PartnerSession closeSession(String token, String code) {
        // repeating a close is harmless: at worst the partner answers that the code is already closed
        return withRetries("close session", true, () -> partner.closeSession(token, code));
    }

    private <T> T withRetries(String call, boolean repeatable, Supplier<T> attempt) {
        for (int number = 1;; number++) {
            try {
                return attempt.get();
            } catch (PartnerUnavailableException e) {
                if (!repeatable && !e.notProcessed()) {
                    throw new PartnerUnavailableException(e.getMessage()
                            + "; not retried, because the partner may have created the session already", null,
                            false, e);
                }
                var delay = policy.delayAfter(number, e);
                if (delay.isEmpty()) {
                    throw new PartnerUnavailableException(
                            "The partner is unavailable after " + number + " attempt" + (number == 1 ? "" : "s")
                                    + ": " + e.getMessage(), e.retryAfter().orElse(null), e.notProcessed(), e);
                }
                LOG.infof("Partner call '%s' failed (attempt %d of %d), retrying in %d ms: %s", call, number,
                        policy.maxAttempts(), delay.get().toMillis(), e.getMessage());
                sleep(delay.get());
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerUnavailableException("Interrupted while waiting to retry the partner", null, false, e);
        }
    }
}
