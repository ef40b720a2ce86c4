package org.remoteassistance.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * One session's client-side times, in {@link System#nanoTime()}: when it was due (the schedule of a fixed-rate phase,
 * else when it was sent), when its request was answered, and when the benchmark's own Kafka consumer saw its
 * SessionAcknowledged and NotificationIssued events. Events may arrive before the HTTP answer names the session, so
 * either side may create the trace.
 */
public final class SessionTrace {

    public enum Outcome { NOTIFIED, REJECTED }

    private final String sessionId;
    private volatile long dueNanos;
    private volatile long sentNanos;
    private volatile long answeredNanos;
    private volatile long acknowledgedNanos;
    private volatile long notifiedNanos;
    /** Wall clock (epoch ms): the request sent, and each event's Kafka timestamp (when its outbox relay sent it). */
    private volatile long sentEpochMillis;
    private volatile long acknowledgedPublishedMillis;
    private volatile long notificationPublishedMillis;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    SessionTrace(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }

    void requested(long due, long sent, long answered, long sentEpochMillis) {
        this.sentEpochMillis = sentEpochMillis;
        this.dueNanos = due;
        this.sentNanos = sent;
        this.answeredNanos = answered;
    }

    void acknowledged(long at, long publishedMillis) {
        if (acknowledgedNanos == 0) {
            acknowledgedPublishedMillis = publishedMillis;
            acknowledgedNanos = at;
        }
    }

    void notified(long at, long publishedMillis) {
        if (notifiedNanos == 0) {
            notificationPublishedMillis = publishedMillis;
            notifiedNanos = at;
        }
        outcome.complete(Outcome.NOTIFIED);
    }

    void rejected() {
        outcome.complete(Outcome.REJECTED);
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    public long dueNanos() {
        return dueNanos;
    }

    public long sentNanos() {
        return sentNanos;
    }

    public long answeredNanos() {
        return answeredNanos;
    }

    public long acknowledgedNanos() {
        return acknowledgedNanos;
    }

    public long notifiedNanos() {
        return notifiedNanos;
    }

    public long sentEpochMillis() {
        return sentEpochMillis;
    }

    public long acknowledgedPublishedMillis() {
        return acknowledgedPublishedMillis;
    }

    public long notificationPublishedMillis() {
        return notificationPublishedMillis;
    }

    public boolean isNotified() {
        return notifiedNanos != 0 && dueNanos != 0;
    }
}
