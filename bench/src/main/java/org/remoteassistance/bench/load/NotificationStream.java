package org.remoteassistance.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A device's notification stream held open as the device would hold it: each {@code data:} line is kept with the
 * time it arrived ({@link System#nanoTime()}), so that a notification can be matched to its session even when it
 * arrives before the 202 names the session.
 */
final class NotificationStream implements Flow.Subscriber<String>, AutoCloseable {

    private record Line(long nanos, String text) {
    }

    private final List<Line> lines = new ArrayList<>();
    /** Who waits for a line with which text. */
    private final Map<String, CompletableFuture<Long>> waiting = new HashMap<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;

    private NotificationStream() {
    }

    /** Opens the device's stream and returns once its response headers arrived: from then on it is listening. */
    static NotificationStream open(RemoteAssistanceApi api, String deviceId, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        NotificationStream stream = new NotificationStream();
        try {
            int status = api.notificationStream(deviceId, stream).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (status != 200) {
                throw new IllegalStateException("HTTP " + status);
            }
            return stream;
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** When the first {@code data:} line containing {@code text} arrived; fails if the stream ends first. */
    synchronized CompletableFuture<Long> firstDataWith(String text) {
        for (Line line : lines) {
            if (line.text().contains(text)) {
                return CompletableFuture.completedFuture(line.nanos());
            }
        }
        return waiting.computeIfAbsent(text, t -> new CompletableFuture<>());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (closed) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        long now = System.nanoTime();
        if (!line.startsWith("data:")) {
            return;
        }
        synchronized (this) {
            lines.add(new Line(now, line));
            waiting.entrySet().removeIf(wanted -> {
                boolean found = line.contains(wanted.getKey());
                if (found) {
                    wanted.getValue().complete(now);
                }
                return found;
            });
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        waiting.values().forEach(wanted -> wanted.completeExceptionally(error));
    }

    @Override
    public void onComplete() {
        onError(new IllegalStateException("the stream ended"));
    }

    /** Hangs up, as a device going away does. */
    @Override
    public void close() {
        closed = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
