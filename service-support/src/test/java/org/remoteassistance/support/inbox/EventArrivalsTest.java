package org.remoteassistance.support.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventArrivalsTest {

    @Test
    void aWaiterLooksAgainWhenAnEventIsAppliedNotOnlyAtItsNextRecheck() throws Exception {
        EventArrivals arrivals = new EventArrivals(Duration.ofMinutes(10));
        AtomicBoolean known = new AtomicBoolean();
        CompletableFuture<Boolean> waiter = waitingForTenMinutes(arrivals, known);

        Thread.sleep(100);
        assertFalse(waiter.isDone(), "still waiting: the device is not known yet");
        known.set(true);
        arrivals.applied();

        // the recheck and the grace are ten minutes: only the arrival can have woken it
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void anEventAppliedElsewhereIsSeenAtTheNextRecheck() throws Exception {
        EventArrivals arrivals = new EventArrivals(Duration.ofMillis(50));
        AtomicBoolean known = new AtomicBoolean();
        CompletableFuture<Boolean> waiter = waitingForTenMinutes(arrivals, known);

        Thread.sleep(100);
        known.set(true); // another instance applied it: nobody calls applied() here

        assertTrue(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aConditionThatNeverHoldsIsGivenUpAfterTheGrace() {
        EventArrivals arrivals = new EventArrivals(Duration.ofMillis(20));
        assertFalse(arrivals.awaitUntil(() -> false, Duration.ofMillis(200)));
    }

    @Test
    void anEventAppliedBetweenTheLookAndTheWaitIsNotMissed() {
        EventArrivals arrivals = new EventArrivals(Duration.ofMinutes(10));
        long seen = arrivals.seen();
        arrivals.applied();
        long before = System.nanoTime();
        arrivals.awaitAfter(seen, java.time.Instant.now().plus(Duration.ofMinutes(10)));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(30), "returned at once");
    }

    /** A consumer waiting up to ten minutes until {@code known} holds (the device arrived, say). */
    private static CompletableFuture<Boolean> waitingForTenMinutes(EventArrivals arrivals, AtomicBoolean known) {
        return CompletableFuture.supplyAsync(() -> arrivals.awaitUntil(known::get, Duration.ofMinutes(10)));
    }
}
