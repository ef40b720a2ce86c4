package org.remoteassistance.support.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyLanesTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theTasksOfOneKeyRunOneAfterTheOtherInTheOrderTheyCame() throws Exception {
        KeyLanes lanes = new KeyLanes(8);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(50);
        for (int i = 0; i < 50; i++) {
            int task = i;
            lanes.submit("session-1", () -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                pause(1);
                order.add(task);
                running.decrementAndGet();
                done.countDown();
            }, pool);
        }

        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(0, overlaps.get(), "two tasks of one key ran at once");
        for (int i = 0; i < 50; i++) {
            assertEquals(i, order.get(i), "order of the key's tasks: " + order);
        }
    }

    @Test
    void aTaskThatWaitsHoldsUpNoOtherKeyAndAtMostTheWidthRunAtOnce() throws Exception {
        KeyLanes lanes = new KeyLanes(3);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        lanes.submit("waiting", () -> await(release), pool);
        CountDownLatch others = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            lanes.submit("other-" + i, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                pause(2);
                running.decrementAndGet();
                others.countDown();
            }, pool);
        }

        assertTrue(others.await(30, TimeUnit.SECONDS), "the other keys were served while one waited");
        assertTrue(most.get() <= 2, "at most 3 at once, one of them the waiting task: " + most.get());
        release.countDown();
    }

    @Test
    void aSubmissionWaitsWhileEveryLaneIsBusy() throws Exception {
        KeyLanes lanes = new KeyLanes(1);
        CountDownLatch release = new CountDownLatch(1);
        lanes.submit("first", () -> await(release), pool);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> lanes.submit("second", () -> { }, pool));
        Thread.sleep(100);
        assertFalse(second.isDone(), "handed over while the only lane was busy");
        release.countDown();
        second.get(30, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
