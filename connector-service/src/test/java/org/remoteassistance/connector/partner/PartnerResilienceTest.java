package org.remoteassistance.connector.partner;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * The retries, time-outs and the circuit breaker around the partner, as the service uses them (the injected
 * {@link PartnerClient}), in front of a scripted partner.
 */
@QuarkusTest
@TestProfile(PartnerResilienceProfile.class)
@QuarkusTestResource(ServiceTestResource.class)
class PartnerResilienceTest {

    /** Long enough for the breaker's pause to pass several times over. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /** Far beyond the attempt time-out. */
    static final Duration SLOW = Duration.ofSeconds(3);

    @Inject
    PartnerClient partner;

    @Inject
    MeterRegistry registry;

    @Inject
    CircuitBreakerMaintenance circuits;

    final ScriptedPartner scripted = new ScriptedPartner();

    @BeforeEach
    void scriptedPartnerAndAClosedBreaker() {
        QuarkusMock.installMockForType(scripted, PartnerSimulator.class);
        circuits.reset(PartnerCircuitBreaker.NAME);
    }

    @Test
    void anUnclassifiedFailureOfTheTrialCallDoesNotLeaveTheBreakerHalfOpen() {
        openTheBreaker();

        scripted.answer(() -> {
            throw new IllegalStateException("a defect, say a JSON mapping bug");
        });
        int before = scripted.calls.get();
        awaitTrue("the trial call reaches the partner once the pause is over", () -> {
            try {
                partner.ping("token");
            } catch (RuntimeException refusedOrDefect) {
                // paused (PartnerUnavailableException) until the trial goes through and fails (IllegalStateException)
            }
            return scripted.calls.get() > before;
        });

        scripted.answer(() -> true);
        awaitTrue("a later trial call goes through and closes the breaker", () -> {
            try {
                return partner.ping("token");
            } catch (PartnerUnavailableException paused) {
                return false;
            }
        });
        scripted.answer(() -> true);
        assertTrue(partner.ping("token"), "closed: calls go through");
        assertEquals(0.0, registry.get("partner.circuit.open").gauge().value());
    }

    @Test
    void aFailedTrialCallPausesCallsAgain() {
        openTheBreaker();
        scripted.answer(ScriptedPartner::unavailable, ScriptedPartner::unavailable);
        int before = scripted.calls.get();
        awaitTrue("the trial call reaches the partner once the pause is over", () -> {
            assertThrows(PartnerUnavailableException.class, () -> partner.ping("token"));
            return scripted.calls.get() > before;
        });

        int calls = scripted.calls.get();
        PartnerUnavailableException paused = assertThrows(PartnerUnavailableException.class,
                () -> partner.ping("token"));
        assertTrue(paused.getMessage().contains("paused"), paused.getMessage());
        assertEquals(calls, scripted.calls.get(), "open again after the failed trial");
    }

    @Test
    void theBreakerOpensAfterThresholdFailedCallsInARowAndATrialCallClosesIt() {
        double circuitOpen = count("ping", "circuit-open");
        double retries = retries("ping");

        openTheBreaker();
        assertEquals(2 * PartnerResilienceProfile.FAILURE_THRESHOLD, scripted.calls.get(),
                "each failed call used both its attempts before counting once");
        assertEquals(retries + PartnerResilienceProfile.FAILURE_THRESHOLD, retries("ping"));

        scripted.answer(() -> true);
        awaitTrue("the trial call goes through once the pause is over", () -> {
            try {
                return partner.ping("token");
            } catch (PartnerUnavailableException paused) {
                return false;
            }
        });
        assertEquals(0.0, registry.get("partner.circuit.open").gauge().value());
        scripted.answer(() -> true);
        assertTrue(partner.ping("token"), "closed again");
        assertTrue(count("ping", "circuit-open") > circuitOpen, "paused calls are counted");
    }

    @Test
    void refusalsAreAnswersAndDoNotOpenTheBreaker() {
        for (int call = 0; call < 2 * PartnerResilienceProfile.FAILURE_THRESHOLD; call++) {
            scripted.answer(() -> {
                throw new PartnerRefusedException(404, "not_found", "no such session");
            });
            assertThrows(PartnerRefusedException.class, () -> partner.closeSession("token", "s12-345-678"));
        }
        assertEquals(2 * PartnerResilienceProfile.FAILURE_THRESHOLD, scripted.calls.get(),
                "a refusal is not retried");
        assertEquals(CircuitBreakerState.CLOSED, circuits.currentState(PartnerCircuitBreaker.NAME));

        scripted.answer(() -> true);
        assertTrue(partner.ping("token"));
    }

    @Test
    void aRetryWaitsAtLeastTheRetryAfterThePartnerAskedFor() {
        scripted.answer(() -> {
            throw new PartnerUnavailableException("429 Too Many Requests", Duration.ofSeconds(1), true, null);
        }, ScriptedPartner::session);

        long started = System.nanoTime();
        PartnerSession session = partner.createSession("token", new SessionRequest("rate-limited", null));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("s12-345-678", session.code());
        assertEquals(2, scripted.calls.get(), "a 429 is retried even for a create: nothing was made");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "waited for Retry-After: " + took);
    }

    @Test
    void aRetryAfterBeyondMaxRetryAfterIsNotWaitedFor() {
        Duration tooLong = PartnerResilienceProfile.MAX_RETRY_AFTER.plusSeconds(1);
        scripted.answer(() -> {
            throw new PartnerUnavailableException("503 Service Unavailable", tooLong, true, null);
        });

        long started = System.nanoTime();
        PartnerUnavailableException failure = assertThrows(PartnerUnavailableException.class,
                () -> partner.ping("token"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(1, scripted.calls.get());
        assertTrue(failure.getMessage().contains("after 1 attempt"), failure.getMessage());
        assertEquals(tooLong, failure.retryAfter().orElseThrow(), "the caller can pass the partner's wish on");
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "failed at once: " + took);
    }

    @Test
    void anAttemptThatTakesTooLongIsCutOffAndRetried() {
        scripted.answer(() -> slow(true), () -> true);

        long started = System.nanoTime();
        assertTrue(partner.ping("token"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(2, scripted.calls.get());
        assertTrue(took.compareTo(SLOW) < 0, "the first attempt was cut off: " + took);
    }

    @Test
    void aCreateThatTakesTooLongIsNotRepeated() {
        scripted.answer(() -> slow(ScriptedPartner.session()));

        PartnerUnavailableException failure = assertThrows(PartnerUnavailableException.class,
                () -> partner.createSession("token", new SessionRequest("timed-out", null)));

        assertEquals(1, scripted.calls.get(), "the partner may have made a code: no second create");
        assertTrue(failure.getMessage().contains("did not answer within "
                + PartnerResilienceProfile.ATTEMPT_TIMEOUT.toMillis() + " ms"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not retried"), failure.getMessage());
    }

    @Test
    void aDefectIsNotRetried() {
        double errors = count("read session", "error");
        scripted.answer(() -> {
            throw new IllegalStateException("a defect");
        });

        assertThrows(IllegalStateException.class, () -> partner.getSession("token", "s12-345-678"));

        assertEquals(1, scripted.calls.get());
        assertEquals(errors + 1, count("read session", "error"));
    }

    @Test
    void thePartnerAndFaultToleranceMetricsAreServed() {
        scripted.answer(ScriptedPartner::unavailable, () -> true);
        assertTrue(partner.ping("token"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        for (String name : List.of("partner_calls_total{", "partner_retries_total{", "partner_circuit_open ",
                "ft_circuitbreaker_calls_total{", "ft_circuitbreaker_state_current{", "ft_circuitbreaker_opened_total{",
                "ft_retry_calls_total{", "ft_retry_retries_total{", "ft_timeout_calls_total{")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics.lines()
                    .filter(line -> line.startsWith("ft_") || line.startsWith("partner_")).toList());
        }
    }

    private double count(String call, String outcome) {
        var counter = registry.find("partner.calls").tags("call", call, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double retries(String call) {
        var counter = registry.find("partner.retries").tags("call", call).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Answers after {@link #SLOW}, far beyond the attempt time-out, unless interrupted by it. */
    private static <T> T slow(T answer) {
        try {
            Thread.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    /** Fails {@link PartnerResilienceProfile#FAILURE_THRESHOLD} calls in a row, each after all its attempts. */
    private void openTheBreaker() {
        for (int call = 0; call < PartnerResilienceProfile.FAILURE_THRESHOLD; call++) {
            scripted.answer(ScriptedPartner::unavailable, ScriptedPartner::unavailable);
            assertThrows(PartnerUnavailableException.class, () -> partner.ping("token"));
        }
        int calls = scripted.calls.get();
        PartnerUnavailableException paused = assertThrows(PartnerUnavailableException.class,
                () -> partner.ping("token"));
        assertTrue(paused.getMessage().contains("paused"), paused.getMessage());
        assertEquals(calls, scripted.calls.get(), "an open breaker does not call the partner");
        assertEquals(1.0, registry.get("partner.circuit.open").gauge().value());
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                fail("not within " + PATIENCE + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }

    /** Answers each call with the next scripted answer; installed in place of the simulator. */
    static class ScriptedPartner extends PartnerSimulator {

        final Queue<Supplier<?>> answers = new ConcurrentLinkedQueue<>();
        final AtomicInteger calls = new AtomicInteger();

        void answer(Supplier<?>... next) {
            answers.addAll(List.of(next));
        }

        static Object unavailable() {
            throw new PartnerUnavailableException("503 Service Unavailable", null, true, null);
        }

        static PartnerSession session() {
            Instant now = Instant.now();
            return new PartnerSession("s12-345-678", PartnerSession.OPEN, "https://start.teamviewer.com/1",
                    "https://get.teamviewer.com/s1", now, now.plus(Duration.ofDays(1)), null, "scripted");
        }

        @SuppressWarnings("unchecked")
        private <T> T next() {
            calls.incrementAndGet();
            Supplier<?> answer = answers.poll();
            if (answer == null) {
                throw new AssertionError("the partner was called once more than scripted");
            }
            return (T) answer.get();
        }

        @Override
        public boolean ping(String token) {
            return this.<Boolean>next();
        }

        @Override
        public PartnerSession createSession(String token, SessionRequest request) {
            return next();
        }

        @Override
        public PartnerSession getSession(String token, String code) {
            return next();
        }

        @Override
        public PartnerSession closeSession(String token, String code) {
            return next();
        }
    }
}
