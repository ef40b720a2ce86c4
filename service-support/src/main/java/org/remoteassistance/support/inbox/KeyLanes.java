package org.remoteassistance.support.inbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Runs tasks side by side, at most a fixed number at once, those of one key one after the other in the order they were
 * submitted: a record key names one session or device, the only order the event contract defines. A submission waits
 * while every lane is busy, which holds the poll back instead of piling records up in memory.
 */
final class KeyLanes {

    private final Semaphore free;
    private final Map<String, CompletableFuture<Void>> lastOfKey = new ConcurrentHashMap<>();

    KeyLanes(int width) {
        this.free = new Semaphore(width);
    }

    void submit(String key, Runnable task, Executor pool) {
        free.acquireUninterruptibly();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable run = () -> {
            try {
                task.run();
            } finally {
                lastOfKey.remove(key, done);
                free.release();
                done.complete(null);
            }
        };
        CompletableFuture<Void> before = lastOfKey.put(key, done);
        if (before == null) {
            pool.execute(run);
        } else {
            before.whenComplete((ignored, failure) -> pool.execute(run));
        }
    }
}
