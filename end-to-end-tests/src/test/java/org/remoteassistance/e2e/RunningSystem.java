package org.remoteassistance.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.remoteassistance.localstack.LocalStack;
import org.remoteassistance.localstack.SigningKeys;
import org.remoteassistance.localstack.Tokens;

/**
 * The system as it runs in production: one Kafka broker and one PostgreSQL (from Maven artifacts, in this JVM), and
 * the four services as separate processes started from their Quarkus builds. Started once for all end-to-end tests.
 */
final class RunningSystem {

    static final List<String> SERVICES = List.of("device", "session", "notification", "connector");

    private static RunningSystem instance;

    private final LocalStack stack;
    private Tokens tokens;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private RunningSystem(LocalStack stack) {
        this.stack = stack;
    }

    static synchronized RunningSystem get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** Signs tokens with the key the services verify. */
    Tokens tokens() {
        return tokens;
    }

    String kafka() {
        return stack.kafkaBootstrapServers();
    }

    private static RunningSystem start() {
        Path root = ProjectRoot.find();
        Path work = root.resolve("end-to-end-tests/target/e2e");
        try {
            Files.createDirectories(work);
            deleteRecursively(work.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalStack stack = LocalStack.start(new LocalStack.Settings(work.resolve("data"), 0, 0, 4));
        Path publicKey = SigningKeys.ensure(work.resolve("data/jwt"));
        RunningSystem system = new RunningSystem(stack);
        system.tokens = Tokens.from(work.resolve("data/jwt"));
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "e2e-shutdown"));
        for (String service : SERVICES) {
            int port = freePort();
            system.ports.put(service, port);
            Path app = root.resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(app)) {
                throw new IllegalStateException(app + " is missing: build the services first (./mvnw verify does)");
            }
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                    app.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers());
            builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl());
            builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            builder.environment().put("REMOTE_ASSISTANCE_SESSIONS_EXPIRE_AFTER", "10m");
            builder.redirectErrorStream(true);
            builder.redirectOutput(work.resolve(service + "-service.log").toFile());
            try {
                system.processes.add(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String service : SERVICES) {
            system.awaitReady(service, work.resolve(service + "-service.log"));
        }
        return system;
    }

    private void awaitReady(String service, Path log) {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service + "-service was not ready in 180 s; see " + log);
    }

    private void stop() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
        stack.close();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
