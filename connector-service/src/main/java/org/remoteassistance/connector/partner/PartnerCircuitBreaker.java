package org.remoteassistance.connector.partner;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The one circuit breaker all partner calls share (SmallRye Fault Tolerance keeps one per annotated method, hence one
 * method for all of them). A call counts once, after all its attempts: after {@code failureThreshold} calls in a row
 * failed (a rolling window of that size, all failures), calls fail at once with a {@code CircuitBreakerOpenException}
 * for {@code openFor}; then one trial call goes through, and its success closes the breaker, anything else opens it
 * again. A refusal (bad token, unknown code) is an answer, so it counts as success; every other exception, a defect
 * included, counts as a failure.
 * <p>
 * The values below are the documented defaults; {@code PartnerFaultToleranceConfig} sets them from
 * {@code remote-assistance.partner.circuit.*}.
 */
@ApplicationScoped
public class PartnerCircuitBreaker {

    /** For {@code CircuitBreakerMaintenance}: state, state changes, reset. */
    public static final String NAME = "partner";

    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = PartnerRefusedException.class)
    @CircuitBreakerName(NAME)
    public <T> T call(Supplier<T> partnerCall) {
        return partnerCall.get();
    }
}
