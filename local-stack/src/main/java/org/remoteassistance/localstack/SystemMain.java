package org.remoteassistance.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The process behind {@code bin/run}: the whole system on one machine with only Java. Makes the token signing key pair
 * once, starts Kafka and PostgreSQL in this JVM, then the four services and the console as processes of their own
 * ({@link ServiceProcess}), waits until every one is ready and prints where they are. Runs until it is stopped
 * (SIGTERM or Ctrl-C: the services get SIGTERM side by side, then the stack stops) or until any service exits on its
 * own, which stops everything else and exits with 1.
 *
 * <p>Settings (environment): {@code DATA_DIR} (.data), {@code KAFKA_PORT} (9092), {@code POSTGRES_PORT} (5432),
 * {@code KAFKA_PARTITIONS} (4), {@code DEVICE_PORT} (8081), {@code SESSION_PORT} (8082), {@code NOTIFICATION_PORT}
 * (8083), {@code CONNECTOR_PORT} (8084), {@code CONSOLE_PORT} (8080), {@code SERVICE_JAVA_OPTS} (the services' JVM
 * options), {@code READY_TIMEOUT} (180 seconds), {@code REMOTE_ASSISTANCE_API_DOCS} (true),
 * {@code REMOTE_ASSISTANCE_METRICS_ACCESS} (permit), {@code CONSOLE_SECURE_COOKIES} (true), {@code INSTANCES} (1: how
 * many instances of each service, the second and later 100 ports above the first, all in the same consumer groups;
 * the console calls the first), {@code CDS_TRAINING}
 * (false; {@code bin/run --build} sets it: each service's class-data archive is made first). Each
 * process's id is written to {@code DATA_DIR/pids/<name>.pid} (this one as {@code local-stack}), for the bench.
 */
public final class SystemMain {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            "device", 8081, "session", 8082, "notification", 8083, "connector", 8084, ServiceProcess.CONSOLE, 8080);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dataDirectory;
    private final Path pids;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Each process's name in the listing and its pid file: {@code session-service}, {@code session-service-2}. */
    private final Map<ServiceProcess.Spec, String> labels = new LinkedHashMap<>();
    private ServiceProcess console;
    private LocalStack stack;
    private volatile boolean stopping;

    private SystemMain(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.pids = dataDirectory.resolve("pids");
    }

    public static void main(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        SystemMain system = new SystemMain(Path.of(env("DATA_DIR", ".data")).toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "bin-run-shutdown"));
        try {
            system.start(root);
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
        ServiceProcess ended = system.awaitAnyExit();
        if (!system.stopping) {
            System.out.println(system.labels.get(ended.spec()) + " stopped; see " + ended.spec().log());
            System.exit(1);
        }
    }

    private void start(Path root) {
        Path logs = dataDirectory.resolve("logs");
        try {
            Files.createDirectories(pids);
            try (var old = Files.list(pids)) {
                for (Path file : old.toList()) {
                    stopLeftOver(file);
                    Files.delete(file);
                }
            }
            writePid("local-stack", ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack.Settings settings = new LocalStack.Settings(dataDirectory,
                Integer.parseInt(env("KAFKA_PORT", "9092")), Integer.parseInt(env("POSTGRES_PORT", "5432")),
                Integer.parseInt(env("KAFKA_PARTITIONS", "4")));
        System.out.println("Starting Kafka on localhost:" + settings.kafkaPort() + " and PostgreSQL on localhost:"
                + settings.postgresPort() + " (data in " + dataDirectory + ") ...");
        Path publicKey = SigningKeys.ensure(dataDirectory.resolve("jwt"));
        stack = LocalStack.start(settings);

        List<String> javaOptions = Arrays.stream(env("SERVICE_JAVA_OPTS", "").trim().split("\\s+"))
                .filter(option -> !option.isEmpty()).toList();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        environment.put("REMOTE_ASSISTANCE_API_DOCS", env("REMOTE_ASSISTANCE_API_DOCS", "true"));
        environment.put("REMOTE_ASSISTANCE_METRICS_ACCESS", env("REMOTE_ASSISTANCE_METRICS_ACCESS", "permit"));
        int instances = Integer.parseInt(env("INSTANCES", "1"));
        if (instances < 1 || instances > 9) {
            throw new IllegalArgumentException("INSTANCES (bin/run --instances) must be 1 to 9, not " + instances);
        }
        List<ServiceProcess.Spec> specs = new ArrayList<>();
        for (String service : ServiceProcess.SERVICES) {
            int port = Integer.parseInt(env(service.toUpperCase(Locale.ROOT) + "_PORT",
                    DEFAULT_PORTS.get(service).toString()));
            for (int instance = 1; instance <= instances; instance++) {
                // the first on the service's port, the others 100 apart: 8082, 8182, 8282 ...; one consumer group
                ServiceProcess.Spec spec = new ServiceProcess.Spec(service, ServiceProcess.app(root, service),
                        port + 100 * (instance - 1), javaOptions, environment,
                        logs.resolve(service + "-service" + (instance == 1 ? "" : "-" + instance) + ".log"));
                specs.add(spec);
                labels.put(spec, instance == 1 ? ServiceProcess.module(service)
                        : ServiceProcess.module(service) + "-" + instance);
            }
        }
        // the console calls the services on the signed-in person's behalf; its local sign-in signs with the local key
        Map<String, String> consoleEnvironment = new LinkedHashMap<>();
        // the console calls each service's first instance (behind a load balancer, it would call any of them)
        for (ServiceProcess.Spec service : specs.stream().filter(spec -> labels.get(spec).endsWith("-service"))
                .toList()) {
            consoleEnvironment.put("REMOTE_ASSISTANCE_CONSOLE_" + service.service().toUpperCase(Locale.ROOT)
                    + "_URL", "http://localhost:" + service.port());
        }
        consoleEnvironment.put("REMOTE_ASSISTANCE_CONSOLE_LOCAL_SIGN_IN_KEY_LOCATION",
                dataDirectory.resolve("jwt").resolve(SigningKeys.PRIVATE_KEY_FILE).toString());
        consoleEnvironment.put("REMOTE_ASSISTANCE_CONSOLE_SECURE_COOKIES", env("CONSOLE_SECURE_COOKIES", "true"));
        ServiceProcess.Spec consoleSpec = new ServiceProcess.Spec(ServiceProcess.CONSOLE,
                ServiceProcess.app(root, ServiceProcess.CONSOLE), Integer.parseInt(env("CONSOLE_PORT", "8080")),
                javaOptions, consoleEnvironment, logs.resolve("console.log"));
        specs.add(consoleSpec);
        labels.put(consoleSpec, ServiceProcess.CONSOLE);
        Duration timeout = Duration.ofSeconds(Long.parseLong(env("READY_TIMEOUT", "180")));
        if (Boolean.parseBoolean(env("CDS_TRAINING", "false"))) {
            System.out.println("Making each service's class-data archive (started once until ready, then stopped) ...");
            // one instance of each is enough: the others share its build and its archive
            ServiceProcess.trainArchives(specs.stream().filter(spec -> !labels.get(spec).matches(".*-\\d")).toList(),
                    timeout, STOP_GRACE);
        }

        System.out.println("Starting the services ...");
        for (ServiceProcess.Spec spec : specs) {
            ServiceProcess process = ServiceProcess.launch(spec, false);
            services.add(process);
            writePid(labels.get(spec), process.pid());
            if (ServiceProcess.CONSOLE.equals(spec.service())) {
                console = process;
            }
        }
        for (ServiceProcess service : services) {
            service.awaitReady(timeout);
        }
        printWhereEverythingIs(logs);
    }

    private void printWhereEverythingIs(Path logs) {
        System.out.println();
        System.out.println("Remote assistance is running.");
        String row = "  %-22s %-28s %-40s %s%n";
        System.out.printf("  %-22s %s   (sign in as admin, help desk or a device)%n", "Console", console.url());
        System.out.printf(row, "service", "API", "Swagger UI", "readiness");
        for (ServiceProcess service : services.stream().filter(service -> service != console).toList()) {
            System.out.printf(row, labels.get(service.spec()), service.url() + "/api",
                    service.url() + "/q/swagger-ui", service.url() + "/q/health/ready");
        }
        System.out.printf("  %-22s %s%n", "Kafka", stack.kafkaBootstrapServers());
        System.out.printf("  %-22s %s%n", "PostgreSQL", stack.jdbcUrl());
        System.out.printf("  %-22s %s%n", "Logs", logs);
        System.out.printf("  %-22s %s%n", "Tokens",
                "bin/token admin | bin/token helpdesk <name> [scope tag…] | bin/token device <deviceId> | bin/token metrics");
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
    }

    /** Blocks until one of the services exits, whatever the reason. */
    private ServiceProcess awaitAnyExit() {
        List<CompletableFuture<ServiceProcess>> exits = services.stream()
                .map(service -> service.process().onExit().thenApply(process -> service)).toList();
        return (ServiceProcess) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).join();
    }

    /** SIGTERM to every service side by side, then the stack; run once, by the shutdown hook. */
    private void stop() {
        stopping = true;
        System.out.println();
        System.out.println("Stopping ...");
        services.forEach(ServiceProcess::signalTerminate);
        services.forEach(service -> service.awaitExit(STOP_GRACE));
        if (stack != null) {
            stack.close();
        }
        try (var files = Files.list(pids)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dataDirectory.resolve("run.pid"));
        } catch (IOException e) {
            // nothing left to do about it
        }
        System.out.println("Stopped.");
        System.out.flush();
    }

    /**
     * A launcher killed with SIGKILL leaves its services running, holding their ports: stop the one this pid file
     * names, if it is still a service of ours (its command runs {@code quarkus-run.jar}).
     */
    private static void stopLeftOver(Path pidFile) throws IOException {
        String content = Files.readString(pidFile).trim();
        if (!content.matches("\\d+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(content))
                .filter(process -> process.info().commandLine().orElse("").contains("quarkus-run.jar"))
                .ifPresent(process -> {
                    System.out.println("Stopping " + pidFile.getFileName().toString().replace(".pid", "") + " (pid "
                            + process.pid() + "), left running by an earlier bin/run");
                    process.destroy();
                    process.onExit().completeOnTimeout(process, STOP_GRACE.toSeconds(),
                            java.util.concurrent.TimeUnit.SECONDS).join();
                    process.destroyForcibly();
                });
    }

    private void writePid(String name, long pid) {
        try {
            Files.writeString(pids.resolve(name + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
