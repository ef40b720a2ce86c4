package org.remoteassistance.connector.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a partner that keeps failing. After {@code failureThreshold} calls in a row have failed for good
 * (unavailable after all their retries) the circuit opens: calls fail at once, without waiting through retries, so an
 * outage does not pile up work in the consumers. After {@code openFor} one trial call goes through; its success closes
 * the circuit, its failure opens it again. A refusal (bad token, unknown code) is an answer, so it counts as success.
 */
public class PartnerCircuitBreaker {

    public enum State {
        CLOSED, OPEN, HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;

    private State state = State.CLOSED;
    private int failuresInARow;
    private Instant openUntil = Instant.MIN;
    private boolean trialInFlight;

    public PartnerCircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("remote-assistance.partner.circuit.failure-threshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Lets a call through, or throws when the circuit is open (or its one trial call is under way). */
    public synchronized void permit() {
        if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return;
        }
        String until = state == State.OPEN ? "until " + openUntil : "while a trial call is under way";
        throw new PartnerUnavailableException("The partner failed " + failuresInARow
                + " calls in a row; calls are paused " + until, null, true, null);
    }

    public synchronized void succeeded() {
        state = State.CLOSED;
        failuresInARow = 0;
        trialInFlight = false;
    }

    public synchronized void failed() {
        failuresInARow++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failuresInARow >= failureThreshold) {
            state = State.OPEN;
            openUntil = clock.instant().plus(openFor);
        }
    }

    public synchronized State state() {
        return state;
    }
}
