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
        int serverSampleMissing) {
}
