package org.remoteassistance.connector.partner;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * The one {@link PartnerClient} the service uses: the configured partner ({@code remote-assistance.partner.kind}),
 * each call made through the {@link PartnerCircuitBreaker} and its {@link PartnerAttempts}, whose exceptions it turns
 * back into {@link PartnerException}s. Metrics: {@code partner.calls} (by call and outcome), {@code partner.retries}
 * (by call) and {@code partner.circuit.open} (1 while calls are paused).
 */
@ApplicationScoped
public class GuardedPartnerClient implements PartnerClient {

    private static final Logger LOG = Logger.getLogger(GuardedPartnerClient.class);

    @Inject
    PartnerSettings settings;

    @Inject
    PartnerCircuitBreaker breaker;

    @Inject
    PartnerAttempts attempts;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    MeterRegistry registry;

    @Inject
    Tracer tracer;

    @Inject
    Instance<PartnerSimulator> simulator;

    @Inject
    Instance<TeamViewerPartnerClient> teamviewer;

    private PartnerClient partner;
    private volatile Instant pausedUntil = Instant.MIN;

    @PostConstruct
    void choosePartner() {
        partner = switch (settings.kind()) {
            case SIMULATOR -> simulator.get();
            case TEAMVIEWER -> teamviewer.get();
        };
        LOG.infof("Partner: %s%s", settings.kind().name().toLowerCase(),
                settings.kind() == PartnerSettings.Kind.TEAMVIEWER ? " at " + settings.teamviewer().baseUrl() : "");
        circuits.onStateChange(PartnerCircuitBreaker.NAME, state -> {
            if (state == CircuitBreakerState.OPEN) {
                pausedUntil = Instant.now().plus(settings.circuit().openFor());
                LOG.warnf("Partner calls are paused until %s after repeated failures", pausedUntil);
            }
        });
        Gauge.builder("partner.circuit.open", circuits,
                c -> c.currentState(PartnerCircuitBreaker.NAME) == CircuitBreakerState.CLOSED ? 0 : 1)
                .description("1 while partner calls are paused after repeated failures")
                .strongReference(true).register(registry);
    }

    @Override
    public boolean ping(String token) {
        return call("ping", true, () -> partner.ping(token));
    }

    @Override
    public PartnerSession createSession(String token, SessionRequest request) {
        return call("create session", false, () -> partner.createSession(token, request));
    }

    @Override
    public PartnerSession getSession(String token, String code) {
        return call("read session", true, () -> partner.getSession(token, code));
    }

    @Override
    public PartnerSession closeSession(String token, String code) {
        // repeating a close is harmless: at worst the partner answers that the code is already closed
        return call("close session", true, () -> partner.closeSession(token, code));
    }

    /** A call through the breaker and its attempts, counted, and a span of the session's trace (attempts as events). */
    private <T> T call(String call, boolean repeatable, Supplier<T> partnerCall) {
        Span span = tracer.spanBuilder("partner " + call).setSpanKind(SpanKind.CLIENT)
                .setAttribute("partner.kind", settings.kind().name().toLowerCase()).startSpan();
        try (Scope current = span.makeCurrent()) {
            return callGuarded(call, repeatable, partnerCall, span);
        } catch (RuntimeException | Error e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> T callGuarded(String call, boolean repeatable, Supplier<T> partnerCall, Span span) {
        AtomicInteger made = new AtomicInteger();
        Supplier<T> attempt = () -> {
            if (made.incrementAndGet() > 1) {
                registry.counter("partner.retries", "call", call).increment();
            }
            span.addEvent("attempt " + made.get());
            return partnerCall.get();
        };
        try {
            T result = breaker.call(() -> withoutTimeoutException(
                    () -> repeatable ? attempts.repeatable(attempt) : attempts.create(attempt)));
            count(call, "success");
            return result;
        } catch (CircuitBreakerOpenException e) {
            count(call, "circuit-open");
            throw paused();
        } catch (PartnerRefusedException e) {
            count(call, "refused");
            throw e;
        } catch (PartnerUnavailableException e) {
            count(call, "unavailable");
            throw givenUp(e, repeatable, made.get());
        } catch (RuntimeException | Error e) {
            count(call, "error");
            throw e;
        }
    }

    /** A time-out is the partner not answering in time: unavailable, and it may have acted on the request. */
    private <T> T withoutTimeoutException(Supplier<T> attempts) {
        try {
            return attempts.get();
        } catch (TimeoutException e) {
            throw new PartnerUnavailableException("The partner did not answer within "
                    + settings.attemptTimeout().toMillis() + " ms", null, false, null);
        }
    }

    private PartnerUnavailableException paused() {
        String until = circuits.currentState(PartnerCircuitBreaker.NAME) == CircuitBreakerState.HALF_OPEN
                ? "while a trial call is under way"
                : "until " + pausedUntil;
        return new PartnerUnavailableException("The partner failed repeatedly; calls are paused " + until, null, true,
                null);
    }

    private static PartnerUnavailableException givenUp(PartnerUnavailableException e, boolean repeatable,
            int attempts) {
        if (!repeatable && !e.notProcessed()) {
            return new PartnerUnavailableException(e.getMessage()
                    + "; not retried, because the partner may have created the session already", null, false, e);
        }
        return new PartnerUnavailableException("The partner is unavailable after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + e.getMessage(), e.retryAfter().orElse(null), e.notProcessed(),
                e);
    }

    private void count(String call, String outcome) {
        registry.counter("partner.calls", "call", call, "outcome", outcome).increment();
    }
}
