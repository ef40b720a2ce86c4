package org.remoteassistance.bench.measure;

import java.util.Collection;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of a set of latencies, from an HdrHistogram with three significant digits: each figure is within 0.1 %
 * of a value that occurred, and the maximum is exact.
 */
public record LatencySummary(int count, double p50Millis, double p95Millis, double p99Millis, double maxMillis,
        double meanMillis) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    private static final int SIGNIFICANT_DIGITS = 3;

    public static LatencySummary ofNanos(Collection<Long> nanos) {
        return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    public static LatencySummary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS); // resizes to the largest value recorded
        long max = 0;
        for (long value : nanos) {
            histogram.recordValue(Math.max(0, value));
            max = Math.max(max, value);
        }
        return new LatencySummary(nanos.length, millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(95)), millis(histogram.getValueAtPercentile(99)), millis(max),
                histogram.getMean() / 1e6);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
