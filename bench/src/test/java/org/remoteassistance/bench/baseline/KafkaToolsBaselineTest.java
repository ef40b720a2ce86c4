package org.remoteassistance.bench.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KafkaToolsBaselineTest {

    @Test
    void parsesEndToEndLatencyOutput() {
        String output = """
                0\t12.345
                1000\t0.9
                Avg latency: 1.2345 ms
                Percentiles: 50th = 1, 99th = 3, 99.9th = 7
                """;
        KafkaToolsBaseline.EndToEndLatency result = KafkaToolsBaseline.parseEndToEndLatency(output, 5000, "cmd");
        assertEquals(1.2345, result.averageMillis());
        assertEquals(1, result.p50Millis());
        assertEquals(3, result.p99Millis());
        assertEquals(7, result.p999Millis());
    }

    @Test
    void parsesProducerPerformanceSummaryNotTheProgressLines() {
        String output = """
                98305 records sent, 19661.0 records/sec (9.60 MB/sec), 1234.5 ms avg latency, 2000.0 ms max latency.
                200000 records sent, 21645.021645 records/sec (10.57 MB/sec), 1456.78 ms avg latency, \
                2100.00 ms max latency, 1400 ms 50th, 2000 ms 95th, 2050 ms 99th, 2090 ms 99.9th.
                """;
        KafkaToolsBaseline.ProducerPerformance result = KafkaToolsBaseline.parseProducerPerformance(output, "cmd");
        assertEquals(200000, result.records());
        assertEquals(21645.021645, result.recordsPerSecond());
        assertEquals(10.57, result.megabytesPerSecond());
        assertEquals(2050, result.p99Millis());
    }

    @Test
    void noResultIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> KafkaToolsBaseline.parseEndToEndLatency("Exception in thread main", 10, "cmd"));
    }
}
