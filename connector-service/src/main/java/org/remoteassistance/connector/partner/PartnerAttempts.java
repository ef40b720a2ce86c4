package org.remoteassistance.connector.partner;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * Bounded attempts at one partner call: {@code maxAttempts} in all, each cut off after {@code attemptTimeout}, with
 * {@link RetryAfterBackoff} between them. Only passing failures are retried ({@link PartnerUnavailableException} and
 * time-outs), never refusals or defects, and never when the partner asked for a {@code Retry-After} beyond
 * {@code maxRetryAfter}. A create is retried only when the partner is known not to have processed the attempt
 * (connection refused, 429, 503): after a time-out or another 5xx it may have made a code already.
 * <p>
 * The values below are the documented defaults; {@code PartnerFaultToleranceConfig} sets them from
 * {@code remote-assistance.partner.*}. No {@code maxDuration}: the attempts are the budget.
 */
@ApplicationScoped
public class PartnerAttempts {

    /** Ping, read and close: repeating them is harmless. */
    @Retry(maxRetries = 2, delay = 500, jitter = 0, maxDuration = 0)
    @RetryWhen(exception = PassingFailure.class)
    @CustomBackoff(RetryAfterBackoff.class)
    @Timeout(15_000)
    public <T> T repeatable(Supplier<T> attempt) {
        return attempt.get();
    }

    /** Create: not idempotent at the partner, a repeated create makes a second code. */
    @Retry(maxRetries = 2, delay = 500, jitter = 0, maxDuration = 0)
    @RetryWhen(exception = UnprocessedFailure.class)
    @CustomBackoff(RetryAfterBackoff.class)
    @Timeout(15_000)
    public <T> T create(Supplier<T> attempt) {
        return attempt.get();
    }

    /** Unavailable or timed out; worth another attempt. */
    public static final class PassingFailure implements Predicate<Throwable> {

        @Override
        public boolean test(Throwable failure) {
            return failure instanceof TimeoutException
                    || failure instanceof PartnerUnavailableException unavailable && waitable(unavailable);
        }
    }

    /** Unavailable, and the partner did nothing with the attempt. */
    public static final class UnprocessedFailure implements Predicate<Throwable> {

        @Override
        public boolean test(Throwable failure) {
            return failure instanceof PartnerUnavailableException unavailable && unavailable.notProcessed()
                    && waitable(unavailable);
        }
    }

    private static boolean waitable(PartnerUnavailableException failure) {
        return failure.retryAfter().map(asked -> asked.compareTo(settings().maxRetryAfter()) <= 0).orElse(true);
    }

    /** Strategies and predicates are made by SmallRye Fault Tolerance, not by CDI, so they read the mapping here. */
    static PartnerSettings settings() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(PartnerSettings.class);
    }
}
