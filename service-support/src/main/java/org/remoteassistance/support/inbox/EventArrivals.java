package org.remoteassistance.support.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Wakes a consumer that waits for an event on another topic (a request for a device this service does not know yet,
 * an acknowledgement of a session not yet requested) as soon as this instance has applied an event, instead of
 * sleeping between looks. Another instance of the service may apply the awaited event, so a waiter also looks again
 * every {@code recheck} (100 ms), as it did before on every look.
 */
@ApplicationScoped
public class EventArrivals {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final long recheckNanos;
    private long applied;

    public EventArrivals() {
        this(Duration.ofMillis(100));
    }

    EventArrivals(Duration recheck) {
        this.recheckNanos = recheck.toNanos();
    }

    /** An event was applied and committed here: whoever waits looks again. */
    public void applied() {
        lock.lock();
        try {
            applied++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many events were applied so far: take it before a look, and pass it to {@link #awaitAfter}. */
    public long seen() {
        lock.lock();
        try {
            return applied;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an event was applied after {@code seen}, the recheck interval passed, or the deadline came. */
    public void awaitAfter(long seen, Instant deadline) {
        long left = Math.min(recheckNanos, Math.max(0, Duration.between(Instant.now(), deadline).toNanos()));
        long until = System.nanoTime() + left;
        lock.lock();
        try {
            while (applied == seen && left > 0) {
                arrived.awaitNanos(left);
                left = until - System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an event on another topic", e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code grace} for {@code condition}, looking again whenever an event was applied. */
    public boolean awaitUntil(BooleanSupplier condition, Duration grace) {
        Instant deadline = Instant.now().plus(grace);
        while (true) {
            long seen = seen();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            awaitAfter(seen, deadline);
        }
    }
}
