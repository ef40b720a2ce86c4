package org.remoteassistance.connector.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A partner that keeps failing is left alone for a while: calls fail at once instead of each waiting through its
 * retries, one trial call probes it afterwards, and the metrics tell the operator.
 */
class PartnerCircuitBreakerTest {

    static final Duration OPEN_FOR = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock();
    final ScriptedPartner partner = new ScriptedPartner();
    final MeterRegistry registry = new SimpleMeterRegistry();
    final PartnerClient client = new RetryingPartnerClient(partner,
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
            new PartnerCircuitBreaker(3, OPEN_FOR, clock), registry);

    @Test
    void threeFailedCallsInARowPauseCallsUntilOneTrialSucceeds() {
        for (int call = 0; call < 3; call++) {
            partner.answer(this::unavailable, this::unavailable);
            assertThrows(PartnerUnavailableException.class, () -> client.ping("token"));
        }
        assertEquals(6, partner.calls, "each failed call used its two attempts");
        assertEquals(1.0, registry.get("partner.circuit.open").gauge().value());

        PartnerUnavailableException paused = assertThrows(PartnerUnavailableException.class,
                () -> client.ping("token"));
        assertEquals(6, partner.calls, "an open circuit does not call the partner");
        assertTrue(paused.getMessage().contains("paused"), paused.getMessage());
        assertTrue(paused.notProcessed(), "nothing reached the partner");

        clock.advance(OPEN_FOR);
        partner.answer(() -> true);
        assertTrue(client.ping("token"), "the trial call goes through");
        assertEquals(0.0, registry.get("partner.circuit.open").gauge().value());
        partner.answer(() -> true);
        assertTrue(client.ping("token"), "closed again");

        assertEquals(3.0, registry.get("partner.calls").tags("call", "ping", "outcome", "unavailable").counter()
                .count());
        assertEquals(1.0, registry.get("partner.calls").tags("call", "ping", "outcome", "circuit-open").counter()
                .count());
        assertEquals(2.0, registry.get("partner.calls").tags("call", "ping", "outcome", "success").counter().count());
        assertEquals(3.0, registry.get("partner.retries").tags("call", "ping").counter().count());
    }

    @Test
    void aFailedTrialOpensTheCircuitAgain() {
        for (int call = 0; call < 3; call++) {
            partner.answer(this::unavailable, this::unavailable);
            assertThrows(PartnerUnavailableException.class, () -> client.ping("token"));
        }
        clock.advance(OPEN_FOR);
        partner.answer(this::unavailable, this::unavailable);
        assertThrows(PartnerUnavailableException.class, () -> client.ping("token"));
        int calls = partner.calls;

        assertThrows(PartnerUnavailableException.class, () -> client.ping("token"));
        assertEquals(calls, partner.calls, "open again after the failed trial");
    }

    @Test
    void refusalsAreAnswersAndKeepTheCircuitClosed() {
        for (int call = 0; call < 5; call++) {
            partner.answer(() -> {
                throw new PartnerRefusedException(404, "NotFound", "no such session");
            });
            assertThrows(PartnerRefusedException.class, () -> client.closeSession("token", "s12-345-678"));
        }
        partner.answer(() -> true);
        assertTrue(client.ping("token"));
        assertEquals(0.0, registry.get("partner.circuit.open").gauge().value());
    }

    private Object unavailable() {
        throw new PartnerUnavailableException("503 Service Unavailable", null, true, null);
    }

    /** Answers each call with the next scripted answer. */
    static class ScriptedPartner implements PartnerClient {

        final Deque<Supplier<?>> answers = new ArrayDeque<>();
        int calls;

        void answer(Supplier<?>... next) {
            answers.addAll(List.of(next));
        }

        @SuppressWarnings("unchecked")
        private <T> T next() {
            calls++;
            return (T) answers.removeFirst().get();
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

    static class MutableClock extends Clock {

        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
