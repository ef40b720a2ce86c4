package org.remoteassistance.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] values = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(50, LatencySummary.percentile(values, 50));
        assertEquals(95, LatencySummary.percentile(values, 95));
        assertEquals(99, LatencySummary.percentile(values, 99));
        assertEquals(100, LatencySummary.percentile(values, 100));
        assertEquals(1, LatencySummary.percentile(values, 0));
    }

    @Test
    void aPercentileIsAValueThatOccurred() {
        long[] values = {10, 20, 30};
        assertEquals(20, LatencySummary.percentile(values, 50));
        assertEquals(30, LatencySummary.percentile(values, 99));
        assertEquals(10, LatencySummary.percentile(values, 1));
    }

    @Test
    void summarySortsAndConvertsNanosToMillis() {
        LatencySummary summary = LatencySummary.ofNanos(List.of(3_000_000L, 1_000_000L, 2_000_000L, 100_000_000L));
        assertEquals(4, summary.count());
        assertEquals(2.0, summary.p50Millis());
        assertEquals(100.0, summary.p99Millis());
        assertEquals(100.0, summary.maxMillis());
        assertEquals(26.5, summary.meanMillis(), 1e-9);
    }

    @Test
    void noValuesGiveAnEmptySummary() {
        LatencySummary summary = LatencySummary.ofNanos(new long[0]);
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p99Millis()));
    }
}
