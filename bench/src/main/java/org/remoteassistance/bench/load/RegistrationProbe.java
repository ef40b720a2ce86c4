package org.remoteassistance.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.remoteassistance.bench.measure.LatencySummary;

/**
 * How soon a device can be requested after its registration answered 201. Session-service answers 404 for a device
 * its read model does not know yet, so a probe requests a session at once and again ~2 ms after each 404, until the
 * 202; then it ends that session, so that the device is free again.
 */
public final class RegistrationProbe {

    private static final Executor RETRY = CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS);
    private static final Duration GIVE_UP = Duration.ofSeconds(10);
    private static final long PAUSE_MILLIS = 200;

    /** One probe: 201 → 202 in nanoseconds, the 404s on the way, and why it failed (null if it did not). */
    public record Probe(long nanos, int notFound, String failure) {
    }

    /**
     * @param during                  when the probes ran ("idle, one at a time", "during ...")
     * @param registeredToRequestable 201 of POST /api/devices → 202 of the first POST /api/sessions, probes that
     *                                got there
     * @param notFound                404s the probes saw
     * @param failures                probes that got no 202, by why
     */
    public record Result(String during, int probes, LatencySummary registeredToRequestable, long notFound,
            Map<String, Long> failures) {

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        public static Result of(String during, List<Probe> probes) {
            List<Long> requestable = new ArrayList<>();
            Map<String, Long> failures = new TreeMap<>();
            for (Probe probe : probes) {
                if (probe.failure() == null) {
                    requestable.add(probe.nanos());
                } else {
                    failures.merge(probe.failure(), 1L, Long::sum);
                }
            }
            return new Result(during, probes.size(), LatencySummary.ofNanos(requestable),
                    probes.stream().mapToLong(Probe::notFound).sum(), failures);
        }
    }

    private final RemoteAssistanceApi api;

    public RegistrationProbe(RemoteAssistanceApi api) {
        this.api = api;
    }

    /** {@code count} fresh devices, one at a time with a pause between, on a system doing nothing else. */
    public Result idle(String runId, int count) throws InterruptedException {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            probes.add(api.registerDevice(runId + "-probe", i).thenCompose(reply -> {
                long registered = System.nanoTime();
                return reply.is(201) && reply.text("id") != null ? probe(reply.text("id"), registered)
                        : CompletableFuture.completedFuture(new Probe(0, 0, "registration: HTTP " + reply.status()));
            }).exceptionally(e -> new Probe(0, 0, "registration: " + LoadDriver.rootMessage(e))).join());
            Thread.sleep(PAUSE_MILLIS);
        }
        return Result.of("idle, one device at a time", probes);
    }

    /**
     * Probes the device whose registration answered 201 at {@code registered} ({@link System#nanoTime()});
     * completes once the probe's session has been ended.
     */
    public CompletableFuture<Probe> probe(String deviceId, long registered) {
        CompletableFuture<Probe> done = new CompletableFuture<>();
        attempt(deviceId, registered, 0, done);
        return done;
    }

    private void attempt(String deviceId, long registered, int notFound, CompletableFuture<Probe> done) {
        api.requestSession(deviceId).whenComplete((reply, error) -> {
            long answered = System.nanoTime();
            if (error != null) {
                done.complete(new Probe(0, notFound, "error: " + LoadDriver.rootMessage(error)));
            } else if (reply.is(404) && answered - registered < GIVE_UP.toNanos()) {
                RETRY.execute(() -> attempt(deviceId, registered, notFound + 1, done));
            } else if (reply.is(404)) {
                done.complete(new Probe(0, notFound + 1, "still 404 after " + GIVE_UP.toSeconds() + " s"));
            } else if (reply.is(202) && reply.text("id") != null) {
                Probe probe = new Probe(answered - registered, notFound, null);
                api.endSession(reply.text("id")).whenComplete((ended, e) -> done.complete(probe));
            } else {
                done.complete(new Probe(0, notFound, "HTTP " + reply.status()));
            }
        });
    }
}
