package org.remoteassistance.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.remoteassistance.bench.measure.LatencySummary;

/**
 * One session at a time on a quiet system, as a device sees it: the device's notification stream is open before the
 * request, and the notification is visible when the stream carries it. The loaded phases cannot show what a session
 * takes with nothing queued ahead of it, which is what the "≤ 15 ms on an idle system" is about.
 */
public final class IdlePhase {

    /** Before each request and after each session: long enough for what the last one set off to have settled. */
    private static final long QUIET_MILLIS = 300;

    /**
     * @param requestToAnswer           request sent → 202
     * @param requestToVisible          request sent → the first data line naming the session on the device's stream
     * @param requestToNotificationSeen request sent → NotificationIssued seen by the benchmark's Kafka consumer
     * @param failures                  sessions not notified on the stream within the session timeout, by why
     */
    public record Result(int sessions, LatencySummary requestToAnswer, LatencySummary requestToVisible,
            LatencySummary requestToNotificationSeen, Map<String, Long> failures) {

        public long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final RemoteAssistanceApi api;
    private final SessionEventListener events;
    private final DevicePool devices;
    private final Duration sessionTimeout;
    private final List<Long> answered = new ArrayList<>();
    private final List<Long> visible = new ArrayList<>();
    private final List<Long> seen = new ArrayList<>();
    private final Map<String, Long> failures = new TreeMap<>();

    public IdlePhase(RemoteAssistanceApi api, SessionEventListener events, DevicePool devices,
            Duration sessionTimeout) {
        this.api = api;
        this.events = events;
        this.devices = devices;
        this.sessionTimeout = sessionTimeout;
    }

    /** {@code sessions} sessions, strictly one after the other, each on the next free device. */
    public Result run(int sessions) throws InterruptedException {
        for (int i = 0; i < sessions; i++) {
            String device = devices.take();
            try {
                String failure = session(device);
                if (failure != null) {
                    failures.merge(failure, 1L, Long::sum);
                }
            } finally {
                devices.release(device);
            }
            Thread.sleep(QUIET_MILLIS);
        }
        return new Result(sessions, LatencySummary.ofNanos(answered), LatencySummary.ofNanos(visible),
                LatencySummary.ofNanos(seen), failures);
    }

    /** One session on the device, its stream open first; returns why it failed, or null. */
    private String session(String device) throws InterruptedException {
        NotificationStream stream;
        try {
            stream = NotificationStream.open(api, device, sessionTimeout);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return "stream not opened: " + (e instanceof ExecutionException ? LoadDriver.rootMessage(e)
                    : e instanceof TimeoutException ? "no headers within " + sessionTimeout.toSeconds() + " s"
                    : e.getMessage());
        }
        try (stream) {
            Thread.sleep(QUIET_MILLIS);
            long sentEpochMillis = System.currentTimeMillis();
            long sent = System.nanoTime();
            long deadline = sent + sessionTimeout.toNanos();
            RemoteAssistanceApi.Reply reply;
            try {
                reply = api.requestSession(device).join();
            } catch (CompletionException e) {
                return "error: " + LoadDriver.rootMessage(e);
            }
            long answeredAt = System.nanoTime();
            String sessionId = reply.is(202) ? reply.text("id") : null;
            if (sessionId == null) {
                return "HTTP " + reply.status();
            }
            answered.add(answeredAt - sent);
            SessionTrace trace = events.trace(sessionId);
            trace.requested(sent, sent, answeredAt, sentEpochMillis);
            String failure = awaitVisible(stream, trace, sent, deadline);
            if (failure == null) {
                try {
                    // NotificationIssued leaves notification-service's outbox after the notification is visible
                    if (trace.outcome().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                            == SessionTrace.Outcome.NOTIFIED) {
                        seen.add(trace.notifiedNanos() - sent);
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // the stream is what counts; the consumer's view is only added when it comes in time
                }
            }
            // a session left open here is ended by the next request for its device (409), as LoadDriver does
            api.endSession(sessionId).handle((r, e) -> null).join();
            return failure;
        }
    }

    private String awaitVisible(NotificationStream stream, SessionTrace trace, long sent, long deadline)
            throws InterruptedException {
        CompletableFuture<Long> shown = stream.firstDataWith(trace.sessionId());
        // a rejected session is never notified: no need to wait the timeout out
        trace.outcome().thenAccept(outcome -> {
            if (outcome == SessionTrace.Outcome.REJECTED) {
                shown.cancel(false);
            }
        });
        try {
            visible.add(shown.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) - sent);
            return null;
        } catch (CancellationException e) {
            return "rejected";
        } catch (TimeoutException e) {
            return "not visible on the stream within " + sessionTimeout.toSeconds() + " s";
        } catch (ExecutionException e) {
            return "stream broke: " + LoadDriver.rootMessage(e);
        }
    }
}
