package org.remoteassistance.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.remoteassistance.bench.measure.LatencySummary;

/**
 * Drives sessions through request → acknowledged → notification visible, then ends each one (CANCELLED) so that its
 * device can take the next session. Two ways: a fixed arrival rate (open loop: sessions are due on a schedule whatever
 * the system does, and latency counts from the due time, so a stall is not hidden by coordinated omission) and a
 * closed loop (a fixed number of sessions in flight, each started when the previous one was notified: the maximum
 * rate).
 */
public final class LoadDriver implements AutoCloseable {

    private final RemoteAssistanceApi api;
    private final SessionEventListener events;
    private final DevicePool devices;
    private final Duration sessionTimeout;
    /** Continuations after an event, kept off the Kafka consumer's thread. */
    private final ExecutorService flow;

    public LoadDriver(RemoteAssistanceApi api, SessionEventListener events, DevicePool devices,
            Duration sessionTimeout) {
        this.api = api;
        this.events = events;
        this.devices = devices;
        this.sessionTimeout = sessionTimeout;
        AtomicInteger threads = new AtomicInteger();
        this.flow = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "session-flow-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One session's two ends: notified (or failed), and its device back in the pool. */
    private record SessionRun(CompletableFuture<Boolean> settled, CompletableFuture<Void> released) {
    }

    /**
     * Before measuring: sessions in a closed loop until every device has had one (so that every service knows every
     * device, and the JVMs are warm) and at least {@code minimum} has passed. Devices that never got through are
     * left out of the pool.
     *
     * @return the number of devices that completed a session
     */
    public int warmUp(int concurrency, int deviceCount, Duration minimum, Duration maximum)
            throws InterruptedException {
        Set<String> warmed = ConcurrentHashMap.newKeySet();
        PhaseRecorder recorder = new PhaseRecorder();
        long start = System.nanoTime();
        long min = start + minimum.toNanos();
        long max = start + maximum.toNanos();
        // a system where no session at all gets through is broken, not slow
        long nothingYet = start + Math.min(maximum.toNanos(), Duration.ofSeconds(60).toNanos());
        ConcurrentLinkedQueue<SessionRun> runs = new ConcurrentLinkedQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now > max || (warmed.size() >= deviceCount && now > min)
                                || (warmed.isEmpty() && now > nothingYet)) {
                            return;
                        }
                        String device = devices.poll(100, TimeUnit.MILLISECONDS);
                        if (device == null) {
                            continue;
                        }
                        SessionRun run = runSession(device, System.nanoTime(), recorder, warmed);
                        runs.add(run);
                        if (!run.settled().join()) {
                            // a service has not caught up with the device events yet: do not hammer it
                            Thread.sleep(200);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "warm-up-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        drain(recorder, new ArrayList<>(runs));
        devices.retainOnly(warmed);
        if (!recorder.requestFailures().isEmpty() || recorder.rejected.get() > 0 || recorder.timedOut.get() > 0) {
            System.out.printf("  warm-up retries: %s, rejected %d, timed out %d%n", recorder.requestFailures(),
                    recorder.rejected.get(), recorder.timedOut.get());
        }
        return warmed.size();
    }

    /** Sessions due at {@code rate} per second for {@code duration}, whatever the system does. */
    public PhaseResult fixedRate(double rate, Duration duration, int serverSample) throws InterruptedException {
        PhaseRecorder recorder = new PhaseRecorder();
        List<SessionRun> runs = new ArrayList<>();
        long interval = Math.round(1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long k = 0; ; k++) {
            long due = start + k * interval;
            if (due >= end) {
                break;
            }
            parkUntil(due);
            String device = devices.poll(0, TimeUnit.MILLISECONDS);
            if (device == null) {
                recorder.waitsForDevice.incrementAndGet();
                device = devices.take();
            }
            runs.add(runSession(device, due, recorder, null));
        }
        long windowEnd = System.nanoTime();
        drain(recorder, runs);
        return withServerTimes(result("fixed-rate", rate, 0, start, Math.max(end, windowEnd), recorder),
                recorder.acceptedTraces(), serverSample);
    }

    /** {@code concurrency} sessions in flight for {@code duration}: each worker starts the next once notified. */
    public PhaseResult maxRate(int concurrency, Duration duration, int serverSample) throws InterruptedException {
        PhaseRecorder recorder = new PhaseRecorder();
        ConcurrentLinkedQueue<SessionRun> runs = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String device = devices.poll(0, TimeUnit.MILLISECONDS);
                        if (device == null) {
                            recorder.waitsForDevice.incrementAndGet();
                            device = devices.take();
                        }
                        SessionRun run = runSession(device, System.nanoTime(), recorder, null);
                        runs.add(run);
                        run.settled().join();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "max-rate-" + i);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        drain(recorder, new ArrayList<>(runs));
        return withServerTimes(result("max-rate", Double.NaN, concurrency, start, end, recorder),
                recorder.acceptedTraces(), serverSample);
    }

    /**
     * Requests a session for the device, waits (asynchronously) for its notification, then ends it and gives the
     * device back. {@code due} is when the session was meant to start; latencies count from it.
     */
    private SessionRun runSession(String device, long due, PhaseRecorder recorder, Set<String> warmed) {
        CompletableFuture<Boolean> settled = new CompletableFuture<>();
        CompletableFuture<Void> released = new CompletableFuture<>();
        Runnable release = () -> {
            devices.release(device);
            released.complete(null);
        };
        long sentEpochMillis = System.currentTimeMillis();
        long sent = System.nanoTime();
        recorder.requested.incrementAndGet();
        api.requestSession(device).whenCompleteAsync((reply, error) -> {
            long answered = System.nanoTime();
            if (error != null || !reply.is(202) || reply.text("id") == null) {
                recorder.requestFailed(error != null ? "error: " + rootMessage(error) : "HTTP " + reply.status());
                settled.complete(false);
                if (error == null && reply.is(409) && reply.text("sessionId") != null) {
                    // the device still has an open session (a run stopped half way): end it, then reuse the device
                    api.endSession(reply.text("sessionId")).whenComplete((r, e) -> release.run());
                } else {
                    release.run();
                }
                return;
            }
            String sessionId = reply.text("id");
            SessionTrace trace = events.trace(sessionId);
            trace.requested(due, sent, answered, sentEpochMillis);
            recorder.accepted.add(trace);
            trace.outcome().orTimeout(sessionTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((outcome, failure) -> {
                        if (outcome == SessionTrace.Outcome.REJECTED) {
                            recorder.rejected.incrementAndGet();
                            settled.complete(false);
                            release.run();
                            return;
                        }
                        if (failure != null) {
                            recorder.timedOut.incrementAndGet();
                        } else if (warmed != null) {
                            warmed.add(device);
                        }
                        settled.complete(failure == null);
                        api.endSession(sessionId).whenComplete((endReply, endError) -> {
                            if (endError != null || !endReply.is(200)) {
                                recorder.endFailures.incrementAndGet();
                            }
                            release.run();
                        });
                    }, flow);
        }, flow);
        return new SessionRun(settled, released);
    }

    /** Waits for the phase's sessions to settle and their devices to come back, so phases do not overlap. */
    private void drain(PhaseRecorder recorder, List<SessionRun> runs) {
        CompletableFuture<?>[] released = runs.stream().map(SessionRun::released).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(released).get(sessionTimeout.toMillis() + 35_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.out.println("  (some sessions had not ended when the phase was closed)");
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        quiesce();
    }

    /**
     * Waits until the services have worked off what the phase left queued (no session event for 3 s, at most
     * 3 minutes), so that the next phase does not measure the last one's backlog, and the SessionEnded events pass.
     */
    private void quiesce() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long seen = events.eventsSeen();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            long now = events.eventsSeen();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
    }

    private static PhaseResult result(String name, double rate, int concurrency, long start, long end,
            PhaseRecorder recorder) {
        List<SessionTrace> traces = recorder.acceptedTraces();
        List<Long> answer = new ArrayList<>();
        List<Long> acknowledged = new ArrayList<>();
        List<Long> notified = new ArrayList<>();
        List<Long> toAcknowledgedPublished = new ArrayList<>();
        List<Long> toNotificationPublished = new ArrayList<>();
        List<Long> notificationDelivered = new ArrayList<>();
        long inWindow = 0;
        for (SessionTrace trace : traces) {
            if (trace.isNotified() && trace.acknowledgedNanos() != 0) {
                long sentWall = trace.sentEpochMillis();
                long ackPublished = trace.acknowledgedPublishedMillis();
                long notificationPublished = trace.notificationPublishedMillis();
                long seenWall = sentWall + (trace.notifiedNanos() - trace.sentNanos()) / 1_000_000;
                toAcknowledgedPublished.add((ackPublished - sentWall) * 1_000_000);
                toNotificationPublished.add((notificationPublished - ackPublished) * 1_000_000);
                notificationDelivered.add((seenWall - notificationPublished) * 1_000_000);
            }
            answer.add(trace.answeredNanos() - trace.dueNanos());
            if (trace.acknowledgedNanos() != 0) {
                acknowledged.add(trace.acknowledgedNanos() - trace.dueNanos());
            }
            if (trace.isNotified()) {
                notified.add(trace.notifiedNanos() - trace.dueNanos());
                if (trace.notifiedNanos() <= end) {
                    inWindow++;
                }
            }
        }
        double seconds = (end - start) / 1e9;
        return new PhaseResult(name, rate, concurrency, seconds, recorder.requested.get(), traces.size(),
                notified.size(), inWindow, inWindow / seconds, recorder.rejected.get(), recorder.timedOut.get(),
                recorder.endFailures.get(), recorder.waitsForDevice.get(), recorder.requestFailures(),
                LatencySummary.ofNanos(answer), LatencySummary.ofNanos(acknowledged), LatencySummary.ofNanos(notified),
                LatencySummary.EMPTY, LatencySummary.EMPTY, 0, new PhaseResult.Hops(
                        LatencySummary.ofNanos(toAcknowledgedPublished),
                        LatencySummary.ofNanos(toNotificationPublished),
                        LatencySummary.ofNanos(notificationDelivered)));
    }

    /**
     * Reads back up to {@code sampleSize} of the phase's notified sessions and takes the latencies from the times
     * session-service recorded: acknowledgedAt − requestedAt and notifiedAt − requestedAt.
     */
    private PhaseResult withServerTimes(PhaseResult phase, List<SessionTrace> traces, int sampleSize) {
        List<SessionTrace> notified = traces.stream().filter(SessionTrace::isNotified).toList();
        List<SessionTrace> sample = new ArrayList<>();
        double step = Math.max(1.0, notified.size() / (double) Math.max(1, sampleSize));
        for (double i = 0; i < notified.size() && sample.size() < sampleSize; i += step) {
            sample.add(notified.get((int) i));
        }
        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> notifiedAfter = new ConcurrentLinkedQueue<>();
        AtomicInteger missing = new AtomicInteger();
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> reads = new ArrayList<>();
        for (SessionTrace trace : sample) {
            inFlight.acquireUninterruptibly();
            reads.add(api.session(trace.sessionId()).whenComplete((reply, error) -> {
                inFlight.release();
                Instant requestedAt = error == null ? instant(reply, "requestedAt") : null;
                Instant acknowledgedAt = error == null ? instant(reply, "acknowledgedAt") : null;
                Instant notifiedAt = error == null ? instant(reply, "notifiedAt") : null;
                if (requestedAt == null || acknowledgedAt == null || notifiedAt == null) {
                    missing.incrementAndGet();
                    return;
                }
                acknowledged.add(Duration.between(requestedAt, acknowledgedAt).toNanos());
                notifiedAfter.add(Duration.between(requestedAt, notifiedAt).toNanos());
            }));
        }
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new PhaseResult(phase.name(), phase.offeredRate(), phase.concurrency(), phase.windowSeconds(),
                phase.requested(), phase.accepted(), phase.notified(), phase.notifiedInWindow(), phase.throughput(),
                phase.rejected(), phase.timedOut(), phase.endFailures(), phase.waitsForDevice(),
                phase.requestFailures(), phase.requestToAnswer(), phase.requestToAcknowledged(),
                phase.requestToNotified(), LatencySummary.ofNanos(new ArrayList<>(acknowledged)),
                LatencySummary.ofNanos(new ArrayList<>(notifiedAfter)), missing.get(), phase.hops());
    }

    private static Instant instant(RemoteAssistanceApi.Reply reply, String field) {
        String text = reply.is(200) ? reply.text(field) : null;
        try {
            return text == null ? null : Instant.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void parkUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        flow.shutdownNow();
    }
}
