package org.remoteassistance.bench.load;

import java.util.Map;
import org.remoteassistance.bench.measure.LatencySummary;

/**
 * One measured phase.
 *
 * @param name                  "fixed-rate" or "max-rate"
 * @param offeredRate           sessions per second scheduled (fixed rate), else NaN
 * @param concurrency           sessions in flight (max rate), else 0
 * @param windowSeconds         how long new sessions were started
 * @param requested             POST /api/sessions sent
 * @param accepted              answered 202
 * @param notified              of those, NotificationIssued seen
 * @param notifiedInWindow      NotificationIssued seen within the window (the throughput's numerator)
 * @param throughput            notifiedInWindow / windowSeconds: sessions completed end to end per second
 * @param requestToAnswer       client: due → 202 answered
 * @param requestToAcknowledged client: due → SessionAcknowledged seen by the benchmark's consumer
 * @param requestToNotified     client: due → NotificationIssued seen (the notification is visible: it is committed
 *                              before the event leaves the outbox)
 * @param serverAcknowledged    server: acknowledgedAt − requestedAt, a sample read back from session-service
 * @param serverNotified        server: notifiedAt − requestedAt (notifiedAt is when session-service consumed
 *                              NotificationIssued, so one Kafka hop after the notification became visible)
 * @param hops                  where the time goes, by the Kafka timestamps of the events (millisecond clock)
 */
public record PhaseResult(
        String name,
        double offeredRate,
        int concurrency,
        double windowSeconds,
        long requested,
        long accepted,
        long notified,
        long notifiedInWindow,
        double throughput,
        long rejected,
        long timedOut,
        long endFailures,
        long waitsForDevice,
        Map<String, Long> requestFailures,
        LatencySummary requestToAnswer,
        LatencySummary requestToAcknowledged,
        LatencySummary requestToNotified,
        LatencySummary serverAcknowledged,
        LatencySummary serverNotified,
        int serverSampleMissing,
        Hops hops) {

    /**
     * The pipeline in three legs, from the wall clock and the events' Kafka timestamps (set when an outbox relay
     * sends them; all on this machine's clock, in whole milliseconds).
     *
     * @param requestToAcknowledgedPublished       request sent → SessionAcknowledged sent to Kafka: session-service's
     *                                             commit and relay, a Kafka hop, connector-service's transaction with
     *                                             the partner call, and its relay
     * @param acknowledgedToNotificationPublished  SessionAcknowledged sent → NotificationIssued sent: a Kafka hop,
     *                                             notification-service's transaction and its relay
     * @param notificationPublishedToSeen          NotificationIssued sent → seen by the benchmark: one Kafka hop
     */
    public record Hops(LatencySummary requestToAcknowledgedPublished,
            LatencySummary acknowledgedToNotificationPublished, LatencySummary notificationPublishedToSeen) {
    }
}
