package org.remoteassistance.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.remoteassistance.localstack.LocalStack;
import org.remoteassistance.localstack.ServiceProcess;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;

/**
 * The system as it runs in production: one Kafka broker and one PostgreSQL (from Maven artifacts, in this JVM), and
 * the four services as separate processes started from their Quarkus builds. Started once for all end-to-end tests.
 */
final class RunningSystem {

    static final List<String> SERVICES = ServiceProcess.SERVICES;
    static final String CONSOLE = ServiceProcess.CONSOLE;
    /**
     * The publishers the tests legitimately publish as, besides the services: the fault tests publish every event
     * type as another service would ({@link FaultToleranceIT#TEST_SOURCE}), and a helpdesk portal requests sessions.
     */
    static final Map<String, String> ALLOWED_SOURCES = Map.of(
            "REMOTE_ASSISTANCE_EVENTS_ALLOWED_SOURCES", FaultTests.TEST_SOURCE,
            "REMOTE_ASSISTANCE_EVENTS_ALLOWED_SOURCES_SESSION_REQUESTED", "/helpdesk-portal");

    private static RunningSystem instance;

    private final LocalStack stack;
    /** Where the services export their traces, as to an OpenTelemetry collector. */
    private final TraceCollector traces = TraceCollector.start();
    private Tokens tokens;
    /** Each service's build, port and environment, to start it again exactly as it first ran. */
    private final Map<String, ServiceProcess.Spec> specs = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private Path work;
    /** Ports from this test JVM's own range, for the services and any instance added later. */
    private IntSupplier ports;

    private RunningSystem(LocalStack stack) {
        this.stack = stack;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** The console's URL, once it is ready: it is started on first use. */
    synchronized String console() {
        if (!running.containsKey(CONSOLE)) {
            running.put(CONSOLE, ServiceProcess.launch(specs.get(CONSOLE), false));
            awaitReady(CONSOLE);
        }
        return url(CONSOLE);
    }

    String url(String service) {
        return "http://localhost:" + specs.get(service).port();
    }

    /** The spans the services exported. */
    TraceCollector traces() {
        return traces;
    }

    /** Stops an instance {@link #addInstance} started (SIGTERM) and forgets it: the system is as it was before. */
    synchronized void removeInstance(String name) {
        if (!name.contains("#")) {
            throw new IllegalArgumentException(name + " is not an added instance");
        }
        ServiceProcess process = running.remove(name);
        if (process != null && process.alive()) {
            process.terminate(Duration.ofSeconds(90));
        }
        specs.remove(name);
    }

    /** Signs tokens with the key the services verify. */
    Tokens tokens() {
        return tokens;
    }

    String kafka() {
        return stack.kafkaBootstrapServers();
    }

    /** The {@code KAFKA_*} environment of a client that logs in on the broker's SASL listener, as the services do. */
    Map<String, String> kafkaSaslEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        stack.kafkaSaslSettings().forEach((setting, value) -> environment.put(
                "KAFKA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    private static RunningSystem start() {
        Path root = ProjectRoot.find();
        // each test JVM (failsafe runs two side by side) has a system of its own: its own broker, database and services
        Path work = root.resolve("end-to-end-tests/target").resolve(System.getProperty("e2e.work", "e2e"));
        try {
            Files.createDirectories(work);
            Builds.deleteRecursively(work.resolve("data"));
            // a system that failed to start is started again by the next test class: keep what its services said
            for (String name : Stream.concat(SERVICES.stream().map(ServiceProcess::module), Stream.of(CONSOLE))
                    .toList()) {
                Path log = work.resolve(name + ".log");
                if (Files.exists(log)) {
                    Files.move(log, work.resolve(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = LocalStack.start(new LocalStack.Settings(work.resolve("data"), 0, 0, 4));
        Path publicKey = SigningKeys.ensure(work.resolve("data/jwt"));
        RunningSystem system = new RunningSystem(stack);
        system.work = work;
        system.tokens = Tokens.from(work.resolve("data/jwt"));
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "e2e-shutdown"));
        // the services' ports come from a range of this test JVM's own, outside the ephemeral range: a port picked
        // as free was once taken by another JVM's outgoing connection before the service, starting slowly, bound it
        // the work folder e2e-1, e2e-2 names failsafe's fork (a property holding only ${surefire.forkNumber} reached
        // the test JVM unset)
        String folder = work.getFileName().toString();
        int fork = folder.contains("-") ? Integer.parseInt(folder.substring(folder.lastIndexOf('-') + 1)) : 0;
        AtomicInteger nextPort = new AtomicInteger(20_000 + 200 * fork);
        IntSupplier ports = () -> {
            int port = ServiceProcess.freePortFrom(nextPort.get());
            nextPort.set(port + 1);
            return port;
        };
        system.ports = ports;
        for (String service : SERVICES) {
            Map<String, String> environment = new LinkedHashMap<>();
            // the services log in on the broker's SASL/SCRAM listener, as against a secured cluster: every Kafka
            // client of theirs (consumers, dead-letter producers, outbox relay, topic provisioner) must use the
            // kafka.* settings; the tests' own clients read and publish on the plaintext listener
            environment.putAll(system.kafkaSaslEnvironment());
            environment.putAll(ALLOWED_SOURCES);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
            environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            environment.put("REMOTE_ASSISTANCE_SESSIONS_EXPIRE_AFTER", "10m");
            // a SIGKILLed service's successor gets its partitions once the dead consumers' sessions time out: 10 s
            // here instead of Kafka's 45 s, so the fault tests and the soak do not wait out the default
            environment.put("KAFKA_SESSION_TIMEOUT_MS", "10000");
            // an acknowledgement of a session nobody requested is set aside after 3 s, not 10 s: several tests publish
            // such events on purpose, and each one's wait holds up the events behind it on its partition
            environment.put("REMOTE_ASSISTANCE_SESSIONS_UNKNOWN_SESSION_GRACE", "3s");
            // consumers poll every 100 ms instead of 25 ms: two systems of idle consumers cost the two-core suite about
            // 40 s of CPU at 25 ms (measured: 1.5 % of a core per idle service); an event after a pause waits 100 ms
            environment.put("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_POLL_TIMEOUT", "100");
            // traces recorded and exported, as where operators give a collector, and soon after each span ends
            environment.put("REMOTE_ASSISTANCE_TRACES_OTLP_ENDPOINT", system.traces.endpoint());
            environment.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            environment.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
            ServiceProcess.Spec spec = new ServiceProcess.Spec(service, Builds.copy(root, service, work),
                    ports.getAsInt(), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    environment, work.resolve(service + "-service.log"));
            system.specs.put(service, spec);
            system.running.put(service, ServiceProcess.launch(spec, false));
        }
        // the console, as bin/run starts it: the services' URLs, and its local sign-in with the local signing key
        Map<String, String> console = new LinkedHashMap<>();
        for (String service : SERVICES) {
            console.put("REMOTE_ASSISTANCE_CONSOLE_" + service.toUpperCase(java.util.Locale.ROOT) + "_URL",
                    system.url(service));
        }
        console.put("REMOTE_ASSISTANCE_CONSOLE_LOCAL_SIGN_IN_KEY_LOCATION",
                work.resolve("data/jwt").resolve(SigningKeys.PRIVATE_KEY_FILE).toString());
        ServiceProcess.Spec consoleSpec = new ServiceProcess.Spec(CONSOLE, Builds.copy(root, CONSOLE, work),
                ports.getAsInt(), List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), console,
                work.resolve("console.log"));
        // started by the first test that asks for it (console()): one JVM less to start beside the services for the
        // test JVM that never opens a page
        system.specs.put(CONSOLE, consoleSpec);
        for (String service : SERVICES) {
            system.awaitReady(service);
        }
        return system;
    }

    /** The services' own logs, appended to by every restart. */
    Path log(String service) {
        return specs.get(service).log();
    }

    /**
     * Starts another instance of each service, in the same consumer groups, with its own port, and waits until they are
     * ready. Each is named {@code <service>#<n>} ({@code session#2}) wherever a service's name is taken: its URL, its
     * log, a restart, a kill.
     */
    synchronized List<String> addInstances(String... services) {
        List<String> names = new java.util.ArrayList<>();
        for (String service : services) {
            ServiceProcess.Spec first = specs.get(service);
            int n = 2;
            while (specs.containsKey(service + "#" + n)) {
                n++;
            }
            String name = service + "#" + n;
            specs.put(name, new ServiceProcess.Spec(service, first.app(), ports.getAsInt(), first.javaOptions(),
                    first.environment(), work.resolve(ServiceProcess.module(service) + "-" + n + ".log")));
            launch(name); // side by side: each is waited for below
            names.add(name);
        }
        names.forEach(this::awaitReady);
        return names;
    }

    /** The JDBC URL of the database that holds every service's schema. */
    String jdbcUrl() {
        return stack.jdbcUrl();
    }

    /** A connection as PostgreSQL's superuser, to count what every service stored in its own schema. */
    java.sql.Connection superuser() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
    }

    /** The broker goes away (a controlled shutdown); its logs and offsets stay. */
    void stopKafka() {
        stack.stopKafka();
    }

    /** The broker comes back on the same port with the same logs and cluster id. */
    void startKafka() {
        stack.startKafka();
    }

    /** PostgreSQL goes away (fast shutdown: open connections are cut, committed data stays). */
    void stopPostgres() {
        stack.stopPostgres();
    }

    /** PostgreSQL hangs: connections stay open, nothing answers (SIGSTOP), until {@link #thawPostgres()}. */
    void freezePostgres() {
        stack.freezePostgres();
    }

    void thawPostgres() {
        stack.thawPostgres();
    }

    /** PostgreSQL comes back on the same port with the same data. */
    void startPostgres() {
        stack.startPostgres();
    }

    /** Kills the service with SIGKILL: no shutdown hook runs, nothing is flushed, in-flight work is cut off. */
    synchronized void kill(String service) {
        running.get(service).kill();
    }

    /**
     * Stops the service with SIGTERM, as an orchestrator does, and waits for it to exit.
     *
     * @return how long it took to exit
     * @throws IllegalStateException when it had not exited within 90 s (it is then killed)
     */
    synchronized Duration terminate(String service) {
        Duration took = running.get(service).terminate(Duration.ofSeconds(90));
        if (took.compareTo(Duration.ofSeconds(90)) >= 0) {
            throw new IllegalStateException(service + "-service did not exit within 90 s of SIGTERM");
        }
        return took;
    }

    /** Starts the service again with the same port, environment and build, and waits until it is ready. */
    synchronized void restart(String service) {
        start(service);
        awaitReady(service);
    }

    /**
     * Starts the service again with the same port, environment and build, without waiting for it: a test goes on
     * while it starts, and calls {@link #awaitReady(String...)} before it needs it.
     */
    synchronized void start(String service) {
        if (running.get(service).alive()) {
            throw new IllegalStateException(service + "-service is still running; kill it first");
        }
        launch(service);
    }

    /** Waits until each of these services is ready. */
    void awaitReady(String... services) {
        for (String service : services) {
            awaitReady(service);
        }
    }

    /** Starts the service's process again as its spec says, its output appended to its log. */
    private void launch(String service) {
        running.put(service, ServiceProcess.launch(specs.get(service), true));
    }

    /**
     * Stops the services with SIGTERM and starts them again with these environment variables added (an operator
     * changing a setting); they keep them for every later restart. Waits until all are ready.
     */
    synchronized void restartWith(Map<String, String> environment, String... services) {
        for (String service : services) {
            running.get(service).signalTerminate(); // SIGTERM to all first: they stop side by side
        }
        for (String service : services) {
            terminate(service);
            ServiceProcess.Spec spec = specs.get(service);
            Map<String, String> changed = new LinkedHashMap<>(spec.environment());
            changed.putAll(environment);
            specs.put(service, new ServiceProcess.Spec(service, spec.app(), spec.port(), spec.javaOptions(), changed,
                    spec.log()));
        }
        for (String service : services) {
            launch(service);
        }
        for (String service : services) {
            awaitReady(service);
        }
    }

    /** The service's current process id: it changes only when the service was started again. */
    long pid(String service) {
        return running.get(service).pid();
    }

    boolean alive(String service) {
        return running.get(service).alive();
    }

    /**
     * Puts the system back as it was after a fault test, whatever it left behind: broker and database running, every
     * service alive and ready.
     */
    synchronized void heal() {
        if (!stack.kafkaRunning()) {
            stack.startKafka();
        }
        if (stack.postgresFrozen()) {
            stack.thawPostgres();
        }
        if (!stack.postgresRunning()) {
            stack.startPostgres();
        }
        for (String service : List.copyOf(running.keySet())) {
            if (!CONSOLE.equals(service) && !alive(service)) {
                restart(service); // the added instances too
            }
        }
        if (running.containsKey(CONSOLE) && !alive(CONSOLE)) {
            restart(CONSOLE);
        }
        for (String service : SERVICES) {
            awaitReady(service);
        }
    }

    private void awaitReady(String service) {
        // -De2e.ready-timeout=<seconds> on a machine too loaded for a service to start in three minutes
        running.get(service).awaitReady(Duration.ofSeconds(Integer.getInteger("e2e.ready-timeout", 180)));
    }

    private void stop() {
        running.values().forEach(ServiceProcess::signalTerminate);
        running.values().forEach(process -> process.awaitExit(Duration.ofSeconds(20)));
        stack.close();
        traces.close();
    }

    /** The one pause of the end-to-end tests: for a fault to last, or between looks at something that changes. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
