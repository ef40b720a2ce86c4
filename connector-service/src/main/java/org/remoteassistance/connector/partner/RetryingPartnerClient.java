package org.remoteassistance.connector.partner;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Applies the {@link RetryPolicy} and the {@link PartnerCircuitBreaker} to a partner. Refusals are final at once. A
 * create is repeated only when the partner is known not to have processed the failed attempt (connection refused, 429,
 * 503): after a time-out or another 5xx the partner may have made a code, and a second create would make another one
 * for the same session. Metrics: {@code partner.calls} (by call and outcome), {@code partner.retries} (by call) and
 * {@code partner.circuit.open} (1 while calls are paused).
 */
public class RetryingPartnerClient implements PartnerClient {

    private static final Logger LOG = Logger.getLogger(RetryingPartnerClient.class);

    private final PartnerClient partner;
    private final RetryPolicy policy;
    private final PartnerCircuitBreaker breaker;
    private final MeterRegistry registry;

    public RetryingPartnerClient(PartnerClient partner, RetryPolicy policy, PartnerCircuitBreaker breaker,
            MeterRegistry registry) {
        this.partner = partner;
        this.policy = policy;
        this.breaker = breaker;
        this.registry = registry;
        Gauge.builder("partner.circuit.open", breaker, b -> b.state() == PartnerCircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while partner calls are paused after repeated failures").register(registry);
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
        try {
            breaker.permit();
        } catch (PartnerUnavailableException e) {
            count(call, "circuit-open");
            throw e;
        }
        try {
            T result = attemptWithRetries(call, repeatable, attempt);
            breaker.succeeded();
            count(call, "success");
            return result;
        } catch (PartnerRefusedException e) {
            breaker.succeeded();
            count(call, "refused");
            throw e;
        } catch (PartnerUnavailableException e) {
            breaker.failed();
            count(call, "unavailable");
            throw e;
        } catch (RuntimeException | Error e) {
            // a defect is no answer either; above all, a trial call that ends this way must not keep the breaker
            // half-open for good
            breaker.failed();
            count(call, "error");
            throw e;
        }
    }

    private void count(String call, String outcome) {
        registry.counter("partner.calls", "call", call, "outcome", outcome).increment();
    }

    private <T> T attemptWithRetries(String call, boolean repeatable, Supplier<T> attempt) {
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
                registry.counter("partner.retries", "call", call).increment();
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
