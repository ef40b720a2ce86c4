package org.remoteassistance.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {

    @Test
    void summarisesCpuSamplesAndGarbageCollections(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("test.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.GarbageCollection");
            recording.start();
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            long sink = 0;
            while (System.nanoTime() < end) {
                sink += new StringBuilder().append(sink).toString().hashCode();
            }
            System.gc();
            recording.stop();
            recording.dump(file);
            assertTrue(sink != 42);
        }
        JfrProfile.Summary summary = JfrProfile.summarise("test", file);
        assertEquals("test", summary.service());
        assertTrue(summary.cpuSamples() > 0, "some CPU samples");
        double total = summary.subsystemsPercent().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(total > 99 && total < 101, "subsystems add up to 100 %: " + summary.subsystemsPercent());
        assertTrue(summary.gcPauses() >= 1, "System.gc() was recorded");
    }
}
