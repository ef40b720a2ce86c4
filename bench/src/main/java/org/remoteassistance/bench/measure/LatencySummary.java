package org.remoteassistance.bench.measure;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of latencies, by the nearest-rank method on the exact values (no histogram buckets): the
 * p-th percentile is the smallest value that at least p % of the values do not exceed.
 */
public record LatencySummary(int count, double p50Millis, double p95Millis, double p99Millis, double maxMillis,
        double meanMillis) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    public static LatencySummary ofNanos(Collection<Long> nanos) {
        return ofNanos(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    public static LatencySummary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new LatencySummary(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    /** The nearest-rank percentile of values sorted ascending. */
    public static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (percent <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
