package org.remoteassistance.session.report;

import java.time.Instant;
import java.util.Map;

/**
 * Figures over the sessions requested from {@code from} to {@code to}: how many, how many by outcome (every outcome,
 * zero included), how many the device user answered and how long they took (median and 90th percentile from the
 * request to the answer, in seconds; null when none answered), and the share declined and expired (null when there
 * were none at all).
 */
public record ReportSummary(Instant from, Instant to, long total, Map<ReportOutcome, Long> byOutcome, long answered,
        Double medianSecondsToAnswer, Double p90SecondsToAnswer, Double declinedRate, Double expiredRate) {
}
