package org.remoteassistance.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    /** Three significant digits: a figure may be off by 0.1 % of itself, never more. */
    private static void assertWithinPrecision(double expected, double actual) {
        assertEquals(expected, actual, expected * 0.001, () -> "expected " + expected + " ms, got " + actual);
    }

    @Test
    void percentilesOfOneToHundredMilliseconds() {
        LatencySummary summary = LatencySummary.ofNanos(LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000)
                .toArray());
        assertEquals(100, summary.count());
        assertWithinPrecision(50, summary.p50Millis());
        assertWithinPrecision(95, summary.p95Millis());
        assertWithinPrecision(99, summary.p99Millis());
        assertEquals(100.0, summary.maxMillis());
        assertWithinPrecision(50.5, summary.meanMillis());
    }

    @Test
    void aPercentileIsAValueThatOccurred() {
        LatencySummary summary = LatencySummary.ofNanos(List.of(10_000_000L, 20_000_000L, 30_000_000L));
        assertWithinPrecision(20, summary.p50Millis());
        assertWithinPrecision(30, summary.p99Millis());
    }

    @Test
    void oneSlowValueInAHundredIsTheMaximumButNotTheP99() {
        long[] values = LongStream.range(0, 100).map(i -> i == 42 ? 5_000_000_000L : 2_000_000).toArray();
        LatencySummary summary = LatencySummary.ofNanos(values);
        assertWithinPrecision(2, summary.p50Millis());
        assertWithinPrecision(2, summary.p99Millis());
        assertEquals(5_000.0, summary.maxMillis());
    }

    @Test
    void noValuesGiveAnEmptySummary() {
        LatencySummary summary = LatencySummary.ofNanos(new long[0]);
        assertEquals(0, summary.count());
        assertTrue(Double.isNaN(summary.p99Millis()));
    }
}
