package org.remoteassistance.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.remoteassistance.bench.baseline.KafkaToolsBaseline;
import org.remoteassistance.bench.baseline.PostgresCommitBaseline;
import org.remoteassistance.bench.load.DevicePool;
import org.remoteassistance.bench.load.IdlePhase;
import org.remoteassistance.bench.load.LoadDriver;
import org.remoteassistance.bench.load.PhaseResult;
import org.remoteassistance.bench.load.RegistrationProbe;
import org.remoteassistance.bench.load.RemoteAssistanceApi;
import org.remoteassistance.bench.load.SessionEventListener;
import org.remoteassistance.bench.measure.DatabaseCounters;
import org.remoteassistance.bench.measure.JfrProfile;
import org.remoteassistance.bench.measure.ProcFs;
import org.remoteassistance.bench.measure.ResourceSampler;
import org.remoteassistance.bench.measure.ServiceStartup;
import org.remoteassistance.bench.measure.SoloStartup;
import org.remoteassistance.bench.report.BenchReport;
import org.remoteassistance.bench.report.MarkdownTable;

/**
 * {@code bin/bench}: runs sessions against the system {@code bin/run} started (a warm-up, then a fixed arrival rate
 * and the maximum rate), watches each service's memory and CPU, then measures Kafka's and PostgreSQL's own baselines
 * on the same broker and database, and prints the table (also written as JSON).
 */
public final class BenchMain {

    private static final List<String> SERVICES = List.of("device-service", "session-service",
            "notification-service", "connector-service");
    private static final String KAFKA_PROCESS = "Kafka + launcher JVM (local-stack)";
    private static final String POSTGRES_PROCESS = "PostgreSQL (postmaster; CPU of all its processes)";

    private final Path jfrDirectory;
    private final DatabaseCounters database;

    private BenchMain(Path jfrDirectory, DatabaseCounters database) {
        this.jfrDirectory = jfrDirectory;
        this.database = database;
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchSettings.USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        int status = new BenchMain(settings.output().getParent().resolve("jfr"),
                new DatabaseCounters(settings.jdbcUrl(), settings.databaseUser(), settings.databasePassword()))
                .run(settings);
        System.exit(status);
    }

    private int run(BenchSettings settings) throws Exception {
        Instant started = Instant.now();
        BenchReport report = new BenchReport(settings.command(), started, machine(), settingsForReport(settings));
        System.out.print(report.header());
        if (!settings.baselinesOnly()) {
            int status = drive(settings, report);
            if (status != 0) {
                return status;
            }
        }
        if (settings.baselines()) {
            report.baselines(baselines(settings));
        }
        if (settings.soloStart() && !settings.baselinesOnly()) {
            soloStarts(settings, report);
        }
        describe(report);
        report.finished(Instant.now());

        System.out.println();
        System.out.print(MarkdownTable.render(report.figures()));
        System.out.println();
        report.notes().forEach(note -> System.out.println("- " + note));
        Files.createDirectories(settings.output().getParent());
        Files.writeString(settings.output(), report.json());
        System.out.println();
        System.out.println("Written: " + settings.output());
        return 0;
    }

    /** Warm-up and the measured phases against the running services. */
    private int drive(BenchSettings settings, BenchReport report) throws Exception {
        try (RemoteAssistanceApi api = new RemoteAssistanceApi(settings)) {
            if (!allReady(api, settings)) {
                return 1;
            }
            ResourceSampler sampler = watchProcesses(settings, report);
            sampler.start();
            String noStatements = database.enableStatements();
            if (noStatements != null) {
                say("  (no statements per session: " + noStatements + ")");
            }

            say("Connecting the partner (PUT /api/connectors/teamviewer) ...");
            RemoteAssistanceApi.Reply connected = api.connectPartner();
            if (!connected.is(200)) {
                say("The connector refused the partner token: HTTP " + connected.status() + " " + connected.body());
                return 1;
            }

            String runId = Long.toString(System.currentTimeMillis(), 36);
            try (SessionEventListener events = new SessionEventListener(settings.kafkaBootstrapServers(),
                    "remote-assistance-bench-" + runId)) {
                say("Joining Kafka as consumer group remote-assistance-bench-" + runId + " ...");
                events.start(Duration.ofSeconds(60));

                RegistrationProbe probe = settings.registrationProbes() > 0 ? new RegistrationProbe(api) : null;
                if (probe != null) {
                    say("Registration → requestable: " + settings.registrationProbes() + " fresh devices, one at a "
                            + "time ...");
                    registration(report, probe.idle(runId, settings.registrationProbes()));
                }
                List<String> devices = registerDevices(api, runId, settings.devices(), probe, report);
                DevicePool pool = new DevicePool(devices);
                try (LoadDriver driver = new LoadDriver(api, events, pool, settings.sessionTimeout())) {
                    int warmUpConcurrency = Math.min(settings.concurrency(), 32);
                    Duration warmUpMax = settings.warmUp().multipliedBy(4).compareTo(Duration.ofMinutes(2)) > 0
                            ? settings.warmUp().multipliedBy(4) : Duration.ofMinutes(2);
                    say("Warm-up: one session on each of the " + devices.size() + " devices (" + warmUpConcurrency
                            + " in flight, at least " + BenchSettings.text(settings.warmUp()) + ", at most "
                            + BenchSettings.text(warmUpMax) + ") ...");
                    long warmStart = System.nanoTime();
                    int warmed = driver.warmUp(warmUpConcurrency, devices.size(), settings.warmUp(), warmUpMax);
                    double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
                    report.devices(devices.size(), warmed, warmSeconds);
                    say(String.format("  %d of %d devices went through a session in %.1f s", warmed, devices.size(),
                            warmSeconds));
                    if (warmed == 0) {
                        say("No session got through request → acknowledged → notified in the warm-up: see the "
                                + "services' logs in " + settings.dataDir().resolve("logs"));
                        return 1;
                    }
                    if (settings.maxRatePhase() && warmed < 2 * settings.concurrency()) {
                        report.note("Only " + warmed + " devices for " + settings.concurrency() + " sessions in "
                                + "flight: the one-open-session rule may throttle the maximum rate phase");
                    }
                    if (warmed < devices.size()) {
                        report.note((devices.size() - warmed) + " of " + devices.size() + " devices did not complete "
                                + "a warm-up session in time and were left out");
                    }

                    if (settings.idleSessions() > 0) {
                        say("Idle: " + settings.idleSessions() + " sessions one at a time, each with its device's "
                                + "notification stream open ...");
                        IdlePhase.Result idle = new IdlePhase(api, events, pool, settings.sessionTimeout())
                                .run(settings.idleSessions());
                        say(String.format("  request → notification visible on the stream p50 %.1f / p99 %.1f ms; "
                                + "%d failed %s", idle.requestToVisible().p50Millis(),
                                idle.requestToVisible().p99Millis(), idle.failed(), idle.failures()));
                        report.idle(idle);
                    }
                    if (settings.fixedRatePhase()) {
                        say(String.format("Fixed rate: %.1f sessions/s for %s ...", settings.rate(),
                                BenchSettings.text(settings.duration())));
                        boolean profile = settings.jfr() && !settings.maxRatePhase();
                        report.phase(measure(sampler, profile ? report : null, () -> driver.fixedRate(
                                settings.rate(), settings.duration(), settings.serverSample())));
                    }
                    if (settings.maxRatePhase()) {
                        say(String.format("Maximum rate: %d sessions in flight for %s ...", settings.concurrency(),
                                BenchSettings.text(settings.duration())));
                        report.phase(measure(sampler, settings.jfr() ? report : null, () -> driver.maxRate(
                                settings.concurrency(), settings.duration(), settings.serverSample())));
                    }
                }
            }
            sampler.close();
        }
        return 0;
    }

    private static void describe(BenchReport report) {
        report.note("Client-side latencies count from when a session was due (a fixed-rate phase's schedule), to "
                + "the 202, and to when the benchmark's own Kafka consumer saw SessionAcknowledged and "
                + "NotificationIssued. A notification is visible (committed, served by the API and the SSE stream) "
                + "before its NotificationIssued leaves the outbox, so 'notification visible' is an upper bound.");
        report.note("Server-side latencies are session-service's recorded timestamps: acknowledgedAt and notifiedAt "
                + "are set when session-service consumes SessionAcknowledged and NotificationIssued.");
        report.note("Commits per session: PostgreSQL's own count (pg_stat_database.xact_commit) over the phase, its "
                + "drain included, divided by the sessions the phase started; it includes the services' background "
                + "commits (outbox relay polls, health checks), so it is an upper bound. Consumed events are applied one "
                + "transaction per partition of a poll, so the count falls as the load rises; with one event per poll "
                + "a session needs about " + BenchReport.COMMITS_PER_SESSION + ".");
        report.note("Statements per session (≈ database round trips): the calls pg_stat_statements counted for the "
                + "services' roles (not the benchmark's) over the phase and its drain, divided by the sessions the "
                + "phase started; background statements (relay polls, health checks) included. A BEGIN travels in "
                + "the round trip of its transaction's first statement, so it stands for the transaction's COMMIT or "
                + "ROLLBACK instead, which pg_stat_statements mostly misses (it counts a COMMIT the driver re-executes "
                + "as a prepared statement once per connection). A batch counts one call per row. The statement rows "
                + "are the " + DatabaseCounters.TOP_STATEMENTS + " most called in the maximum-rate phase (else the "
                + "last phase).");
        report.note("Idle: after the warm-up, one session at a time on warmed devices. The device's notification "
                + "stream (SSE) is opened and its headers awaited, then after 300 ms of quiet the session is "
                + "requested; 'visible' is the first data line naming the session on that stream. A session not "
                + "visible within the session timeout counts as failed; the target is met when p99 is within it and "
                + "none failed.");
        report.note("Registration → requestable: from the 201 of POST /api/devices to the 202 of the first POST "
                + "/api/sessions for that device; each 404 (session-service does not know the device yet) is "
                + "retried after ~2 ms, and after 10 s the probe fails. Each probe's session is ended at once. Idle: "
                + "fresh devices one at a time, 200 ms apart, before anything else; burst: about 100 of the run's "
                + "devices while they are registered. The target is met when p99 is within it and no probe failed.");
        report.note("JVM start → ready (bin/run): process start time from /proc (10 ms resolution) to the time stamp "
                + "of Quarkus's 'started in' log line, with all four services and the stack starting at once. "
                + "Alone: one more instance started after the run, launch → first 200 from /q/health/ready.");
    }

    @FunctionalInterface
    private interface PhaseRun {
        PhaseResult run() throws Exception;
    }

    /** Runs a phase with CPU marks around it and, given a report to add them to, JFR recordings of the services. */
    private BenchReport.Phase measure(ResourceSampler sampler, BenchReport profiles, PhaseRun phase)
            throws Exception {
        List<JfrProfile> recordings = new ArrayList<>();
        if (profiles != null) {
            for (ResourceSampler.Watched w : sampler.watched()) {
                if (SERVICES.contains(w.name())) {
                    Optional.ofNullable(JfrProfile.start(w.name(), w.pid(), jfrDirectory)).ifPresent(recordings::add);
                }
            }
        }
        sampler.resetPeaks();
        DatabaseCounters.Reading databaseBefore = database.read();
        ResourceSampler.Mark before = sampler.mark();
        PhaseResult result = phase.run();
        ResourceSampler.Mark after = sampler.mark();
        DatabaseCounters.Change databaseUse = DatabaseCounters.between(databaseBefore, database.read());
        for (JfrProfile recording : recordings) {
            try {
                profiles.profile(recording.stop());
            } catch (IOException | RuntimeException e) {
                say("  (could not read a JFR recording: " + e.getMessage() + ")");
            }
        }
        ResourceSampler.CpuUse cpu = ResourceSampler.between(before, after);
        say(String.format("  %.1f sessions/s completed; client request → notified p99 %.1f ms; %d rejected, %d timed "
                        + "out, other failures %s", result.throughput(), result.requestToNotified().p99Millis(),
                result.rejected(), result.timedOut(), result.requestFailures()));
        return new BenchReport.Phase(result, cpu, sampler.peakRssKiB(), databaseUse);
    }

    private static boolean allReady(RemoteAssistanceApi api, BenchSettings settings) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("device-service", settings.deviceService());
        services.put("session-service", settings.sessionService());
        services.put("notification-service", settings.notificationService());
        services.put("connector-service", settings.connectorService());
        boolean ready = true;
        for (Map.Entry<String, URI> service : services.entrySet()) {
            try {
                RemoteAssistanceApi.Reply reply = api.ready(service.getValue());
                if (!reply.is(200)) {
                    say(service.getKey() + " at " + service.getValue() + " is not ready (HTTP " + reply.status() + ")");
                    ready = false;
                }
            } catch (RuntimeException e) {
                say(service.getKey() + " does not answer at " + service.getValue() + ": start the system with bin/run");
                ready = false;
            }
        }
        return ready;
    }

    private static ResourceSampler watchProcesses(BenchSettings settings, BenchReport report) {
        Path pids = settings.dataDir().resolve("pids");
        List<ResourceSampler.Watched> watched = new ArrayList<>();
        boolean proc = ProcFs.available();
        for (String service : SERVICES) {
            Optional<Long> pid = proc ? ProcFs.readPidFile(pids.resolve(service + ".pid")) : Optional.empty();
            pid = pid.filter(p -> ProcFs.read(p).isPresent());
            if (pid.isEmpty()) {
                say("  (no live pid in " + pids.resolve(service + ".pid") + ": no memory, CPU or start-up figures for "
                        + service + ")");
                report.service(new BenchReport.Service(service, null, null, null));
                continue;
            }
            watched.add(new ResourceSampler.Watched(service, pid.get(), false));
            ServiceStartup startup = ServiceStartup.of(pid.get(),
                    settings.dataDir().resolve("logs").resolve(service + ".log"));
            long rss = ProcFs.read(pid.get()).map(ProcFs.ProcessReading::rssKiB).orElse(0L);
            report.service(new BenchReport.Service(service, pid.get(), startup, rss));
        }
        if (proc) {
            ProcFs.readPidFile(pids.resolve("local-stack.pid")).filter(p -> ProcFs.read(p).isPresent())
                    .ifPresent(pid -> watched.add(new ResourceSampler.Watched(KAFKA_PROCESS, pid, false)));
            ProcFs.readPidFile(settings.dataDir().resolve("postgres").resolve("postmaster.pid"))
                    .filter(p -> ProcFs.read(p).isPresent())
                    .ifPresent(pid -> watched.add(new ResourceSampler.Watched(POSTGRES_PROCESS, pid, true)));
            watched.add(new ResourceSampler.Watched(BenchReport.LOAD_GENERATOR, ProcessHandle.current().pid(), false));
        }
        ResourceSampler sampler = new ResourceSampler(watched);
        Map<String, Long> rest = sampler.rssNowKiB();
        for (ResourceSampler.Watched w : watched) {
            if (!SERVICES.contains(w.name())) {
                report.otherRssAtRest(w.name(), rest.get(w.name()));
            }
        }
        return sampler;
    }

    /**
     * Registers the run's devices, 16 in flight; given a probe, every k-th device (about 100 in all) is also probed
     * for when it can be requested, right after its 201 and outside the 16, so the burst goes on at its own pace.
     */
    private static List<String> registerDevices(RemoteAssistanceApi api, String runId, int count,
            RegistrationProbe probe, BenchReport report) throws InterruptedException {
        int every = Math.max(1, count / 100);
        say("Registering " + count + " devices (POST /api/devices)"
                + (probe == null ? "" : ", probing " + (every == 1 ? "each" : "1 in " + every)) + " ...");
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<CompletableFuture<RegistrationProbe.Probe>> probes = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            boolean probed = probe != null && i % every == 0;
            calls.add(api.registerDevice(runId, i).whenComplete((reply, error) -> {
                long registered = System.nanoTime();
                inFlight.release();
                if (error == null && reply.is(201) && reply.text("id") != null) {
                    ids.add(reply.text("id"));
                    if (probed) {
                        probes.add(probe.probe(reply.text("id"), registered));
                    }
                } else {
                    failures.add(error != null ? error.toString() : "HTTP " + reply.status());
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (probe != null) {
            // a probed device stays in the pool: its probe session has ended by now
            registration(report, RegistrationProbe.Result.of("during the registration of " + count + " devices, 16 "
                    + "in flight, " + (every == 1 ? "each" : "1 in " + every) + " probed",
                    probes.stream().map(CompletableFuture::join).toList()));
        }
        if (!failures.isEmpty()) {
            say("  " + failures.size() + " devices were not registered, e.g. " + failures.peek());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No device could be registered");
        }
        return new ArrayList<>(ids);
    }

    private static BenchReport.Baselines baselines(BenchSettings settings) {
        List<String> failures = new ArrayList<>();
        Path logs = settings.output().getParent();
        KafkaToolsBaseline kafka = new KafkaToolsBaseline(settings.kafkaBootstrapServers(), logs);
        KafkaToolsBaseline.EndToEndLatency endToEnd = null;
        KafkaToolsBaseline.ProducerPerformance producer = null;
        try {
            say("Baseline: Kafka EndToEndLatency, " + settings.kafkaLatencyMessages() + " messages ...");
            endToEnd = kafka.endToEndLatency(settings.kafkaLatencyMessages());
        } catch (Exception e) {
            failures.add("EndToEndLatency: " + e.getMessage());
        }
        try {
            say("Baseline: Kafka ProducerPerformance, " + settings.kafkaProducerRecords() + " records ...");
            producer = kafka.producerPerformance(settings.kafkaProducerRecords());
        } catch (Exception e) {
            failures.add("ProducerPerformance: " + e.getMessage());
        }
        PostgresCommitBaseline postgres = new PostgresCommitBaseline(settings.jdbcUrl(), settings.databaseUser(),
                settings.databasePassword());
        PostgresCommitBaseline.CommitRate one = null;
        PostgresCommitBaseline.CommitRate eight = null;
        Map<String, String> pgSettings = Map.of();
        try {
            pgSettings = postgres.durabilitySettings();
            say("Baseline: PostgreSQL single-row commits, 1 connection, "
                    + BenchSettings.text(settings.databaseProbe()) + " ...");
            one = postgres.run(1, settings.databaseProbe());
            say("Baseline: PostgreSQL single-row commits, 8 connections, "
                    + BenchSettings.text(settings.databaseProbe()) + " ...");
            eight = postgres.run(8, settings.databaseProbe());
        } catch (Exception e) {
            failures.add("PostgreSQL: " + e.getMessage());
        }
        failures.forEach(f -> say("  baseline failed: " + f));
        return new BenchReport.Baselines(endToEnd, producer, one, eight, pgSettings, failures);
    }

    private static void soloStarts(BenchSettings settings, BenchReport report) {
        // what bin/run gives each service
        Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", settings.jdbcUrl(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", settings.dataDir().resolve("jwt/public-key.pem").toString());
        for (String service : SERVICES) {
            say("Start-up alone: one more " + service + " on a free port (" + settings.serviceJavaOptions() + ") ...");
            SoloStartup.Result result = SoloStartup.measure(service,
                    Path.of(service, "target", "quarkus-app"), settings.serviceJavaOptions(),
                    environment, settings.output().getParent().resolve("solo-start-" + service + ".log"),
                    Duration.ofSeconds(120));
            if (result.failure() != null) {
                say("  " + result.failure());
            }
            report.soloStart(result);
        }
    }

    private static BenchReport.Machine machine() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
        String java = "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")";
        long memory = ProcFs.totalMemoryKiB() > 0 ? ProcFs.totalMemoryKiB() / 1024
                : Runtime.getRuntime().maxMemory() / (1 << 20);
        return new BenchReport.Machine(Runtime.getRuntime().availableProcessors(), memory, java, os,
                ProcFs.loadAverage());
    }

    private static Map<String, Object> settingsForReport(BenchSettings s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("duration", BenchSettings.text(s.duration()));
        map.put("warmUp", BenchSettings.text(s.warmUp()));
        map.put("fixedRatePhase", s.fixedRatePhase());
        map.put("rate", s.rate());
        map.put("maxRatePhase", s.maxRatePhase());
        map.put("concurrency", s.concurrency());
        map.put("devices", s.devices());
        map.put("sessionTimeout", BenchSettings.text(s.sessionTimeout()));
        map.put("serverSample", s.serverSample());
        map.put("idleSessions", s.idleSessions());
        map.put("registrationProbes", s.registrationProbes());
        map.put("services", List.of(s.deviceService().toString(), s.sessionService().toString(),
                s.notificationService().toString(), s.connectorService().toString()));
        map.put("kafka", s.kafkaBootstrapServers());
        map.put("jdbcUrl", s.jdbcUrl());
        map.put("dataDir", s.dataDir().toString());
        return map;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void registration(BenchReport report, RegistrationProbe.Result probes) {
        say(String.format("  registration 201 → requestable (%s): p50 %.1f / p99 %.1f ms, %d × 404, %d failed %s",
                probes.during(), probes.registeredToRequestable().p50Millis(),
                probes.registeredToRequestable().p99Millis(), probes.notFound(), probes.failed(), probes.failures()));
        report.registration(probes);
    }
}
