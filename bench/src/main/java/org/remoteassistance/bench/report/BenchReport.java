package org.remoteassistance.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.remoteassistance.bench.baseline.KafkaToolsBaseline;
import org.remoteassistance.bench.baseline.PostgresCommitBaseline;
import org.remoteassistance.bench.load.IdlePhase;
import org.remoteassistance.bench.load.PhaseResult;
import org.remoteassistance.bench.load.RegistrationProbe;
import org.remoteassistance.bench.measure.DatabaseCounters;
import org.remoteassistance.bench.measure.JfrProfile;
import org.remoteassistance.bench.measure.LatencySummary;
import org.remoteassistance.bench.measure.ResourceSampler;
import org.remoteassistance.bench.measure.ServiceStartup;
import org.remoteassistance.bench.measure.SoloStartup;

/** Everything one run measured, the table of figures against targets and baselines, and the same as JSON. */
public final class BenchReport {

    /** The benchmark's own JVM as the resource sampler names it: not part of the system's cost. */
    public static final String LOAD_GENERATOR = "bench (load generator JVM)";


    /** Targets from the issue, for this 2-core machine. */
    static final double TARGET_SESSIONS_PER_SECOND = 1_000;
    static final double TARGET_P99_NOTIFIED_MILLIS = 50;
    static final double TARGET_IDLE_VISIBLE_MILLIS = 15;
    static final double TARGET_REQUESTABLE_MILLIS = 100;
    static final double TARGET_COMMITS_PER_SESSION = 4;
    static final double TARGET_STATEMENTS_PER_SESSION = 20;
    static final double TARGET_READY_SECONDS = 2;
    static final double TARGET_RSS_AT_REST_MB = 200;

    /**
     * Database commits one session costs across the four services (request, end, and each consumed event is one
     * transaction with its inbox row; each published event is later deleted from an outbox by a relay transaction,
     * batched under load): session-service 5 + 2 relay, connector-service 2 + 1, notification-service 2 + 1,
     * device-service 4 (it follows requested, acknowledged, notification-issued and ended). An estimate.
     */
    public static final int COMMITS_PER_SESSION = 17;

    public record Machine(int processors, long memoryMiB, String java, String os, String loadAverageAtStart) {
    }

    public record Service(String name, Long pid, ServiceStartup startup, Long rssAtRestKiB) {
    }

    /** @param database commits and statements PostgreSQL counted over the phase and its drain */
    public record Phase(PhaseResult result, ResourceSampler.CpuUse cpu, Map<String, Long> peakRssKiB,
            DatabaseCounters.Change database) {

        public Double commitsPerSession() {
            return perSession(database == null ? null : database.commits());
        }

        public Double statementsPerSession() {
            return perSession(database == null ? null : database.statements());
        }

        private Double perSession(Long count) {
            return count == null || result.accepted() == 0 ? null : count / (double) result.accepted();
        }

        /**
         * CPU milliseconds per session completed, of every watched process but the load generator (the services,
         * Kafka, PostgreSQL): their cores busy over the phase divided by the sessions completed per second.
         */
        public Double cpuMillisPerSession(String loadGenerator) {
            if (cpu == null || result.throughput() <= 0) {
                return null;
            }
            return cpuMillisPerSessionByProcess(loadGenerator).values().stream().mapToDouble(Double::doubleValue)
                    .sum();
        }

        /** Where that CPU goes: each process's CPU milliseconds per session completed, the largest first. */
        public Map<String, Double> cpuMillisPerSessionByProcess(String loadGenerator) {
            Map<String, Double> byProcess = new LinkedHashMap<>();
            if (cpu == null || result.throughput() <= 0) {
                return byProcess;
            }
            cpu.percentOfOneCore().entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(loadGenerator))
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(entry -> byProcess.put(entry.getKey(),
                            entry.getValue() / 100 * 1000 / result.throughput()));
            return byProcess;
        }
    }

    public record Baselines(KafkaToolsBaseline.EndToEndLatency kafkaEndToEnd,
            KafkaToolsBaseline.ProducerPerformance kafkaProducer, PostgresCommitBaseline.CommitRate postgresOne,
            PostgresCommitBaseline.CommitRate postgresEight, Map<String, String> postgresSettings,
            List<String> failures) {
    }

    private final String command;
    private final Instant startedAt;
    private final Machine machine;
    private final Map<String, Object> settings;
    private final List<Service> services = new ArrayList<>();
    private final Map<String, Long> otherRssAtRestKiB = new LinkedHashMap<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<JfrProfile.Summary> profiles = new ArrayList<>();
    private final List<SoloStartup.Result> soloStarts = new ArrayList<>();
    private final List<RegistrationProbe.Result> registrations = new ArrayList<>();
    private IdlePhase.Result idle;
    private int devicesRegistered;
    private int devicesWarmed;
    private double warmUpSeconds;
    private Baselines baselines;
    private Instant finishedAt;

    public BenchReport(String command, Instant startedAt, Machine machine, Map<String, Object> settings) {
        this.command = command;
        this.startedAt = startedAt;
        this.machine = machine;
        this.settings = settings;
    }

    public void service(Service service) {
        services.add(service);
    }

    public void otherRssAtRest(String name, long kib) {
        otherRssAtRestKiB.put(name, kib);
    }

    public void devices(int registered, int warmed, double warmUpSeconds) {
        this.devicesRegistered = registered;
        this.devicesWarmed = warmed;
        this.warmUpSeconds = warmUpSeconds;
    }

    public void idle(IdlePhase.Result idle) {
        this.idle = idle;
    }

    public void registration(RegistrationProbe.Result probes) {
        registrations.add(probes);
    }

    public void phase(Phase phase) {
        phases.add(phase);
    }

    public void baselines(Baselines baselines) {
        this.baselines = baselines;
    }

    public void soloStart(SoloStartup.Result result) {
        soloStarts.add(result);
    }

    public void profile(JfrProfile.Summary profile) {
        profiles.add(profile);
    }

    public void note(String note) {
        notes.add(note);
    }

    public void finished(Instant at) {
        this.finishedAt = at;
    }

    public String header() {
        return String.format(Locale.ROOT, "Remote assistance benchmark — %s%n  command: %s%n"
                        + "  machine: %d CPUs, %d MiB, %s, %s; load average at start %s%n", startedAt, command,
                machine.processors(), machine.memoryMiB(), machine.java(), machine.os(), machine.loadAverageAtStart());
    }

    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        Phase fixed = phase("fixed-rate");
        Phase max = phase("max-rate");
        KafkaToolsBaseline.EndToEndLatency kafka = baselines == null ? null : baselines.kafkaEndToEnd();
        PostgresCommitBaseline.CommitRate pg = baselines == null ? null
                : baselines.postgresEight() != null ? baselines.postgresEight() : baselines.postgresOne();

        for (Phase phase : Stream.of(max, fixed).filter(Objects::nonNull).toList()) {
            PhaseResult r = phase.result();
            boolean isMax = r.name().equals("max-rate");
            String label = isMax ? "Sessions/s completed end to end (max rate, " + r.concurrency() + " in flight)"
                    : "Sessions/s completed end to end (fixed rate, " + num(r.offeredRate()) + "/s offered)";
            Figure throughput = Figure.of(label, num(r.throughput()));
            if (isMax) {
                throughput = throughput.withTarget("≥ 1,000", r.throughput() >= TARGET_SESSIONS_PER_SECOND);
            }
            if (pg != null) {
                double perSession = phase.commitsPerSession() != null ? phase.commitsPerSession()
                        : COMMITS_PER_SESSION;
                throughput = throughput.withBaseline(
                        "PostgreSQL single-row commits/s (" + pg.connections() + " conn): "
                                + num(pg.commitsPerSecond()),
                        String.format(Locale.ROOT, "%.4f (× %.1f commits/session%s = %.1f %% of it)",
                                r.throughput() / pg.commitsPerSecond(), perSession,
                                phase.commitsPerSession() != null ? " measured" : " estimated",
                                100 * r.throughput() * perSession / pg.commitsPerSecond()));
            }
            figures.add(throughput);
        }
        if (idle != null) {
            LatencySummary visible = idle.requestToVisible();
            figures.add(Figure.of("request → notification visible on the device's stream, client (idle, one at a "
                    + "time)", ms(visible)).withTarget("p99 ≤ 15 ms", visible.count() > 0 && idle.failed() == 0
                    && visible.p99Millis() <= TARGET_IDLE_VISIBLE_MILLIS));
            figures.add(Figure.of("request → 202 answered, client (idle)", ms(idle.requestToAnswer())));
            figures.add(latency("request → NotificationIssued seen by the bench's consumer (idle)",
                    idle.requestToNotificationSeen(), kafka));
            figures.add(Figure.of("sessions (idle): requested / visible on the stream / failed", idle.sessions()
                    + " / " + visible.count() + " / " + failed(idle.failed(), idle.failures())));
        }
        for (RegistrationProbe.Result probes : registrations) {
            LatencySummary requestable = probes.registeredToRequestable();
            figures.add(Figure.of("registration 201 → requestable (first 202 of POST /api/sessions), "
                            + probes.during(), ms(requestable) + "; " + probes.notFound() + " × 404; failed "
                            + failed(probes.failed(), probes.failures()))
                    .withTarget("p99 ≤ 100 ms", requestable.count() > 0 && probes.failed() == 0
                            && requestable.p99Millis() <= TARGET_REQUESTABLE_MILLIS));
        }
        for (Phase phase : Stream.of(fixed, max).filter(Objects::nonNull).toList()) {
            PhaseResult r = phase.result();
            String name = name(phase);
            figures.add(latency("request → acknowledged, client (" + name + ")", r.requestToAcknowledged(), kafka));
            Figure notified = latency("request → notification visible, client (" + name + ")",
                    r.requestToNotified(), kafka);
            if (r.name().equals("fixed-rate")) {
                notified = notified.withTarget("p99 ≤ 50 ms (low rate)",
                        r.requestToNotified().p99Millis() <= TARGET_P99_NOTIFIED_MILLIS);
            }
            figures.add(notified);
            figures.add(latency("request → acknowledgedAt, server (" + name + ", " + r.serverAcknowledged().count()
                    + " sampled)", r.serverAcknowledged(), kafka));
            figures.add(latency("request → notifiedAt, server (" + name + ", " + r.serverNotified().count()
                    + " sampled)", r.serverNotified(), kafka));
            figures.add(Figure.of("request → 202 answered, client (" + name + ")", ms(r.requestToAnswer())));
            if (r.hops() != null) {
                figures.add(latency("leg 1: request → SessionAcknowledged sent by connector's relay (" + name + ")",
                        r.hops().requestToAcknowledgedPublished(), null));
                figures.add(latency("leg 2: → NotificationIssued sent by notification's relay (" + name + ")",
                        r.hops().acknowledgedToNotificationPublished(), kafka));
                figures.add(latency("leg 3: → NotificationIssued seen by the bench's consumer (" + name + ")",
                        r.hops().notificationPublishedToSeen(), kafka));
            }
            if (phase.commitsPerSession() != null) {
                figures.add(Figure.of("database commits (" + name + ", pg_stat_database, phase and drain)",
                        String.format(Locale.ROOT, "%d, %.1f per session started", phase.database().commits(),
                                phase.commitsPerSession())).withTarget("≤ 4 per session",
                        phase.commitsPerSession() <= TARGET_COMMITS_PER_SESSION));
            }
            if (phase.database() != null) {
                String label = "database statements ≈ round trips (" + name + ", pg_stat_statements, the services' "
                        + "roles, phase and drain)";
                Double perSession = phase.statementsPerSession();
                figures.add(perSession == null
                        ? new Figure(label, "n/a: " + Objects.requireNonNullElse(
                                phase.database().statementsUnavailable(), "no session started"),
                                "≤ 20 per session", null, "", "")
                        : Figure.of(label, String.format(Locale.ROOT, "%d, %.1f per session started",
                                phase.database().statements(), perSession))
                                .withTarget("≤ 20 per session", perSession <= TARGET_STATEMENTS_PER_SESSION));
            }
            Double cpuPerSession = phase.cpuMillisPerSession(LOAD_GENERATOR);
            if (cpuPerSession != null) {
                String byProcess = String.join(", ", phase.cpuMillisPerSessionByProcess(LOAD_GENERATOR).entrySet()
                        .stream().map(e -> e.getKey().replaceFirst(" \\(.*", "") + " " + num1(e.getValue())).toList());
                Figure cpu = Figure.of("CPU per session completed, all processes but the bench (" + name + ")",
                        num1(cpuPerSession) + " ms (" + byProcess + ")");
                if (r.name().equals("max-rate")) {
                    cpu = cpu.withTarget("≤ 3 ms", cpuPerSession <= 3);
                }
                figures.add(cpu);
            }
            figures.add(Figure.of("sessions (" + name + "): requested / notified / rejected / timed out / other",
                    r.requested() + " / " + r.notified() + " / " + r.rejected() + " / " + r.timedOut() + " / "
                            + (r.requestFailures().isEmpty() ? "0" : r.requestFailures().toString())));
        }
        // where the round trips go: the statements called most per session, in the busiest phase run
        Phase profiled = max != null ? max : phases.isEmpty() ? null : phases.get(phases.size() - 1);
        if (profiled != null && profiled.statementsPerSession() != null) {
            int rank = 0;
            for (DatabaseCounters.StatementCalls statement : profiled.database().top()) {
                figures.add(Figure.of("statement #" + ++rank + " by calls (" + name(profiled) + "): "
                                + statement.role() + ": " + statement.query(),
                        num1(statement.calls() / (double) profiled.result().accepted()) + " per session"));
            }
        }
        for (Service s : services) {
            ServiceStartup st = s.startup();
            if (st != null && (st.jvmStartToReadyMillis() != null || st.quarkusStartedInSeconds() != null)) {
                double seconds = st.jvmStartToReadyMillis() != null ? st.jvmStartToReadyMillis() / 1000.0
                        : st.quarkusStartedInSeconds();
                String value = (st.jvmStartToReadyMillis() != null ? num2(seconds) + " s" : "?")
                        + " (Quarkus \"started in\": "
                        + (st.quarkusStartedInSeconds() != null ? st.quarkusStartedInSeconds() + " s" : "?") + ")";
                figures.add(Figure.of(s.name() + ": JVM start → ready (bin/run, all at once)", value)
                        .withTarget("≤ 2 s", seconds <= TARGET_READY_SECONDS));
            }
            SoloStartup.Result solo = soloStarts.stream().filter(r -> r.service().equals(s.name())).findFirst()
                    .orElse(null);
            if (solo != null && solo.readyMillis() != null) {
                figures.add(Figure.of(s.name() + ": JVM start → ready (alone, after the run)",
                        num2(solo.readyMillis() / 1000.0) + " s (Quarkus \"started in\": "
                                + (solo.quarkusStartedInSeconds() != null ? solo.quarkusStartedInSeconds() + " s" : "?")
                                + "; RSS 5 s later " + mb(solo.rssAtRestKiB() == null ? Double.NaN
                                : solo.rssAtRestKiB() / 1024.0) + ")")
                        .withTarget("≤ 2 s", solo.readyMillis() <= TARGET_READY_SECONDS * 1000));
            } else if (solo != null) {
                figures.add(Figure.of(s.name() + ": JVM start → ready (alone, after the run)",
                        "failed: " + solo.failure()));
            }
            if (s.rssAtRestKiB() != null) {
                double rest = s.rssAtRestKiB() / 1024.0;
                figures.add(Figure.of(s.name() + ": RSS at rest / peak " + phaseNames(), mb(rest) + peaks(s.name()))
                        .withTarget("≤ 200 MB at rest", rest <= TARGET_RSS_AT_REST_MB));
                figures.add(Figure.of(s.name() + ": CPU, % of one core " + phaseNames(), cpu(s.name())));
            }
        }
        for (Map.Entry<String, Long> other : otherRssAtRestKiB.entrySet()) {
            figures.add(Figure.of(other.getKey() + ": RSS at rest / peak " + phaseNames(),
                    mb(other.getValue() / 1024.0) + peaks(other.getKey())));
            figures.add(Figure.of(other.getKey() + ": CPU, % of one core " + phaseNames(), cpu(other.getKey())));
        }
        for (JfrProfile.Summary profile : profiles) {
            List<String> top = profile.subsystemsPercent().entrySet().stream().limit(5)
                    .map(e -> e.getKey() + " " + e.getValue() + " %").toList();
            figures.add(Figure.of(profile.service() + ": JFR CPU samples by subsystem (" + profile.cpuSamples()
                    + " samples)", String.join(", ", top) + "; GC: " + profile.gcPauses() + " pauses, "
                    + num1(profile.gcPauseMillis()) + " ms in all, longest " + num1(profile.longestGcPauseMillis())
                    + " ms; JIT: " + profile.jitCompilations() + " compilations, " + num1(profile.jitCompileMillis())
                    + " ms"));
        }
        if (!phases.isEmpty()) {
            figures.add(Figure.of("machine: CPU busy, % of all " + machine.processors() + " cores " + phaseNames(),
                    String.join(" / ", phases.stream().map(p -> pct(p.cpu().machineBusyPercent())).toList())));
            // what the machine did besides the system under test and the benchmark: other work skews every figure
            figures.add(Figure.of("machine: CPU of other processes (not the system, not the bench), % of one core "
                    + phaseNames(), String.join(" / ", phases.stream().map(p -> {
                        double busy = p.cpu().machineBusyPercent() * machine.processors();
                        double ours = p.cpu().percentOfOneCore().values().stream().mapToDouble(Double::doubleValue)
                                .sum();
                        return pct(Math.max(0, busy - ours));
                    }).toList())));
        }
        if (baselines != null) {
            if (kafka != null) {
                figures.add(Figure.of("baseline: Kafka EndToEndLatency (" + kafka.messages() + " × "
                                + kafka.recordSize() + " B, acks=all)",
                        "p50 " + kafka.p50Millis() + " / p99 " + kafka.p99Millis() + " / p99.9 " + kafka.p999Millis()
                                + " ms (avg " + num2(kafka.averageMillis()) + " ms; whole ms)"));
            }
            KafkaToolsBaseline.ProducerPerformance producer = baselines.kafkaProducer();
            if (producer != null) {
                figures.add(Figure.of("baseline: Kafka ProducerPerformance (" + producer.records() + " × "
                                + producer.recordSize() + " B, acks=all)",
                        num(producer.recordsPerSecond()) + " records/s (" + num2(producer.megabytesPerSecond())
                                + " MB/s), p50 " + producer.p50Millis() + " / p99 " + producer.p99Millis() + " ms"));
            }
            for (PostgresCommitBaseline.CommitRate rate : new PostgresCommitBaseline.CommitRate[] {
                    baselines.postgresOne(), baselines.postgresEight()}) {
                if (rate != null) {
                    figures.add(Figure.of("baseline: PostgreSQL single-row commits/s, " + rate.connections()
                                    + " connection" + (rate.connections() == 1 ? "" : "s"),
                            num(rate.commitsPerSecond()) + "/s (commit p50 " + num2(rate.commitLatency().p50Millis())
                                    + " / p99 " + num2(rate.commitLatency().p99Millis()) + " ms)"));
                }
            }
            Map<String, String> pgSettings = baselines.postgresSettings();
            if (pgSettings != null && !pgSettings.isEmpty()) {
                figures.add(Figure.of("baseline: PostgreSQL settings", "PostgreSQL " + pgSettings.get("server_version")
                        + ", synchronous_commit=" + pgSettings.get("synchronous_commit") + ", fsync="
                        + pgSettings.get("fsync") + ", shared_buffers=" + pgSettings.get("shared_buffers")));
            }
            for (String failure : baselines.failures()) {
                figures.add(Figure.of("baseline failed", failure));
            }
        }
        return figures;
    }

    public String json() throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("startedAt", startedAt);
        root.put("finishedAt", finishedAt);
        root.put("command", command);
        root.put("machine", machine);
        root.put("settings", settings);
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("sessionsPerSecond", TARGET_SESSIONS_PER_SECOND);
        targets.put("p99RequestToNotifiedMillisAtLowRate", TARGET_P99_NOTIFIED_MILLIS);
        targets.put("p99RequestToVisibleMillisIdle", TARGET_IDLE_VISIBLE_MILLIS);
        targets.put("p99RegisteredToRequestableMillis", TARGET_REQUESTABLE_MILLIS);
        targets.put("commitsPerSession", TARGET_COMMITS_PER_SESSION);
        targets.put("statementsPerSession", TARGET_STATEMENTS_PER_SESSION);
        targets.put("readySecondsAfterJvmStart", TARGET_READY_SECONDS);
        targets.put("rssAtRestMB", TARGET_RSS_AT_REST_MB);
        root.put("targets", targets);
        root.put("commitsPerSessionEstimate", COMMITS_PER_SESSION);
        root.put("table", figures());
        Map<String, Object> devices = new LinkedHashMap<>();
        devices.put("registered", devicesRegistered);
        devices.put("warmed", devicesWarmed);
        devices.put("warmUpSeconds", warmUpSeconds);
        root.put("devices", devices);
        root.put("services", services);
        root.put("otherProcessesRssAtRestKiB", otherRssAtRestKiB);
        root.put("idle", idle);
        root.put("registrationProbes", registrations);
        root.put("phases", phases);
        root.put("baselines", baselines);
        root.put("jfrProfiles", profiles);
        root.put("soloStarts", soloStarts);
        root.put("notes", notes);
        return mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    public List<String> notes() {
        return notes;
    }

    private Phase phase(String name) {
        return phases.stream().filter(p -> p.result().name().equals(name)).findFirst().orElse(null);
    }

    private static String name(Phase phase) {
        PhaseResult r = phase.result();
        return r.name().equals("max-rate") ? "max rate" : "fixed " + num(r.offeredRate()) + "/s";
    }

    private static String failed(long count, Map<String, Long> why) {
        return count == 0 ? "0" : count + " " + why;
    }

    private String phaseNames() {
        return phases.isEmpty() ? "" : "(" + String.join(" / ", phases.stream()
                .map(p -> p.result().name().equals("max-rate") ? "max rate" : "fixed rate").toList()) + ")";
    }

    private String peaks(String process) {
        StringBuilder out = new StringBuilder();
        for (Phase phase : phases) {
            Long peak = phase.peakRssKiB().get(process);
            out.append(" / ").append(peak == null ? "?" : mb(peak / 1024.0));
        }
        return out.toString();
    }

    private String cpu(String process) {
        return String.join(" / ", phases.stream().map(p -> {
            Double percent = p.cpu().percentOfOneCore().get(process);
            return percent == null ? "?" : pct(percent);
        }).toList());
    }

    private static Figure latency(String label, LatencySummary summary, KafkaToolsBaseline.EndToEndLatency kafka) {
        Figure figure = Figure.of(label, ms(summary));
        if (kafka != null && summary.count() > 0) {
            long kafkaP99 = Math.max(1, kafka.p99Millis());
            String ratio = String.format(Locale.ROOT, "%s%.1f", kafka.p99Millis() < 1 ? "> " : "",
                    summary.p99Millis() / kafkaP99);
            figure = figure.withBaseline("Kafka e2e p99: " + (kafka.p99Millis() < 1 ? "< 1" : kafka.p99Millis())
                    + " ms", ratio + " (p99 ÷ p99)");
        }
        return figure;
    }

    static String ms(LatencySummary s) {
        if (s.count() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%s / %s / %s / %s ms (p50/p95/p99/max, n=%d)", num1(s.p50Millis()),
                num1(s.p95Millis()), num1(s.p99Millis()), num1(s.maxMillis()), s.count());
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.1f", value);
    }

    private static String num1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String num2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mb(double value) {
        return String.format(Locale.ROOT, "%.0f MB", value);
    }

    private static String pct(double value) {
        return Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f %%", value);
    }

    static ObjectMapper mapper() {
        SimpleModule nanAsNull = new SimpleModule();
        JsonSerializer<Double> doubles = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
                if (value == null || value.isNaN() || value.isInfinite()) {
                    json.writeNull();
                } else {
                    json.writeNumber(value);
                }
            }
        };
        nanAsNull.addSerializer(Double.class, doubles);
        nanAsNull.addSerializer(double.class, doubles);
        nanAsNull.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(value.toString());
            }
        });
        return new ObjectMapper().registerModule(nanAsNull).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
