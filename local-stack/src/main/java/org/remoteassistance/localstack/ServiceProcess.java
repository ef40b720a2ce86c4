package org.remoteassistance.localstack;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of this system running as its own process from its Quarkus build ({@code quarkus-app}), the way
 * {@code bin/run}, the end-to-end tests and the bench all start it: {@code java <options> -jar quarkus-run.jar} in the
 * build's directory (with its class-data archive when {@code bin/run --build} made one), its HTTP port and settings in
 * the environment, its output in a log file. Ready is its first 200 from {@code /q/health/ready}, which checks its
 * database and Kafka.
 */
public final class ServiceProcess {

    /** The four services, in the order they are started and listed. */
    public static final List<String> SERVICES = List.of("device", "session", "notification", "connector");
    /** The web console: a process like the services, started after them, in the module {@code console}. */
    public static final String CONSOLE = "console";

    /** The class-data archive in a service's build, made by {@link #trainArchives}. */
    public static final String ARCHIVE = "app-cds.jsa";

    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * How to start a service.
     *
     * @param service     {@code device}, {@code session}, {@code notification}, {@code connector} or {@code console}
     * @param app         its {@code quarkus-app} directory
     * @param port        its HTTP port
     * @param javaOptions JVM options
     * @param environment its settings, added to this process's environment
     * @param log         where its output goes; appended to by a restart
     */
    public record Spec(String service, Path app, int port, List<String> javaOptions, Map<String, String> environment,
            Path log) {
    }

    private final Spec spec;
    private final Process process;
    private final long launchedNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private ServiceProcess(Spec spec, Process process, long launchedNanos) {
        this.spec = spec;
        this.process = process;
        this.launchedNanos = launchedNanos;
    }

    /** The build of {@code service} in the project at {@code root}. */
    public static Path app(Path root, String service) {
        return root.resolve(module(service) + "/target/quarkus-app");
    }

    /** The Maven module (and process name) of a service: {@code session-service}, ..., {@code console}. */
    public static String module(String service) {
        return CONSOLE.equals(service) ? CONSOLE : service + "-service";
    }

    /** Starts the service; {@code append} keeps what an earlier run of it wrote to its log. */
    public static ServiceProcess launch(Spec spec, boolean append) {
        List<String> options = new ArrayList<>(spec.javaOptions());
        if (Files.exists(spec.app().resolve(ARCHIVE))) {
            // the archive records the class path as seen from quarkus-app; a stale one (the jars rebuilt since) is
            // ignored by the JVM
            options.add("-XX:SharedArchiveFile=" + ARCHIVE);
            options.add("-Xshare:auto");
        }
        return launch(spec, options, append);
    }

    /**
     * Makes each service's class-data archive ({@value #ARCHIVE} in its build) from a real start: all of them started
     * side by side with the JVM writing the classes they loaded when they exit, awaited until ready, then stopped.
     * Quarkus' own archive ({@code quarkus.package.jar.appcds.enabled}) stops before the runtime start, so it misses
     * most classes a start loads (Hibernate ORM's boot, the Kafka clients): from a real start the JVM's start-up costs
     * about a fifth less CPU and half a second less.
     */
    public static void trainArchives(List<Spec> specs, Duration readyTimeout, Duration grace) {
        List<ServiceProcess> training = new ArrayList<>();
        try {
            for (Spec spec : specs) {
                Files.deleteIfExists(spec.app().resolve(ARCHIVE));
                List<String> options = new ArrayList<>(spec.javaOptions());
                options.add("-XX:ArchiveClassesAtExit=" + ARCHIVE);
                training.add(launch(spec, options, false));
            }
            for (ServiceProcess process : training) {
                process.awaitReady(readyTimeout);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            training.forEach(ServiceProcess::signalTerminate);
            training.forEach(process -> process.awaitExit(grace));
        }
    }

    private static ServiceProcess launch(Spec spec, List<String> javaOptions, boolean append) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add("quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.app().toFile()).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(spec.log().toFile())
                        : ProcessBuilder.Redirect.to(spec.log().toFile()));
        builder.environment().putAll(spec.environment());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        try {
            Files.createDirectories(spec.log().toAbsolutePath().getParent());
            long launched = System.nanoTime();
            return new ServiceProcess(spec, builder.start(), launched);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + module(spec.service()) + ": " + e.getMessage(), e);
        }
    }

    public Spec spec() {
        return spec;
    }

    public String name() {
        return module(spec.service());
    }

    public String url() {
        return "http://localhost:" + spec.port();
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /**
     * Waits until the service answers ready.
     *
     * @return launch → first ready answer
     * @throws IllegalStateException when it exits first or is not ready in time
     */
    public Duration awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name() + " exited with " + process.exitValue()
                        + " before it was ready; see " + spec.log());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedNanos);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name(), e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException(name() + " was not ready within " + timeout.toSeconds() + " s; see "
                + spec.log());
    }

    /** SIGTERM, as an orchestrator sends it, without waiting: stop several side by side, then {@link #awaitExit}. */
    public void signalTerminate() {
        process.destroy();
    }

    /**
     * SIGTERM, then waits for the exit; SIGKILL if it has not exited within {@code grace}.
     *
     * @return how long it took to exit
     */
    public Duration terminate(Duration grace) {
        long started = System.nanoTime();
        process.destroy();
        awaitExit(grace);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Waits up to {@code grace} for the process to exit, then kills it. */
    public void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name() + " (pid " + process.pid() + ") did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The first TCP port from {@code first} on that is free at the moment of asking. Below the kernel's ephemeral range
     * (32768 and up on Linux), no outgoing connection takes it as its local port between this answer and the
     * service's bind, which takes seconds on a busy machine; two systems started side by side use distinct ranges.
     */
    public static int freePortFrom(int first) {
        for (int port = first; port < first + 1_000; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException e) {
                // taken: the next one
            }
        }
        throw new IllegalStateException("no free port from " + first + " to " + (first + 999));
    }

    /** A TCP port free at the moment of asking. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
