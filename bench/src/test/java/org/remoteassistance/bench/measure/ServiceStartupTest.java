package org.remoteassistance.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStartupTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00.250Z");

    @Test
    void readsATimeOnlyStampOnTheDayTheProcessStarted() {
        assertEquals(Instant.parse("2026-11-25T10:00:01.730Z"), ServiceStartup.logTime(
                "10:00:01.730 INFO  [io.quarkus] (main) session-service 1.0.0-SNAPSHOT on JVM started in 1.234s. "
                        + "Listening on: http://0.0.0.0:8082", START, ZoneOffset.UTC).orElseThrow());
    }

    @Test
    void aTimeOnlyStampBeforeTheStartIsOnTheNextDay() {
        Instant start = Instant.parse("2026-11-25T23:59:59.500Z");
        assertEquals(Instant.parse("2026-11-26T00:00:01.000Z"),
                ServiceStartup.logTime("00:00:01.000 INFO started in 1.0s", start, ZoneOffset.UTC).orElseThrow());
    }

    @Test
    void readsQuarkusDefaultDateTimeStamp() {
        assertEquals(Instant.parse("2026-11-25T10:00:02.100Z"), ServiceStartup.logTime(
                "2026-11-25 10:00:02,100 INFO  [io.quarkus] (main) x started in 1.850s.", START, ZoneOffset.UTC)
                .orElseThrow());
    }

    @Test
    void findsTheStartedLineDespiteColours(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("s.log");
        Files.writeString(log, "10:00:00.900 INFO  [o.f.c.i.c.DbMigrate] migrating\n"
                + "\u001B[0m10:00:01.730 INFO  [io.quarkus] (main) s 1.0 on JVM (powered by Quarkus 3.33.2) "
                + "started in 1.234s. Listening on: http://0.0.0.0:8082\n");
        String line = ServiceStartup.startedLine(log).orElseThrow();
        assertTrue(line.startsWith("10:00:01.730"));
    }
}
