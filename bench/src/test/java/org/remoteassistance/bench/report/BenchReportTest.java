package org.remoteassistance.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.remoteassistance.bench.baseline.KafkaToolsBaseline;
import org.remoteassistance.bench.baseline.PostgresCommitBaseline;
import org.remoteassistance.bench.load.IdlePhase;
import org.remoteassistance.bench.load.PhaseResult;
import org.remoteassistance.bench.load.RegistrationProbe;
import org.remoteassistance.bench.measure.DatabaseCounters;
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

    private static BenchReport empty() {
        return new BenchReport("bin/bench", Instant.parse("2026-11-25T10:00:00Z"),
                new BenchReport.Machine(2, 24000, "Java 17", "Linux", "0.5 0.4 0.3"), Map.of());
    }

    private static final ResourceSampler.CpuUse CPU = new ResourceSampler.CpuUse(Map.of(), 80, 30);

    private static Figure row(BenchReport report, String start) {
        return report.figures().stream().filter(f -> f.figure().startsWith(start)).findFirst().orElseThrow();
    }

    private static BenchReport report() {
        BenchReport report = empty();
        // 100 sessions started in each phase
        report.phase(new BenchReport.Phase(phase("fixed-rate", 49.5, 40), CPU, Map.of(),
                new DatabaseCounters.Change(1700L, 1500L, List.of(), null)));
        report.phase(new BenchReport.Phase(phase("max-rate", 400, 300), CPU, Map.of(),
                new DatabaseCounters.Change(300L, null, List.of(), "pg_stat_statements is not loaded")));
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
    void commitsAndStatementsPerSessionAreJudgedAndAMissingCountSaysWhy() {
        BenchReport report = report();
        Figure commits = row(report, "database commits (fixed");
        assertEquals("1700, 17.0 per session started", commits.value());
        assertEquals("≤ 4 per session", commits.target());
        assertEquals(Boolean.FALSE, commits.met());
        assertEquals(Boolean.TRUE, row(report, "database commits (max").met());
        Figure statements = row(report, "database statements ≈ round trips (fixed");
        assertEquals("1500, 15.0 per session started", statements.value());
        assertEquals("≤ 20 per session", statements.target());
        assertEquals(Boolean.TRUE, statements.met());
        Figure unknown = row(report, "database statements ≈ round trips (max");
        assertEquals("n/a: pg_stat_statements is not loaded", unknown.value());
        assertEquals("≤ 20 per session", unknown.target());
        assertNull(unknown.met());
    }

    @Test
    void theMostCalledStatementsAreListedPerSessionForTheMaximumRatePhase() {
        BenchReport report = empty();
        report.phase(new BenchReport.Phase(phase("fixed-rate", 49.5, 40), CPU, Map.of(),
                new DatabaseCounters.Change(1700L, 1500L, List.of(
                        new DatabaseCounters.StatementCalls("device_service", "SELECT fixed", 900)), null)));
        report.phase(new BenchReport.Phase(phase("max-rate", 400, 300), CPU, Map.of(),
                new DatabaseCounters.Change(1000L, 2500L, List.of(
                        new DatabaseCounters.StatementCalls("session_service", "SELECT a FROM b", 450),
                        new DatabaseCounters.StatementCalls("connector_service", "UPDATE c", 120)), null)));
        List<Figure> statements = report.figures().stream().filter(f -> f.figure().startsWith("statement #"))
                .toList();
        assertEquals(2, statements.size());
        assertEquals("statement #1 by calls (max rate): session_service: SELECT a FROM b",
                statements.get(0).figure());
        assertEquals("4.5 per session", statements.get(0).value());
        assertEquals("1.2 per session", statements.get(1).value());
    }

    @Test
    void idleSessionsAreJudgedOnP99AndEveryOneNotified() {
        BenchReport report = empty();
        report.idle(new IdlePhase.Result(20, millis(6), millis(12), millis(14), Map.of()));
        Figure visible = row(report, "request → notification visible on the device's stream, client (idle");
        assertEquals("p99 ≤ 15 ms", visible.target());
        assertEquals(Boolean.TRUE, visible.met());
        row(report, "request → 202 answered, client (idle)");
        row(report, "request → NotificationIssued seen by the bench's consumer (idle)");

        BenchReport slow = empty();
        slow.idle(new IdlePhase.Result(20, millis(6), millis(16), millis(18), Map.of()));
        assertEquals(Boolean.FALSE, row(slow, "request → notification visible on the device's").met());

        BenchReport failing = empty();
        failing.idle(new IdlePhase.Result(20, millis(6), millis(12), millis(14),
                Map.of("not visible on the stream within 30 s", 1L)));
        assertEquals(Boolean.FALSE, row(failing, "request → notification visible on the device's").met());
        assertEquals("20 / 100 / 1 {not visible on the stream within 30 s=1}",
                row(failing, "sessions (idle)").value());
    }

    @Test
    void registrationToRequestableIsJudgedOnP99IdleAndDuringTheBurst() {
        BenchReport report = empty();
        report.registration(new RegistrationProbe.Result("idle, one device at a time", 20, millis(40), 35,
                Map.of()));
        report.registration(new RegistrationProbe.Result("during the registration of 2000 devices", 100,
                millis(300), 4000, Map.of()));
        Figure idle = row(report, "registration 201 → requestable (first 202 of POST /api/sessions), idle");
        assertEquals("p99 ≤ 100 ms", idle.target());
        assertEquals(Boolean.TRUE, idle.met());
        assertTrue(idle.value().endsWith("; 35 × 404; failed 0"), idle.value());
        Figure burst = row(report, "registration 201 → requestable (first 202 of POST /api/sessions), during");
        assertEquals(Boolean.FALSE, burst.met());

        BenchReport failing = empty();
        failing.registration(RegistrationProbe.Result.of("idle", List.of(new RegistrationProbe.Probe(5_000_000, 2,
                null), new RegistrationProbe.Probe(0, 5000, "still 404 after 10 s"))));
        Figure failed = row(failing, "registration 201 → requestable");
        assertEquals(Boolean.FALSE, failed.met());
        assertTrue(failed.value().endsWith("; 5002 × 404; failed 1 {still 404 after 10 s=1}"), failed.value());
    }

    @Test
    void cpuPerSessionSaysWhichProcessSpendsIt() {
        BenchReport report = empty();
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
