package org.remoteassistance.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.remoteassistance.bench.baseline.KafkaToolsBaseline;
import org.remoteassistance.bench.baseline.PostgresCommitBaseline;
import org.remoteassistance.bench.load.PhaseResult;
import org.remoteassistance.bench.measure.LatencySummary;
import org.remoteassistance.bench.measure.ResourceSampler;

class BenchReportTest {

    private static LatencySummary millis(double p99) {
        return new LatencySummary(100, p99 / 2, p99 * 0.9, p99, p99 * 2, p99 / 2);
    }

    private static PhaseResult phase(String name, double throughput, double p99) {
        return new PhaseResult(name, name.equals("fixed-rate") ? 50 : Double.NaN, name.equals("max-rate") ? 64 : 0,
                30, 100, 100, 100, 95, throughput, 0, 0, 0, 0, Map.of(), millis(2), millis(p99 / 2), millis(p99),
                millis(p99 / 2), millis(p99), 0,
                new PhaseResult.Hops(millis(p99 / 3), millis(p99 / 3), millis(p99 / 3)));
    }

    private static BenchReport report() {
        BenchReport report = new BenchReport("bin/bench", Instant.parse("2026-11-25T10:00:00Z"),
                new BenchReport.Machine(2, 24000, "Java 17", "Linux", "0.5 0.4 0.3"), Map.of());
        ResourceSampler.CpuUse cpu = new ResourceSampler.CpuUse(Map.of(), 80, 30);
        report.phase(new BenchReport.Phase(phase("fixed-rate", 49.5, 40), cpu, Map.of(), 1700L));
        report.phase(new BenchReport.Phase(phase("max-rate", 400, 300), cpu, Map.of(), null));
        report.baselines(new BenchReport.Baselines(
                new KafkaToolsBaseline.EndToEndLatency(5000, 512, 1.1, 1, 2, 5, "cmd"), null,
                new PostgresCommitBaseline.CommitRate(1, 5000, 5, 1000, millis(3)),
                new PostgresCommitBaseline.CommitRate(8, 20000, 5, 4000, millis(6)), Map.of(), List.of()));
        return report;
    }

    @Test
    void targetsAreJudgedAndRatiosTakenAgainstTheBaselines() {
        List<Figure> figures = report().figures();
        Figure max = figures.stream().filter(f -> f.figure().startsWith("Sessions/s completed end to end (max"))
                .findFirst().orElseThrow();
        assertEquals(Boolean.FALSE, max.met());
        assertTrue(max.ratio().startsWith("0.100"), max.ratio());
        Figure lowRate = figures.stream()
                .filter(f -> f.figure().startsWith("request → notification visible, client (fixed")).findFirst()
                .orElseThrow();
        assertEquals(Boolean.TRUE, lowRate.met());
        assertTrue(lowRate.ratio().startsWith("20.0"), lowRate.ratio());
    }

    @Test
    void cpuPerSessionSaysWhichProcessSpendsIt() {
        BenchReport report = new BenchReport("bin/bench", Instant.parse("2026-11-25T10:00:00Z"),
                new BenchReport.Machine(2, 24000, "Java 17", "Linux", "0.5 0.4 0.3"), Map.of());
        // 40 sessions/s; 80 % of a core is 20 ms per session, 20 % is 5 ms; the bench's own CPU does not count
        ResourceSampler.CpuUse cpu = new ResourceSampler.CpuUse(Map.of("session-service", 80.0,
                "PostgreSQL (postmaster; CPU of all its processes)", 20.0, "bench (load generator JVM)", 50.0), 75, 30);
        report.phase(new BenchReport.Phase(phase("max-rate", 40, 300), cpu, Map.of(), null));
        Figure figure = report.figures().stream().filter(f -> f.figure().startsWith("CPU per session")).findFirst()
                .orElseThrow();
        assertEquals("25.0 ms (session-service 20.0, PostgreSQL 5.0)", figure.value());
    }

    @Test
    void jsonHasTheTableAndNoNaN() throws Exception {
        String json = report().json();
        JsonNode root = new ObjectMapper().readTree(json);
        assertTrue(root.get("table").size() > 5);
        assertTrue(root.get("phases").get(1).get("result").get("offeredRate").isNull());
        assertEquals(17, root.get("commitsPerSessionEstimate").asInt());
    }

    @Test
    void tableIsMarkdown() {
        String table = MarkdownTable.render(List.of(Figure.of("a|b", "1").withTarget("≥ 1", true)));
        assertTrue(table.startsWith("| figure"));
        assertTrue(table.contains("a\\|b"));
        assertTrue(table.contains("| yes"));
    }
}
