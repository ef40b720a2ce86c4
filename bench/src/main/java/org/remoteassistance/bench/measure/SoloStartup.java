package org.remoteassistance.bench.measure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts one more instance of a service, alone, on a free port against the same Kafka and PostgreSQL, and measures
 * from just before its JVM is launched to its first successful {@code /q/health/ready} (database and Kafka checked),
 * then its resident memory a few seconds later; then stops it. {@code bin/run} starts four services and the stack at
 * once, which on two cores measures the contention more than any one service's start-up.
 */
public final class SoloStartup {

    /**
     * @param readyMillis     launch → first ready answer, polled every 20 ms
     * @param rssAtRestKiB    resident memory 5 s after ready
     */
    public record Result(String service, Long readyMillis, Double quarkusStartedInSeconds, Long rssAtRestKiB,
            String failure) {
    }

    private static final Pattern STARTED = Pattern.compile("started in (\\d+(?:\\.\\d+)?)s");

    private SoloStartup() {
    }

    public static Result measure(String service, Path jar, String javaOptions, Map<String, String> environment,
            Path log, Duration timeout) {
        if (!Files.exists(jar)) {
            return new Result(service, null, null, null, "no " + jar);
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(javaOptions.trim().split("\\s+")));
        // as bin/run starts it: from quarkus-app, with its class-data archive when bin/run --build made one
        Path app = jar.toAbsolutePath().getParent();
        if (Files.exists(app.resolve("app-cds.jsa"))) {
            command.add("-XX:SharedArchiveFile=app-cds.jsa");
        }
        command.add("-jar");
        command.add(jar.getFileName().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile().getAbsoluteFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        Process process = null;
        try {
            Files.createDirectories(log.getParent());
            long launched = System.nanoTime();
            process = builder.start();
            long deadline = launched + timeout.toNanos();
            Long readyMillis = null;
            while (System.nanoTime() < deadline && process.isAlive()) {
                if (answersReady(http, ready)) {
                    readyMillis = (System.nanoTime() - launched) / 1_000_000;
                    break;
                }
                Thread.sleep(20);
            }
            if (readyMillis == null) {
                return new Result(service, null, startedIn(log), null,
                        process.isAlive() ? "not ready within " + timeout.toSeconds() + " s" : "exited; see " + log);
            }
            Thread.sleep(5_000);
            Long rss = ProcFs.read(process.pid()).map(ProcFs.ProcessReading::rssKiB).orElse(null);
            return new Result(service, readyMillis, startedIn(log), rss, null);
        } catch (IOException e) {
            return new Result(service, null, null, null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(service, null, null, null, "interrupted");
        } finally {
            stop(process);
        }
    }

    private static boolean answersReady(HttpClient http, HttpRequest ready) throws InterruptedException {
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static Double startedIn(Path log) {
        try {
            Matcher matcher = STARTED.matcher(Files.readString(log));
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
