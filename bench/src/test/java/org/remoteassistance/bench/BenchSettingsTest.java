package org.remoteassistance.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void withoutRateOrMaxBothPhasesRunAgainstBinRunDefaults() {
        BenchSettings settings = BenchSettings.parse(List.of(), Map.of());
        assertTrue(settings.fixedRatePhase());
        assertTrue(settings.maxRatePhase());
        assertEquals(20, settings.rate());
        assertEquals(64, settings.concurrency());
        assertEquals(2000, settings.devices());
        assertEquals(Duration.ofSeconds(30), settings.duration());
        assertEquals("http://localhost:8082", settings.sessionService().toString());
        assertEquals("localhost:9092", settings.kafkaBootstrapServers());
        assertEquals(20, settings.idleSessions());
        assertEquals(20, settings.registrationProbes());
    }

    @Test
    void idleSessionsAndRegistrationProbesCanBeSetOrSkipped() {
        BenchSettings settings = BenchSettings.parse(List.of("--idle", "0", "--registration-probes=5"), Map.of());
        assertEquals(0, settings.idleSessions());
        assertEquals(5, settings.registrationProbes());
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.parse(List.of("--idle", "-1"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.parse(List.of("--registration-probes", "-1"), Map.of()));
    }

    @Test
    void rateAloneRunsOnlyTheFixedRatePhase() {
        BenchSettings settings = BenchSettings.parse(List.of("--rate", "20", "--duration=10s"), Map.of());
        assertTrue(settings.fixedRatePhase());
        assertFalse(settings.maxRatePhase());
        assertEquals(20, settings.rate());
        assertEquals(Duration.ofSeconds(10), settings.duration());
    }

    @Test
    void flagsWinOverEnvironment() {
        BenchSettings settings = BenchSettings.parse(List.of("--kafka", "broker:1"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:2", "SESSION_URL", "http://s:9"));
        assertEquals("broker:1", settings.kafkaBootstrapServers());
        assertEquals("http://s:9", settings.sessionService().toString());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), BenchSettings.duration("500ms"));
        assertEquals(Duration.ofSeconds(90), BenchSettings.duration("1.5m"));
        assertEquals(Duration.ofSeconds(7), BenchSettings.duration("7"));
    }

    @Test
    void tooFewDevicesForTheConcurrencyAndUnknownOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> BenchSettings.parse(List.of("--max", "--devices", "10"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BenchSettings.parse(List.of("--rat", "1"), Map.of()));
    }
}
