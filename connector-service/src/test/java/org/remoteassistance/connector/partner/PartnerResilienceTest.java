package org.remoteassistance.connector.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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

    @Inject
    PartnerClient partner;

    @Inject
    MeterRegistry registry;

    final ScriptedPartner scripted = new ScriptedPartner();

    @BeforeEach
    void scriptedPartner() {
        QuarkusMock.installMockForType(scripted, PartnerSimulator.class);
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
