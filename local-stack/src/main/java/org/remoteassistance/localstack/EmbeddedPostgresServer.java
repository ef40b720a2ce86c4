package org.remoteassistance.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/** A real PostgreSQL server from Maven jars (zonky), with its data in a folder that survives restarts. */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static EmbeddedPostgresServer start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory.getParent());
        stopStaleServer(dataDirectory);
        Path log = dataDirectory.resolveSibling("postgres.log");
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // per-statement counts (bin/bench reads the statements per session from it); the module ships
                    // with the embedded binaries, and CREATE EXTENSION pg_stat_statements makes it readable
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EmbeddedPostgresServer(postgres, dataDirectory);
        } catch (IOException | RuntimeException e) {
            LOG.errorf("PostgreSQL did not start; its own output is in %s:%n%s", log, tail(log));
            LOG.error("As root, the embedded PostgreSQL runs initdb under 'unshare -U' (user namespaces). Where those "
                    + "are not allowed, run as a non-root user, or point the services at another PostgreSQL "
                    + "(see the README, Configuration).");
            throw e;
        }
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Sends a signal to the postmaster and every backend, as {@code kill} does: {@code STOP} freezes the server the way
     * a hung primary looks to its clients (connections open, nothing answers), {@code CONT} thaws it.
     */
    void signal(String signal) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IOException("no PostgreSQL runs with pid " + pid));
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("kill", "-" + signal,
                Long.toString(postmaster.pid())));
        postmaster.descendants().forEach(backend -> command.add(Long.toString(backend.pid())));
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling PostgreSQL", e);
        }
    }

    /**
     * A launcher killed with SIGKILL leaves its postmaster running. Stop it rather than reuse a server nobody owns,
     * and drop a pid file that names no live server.
     */
    private static void stopStaleServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (postmaster.isPresent()) {
            ProcessHandle process = postmaster.get();
            LOG.warnf("Stopping a stale PostgreSQL (pid %d) left running by an earlier run", process.pid());
            process.destroy();
            try {
                process.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
        } else {
            LOG.warnf("Removing a stale %s that names no running PostgreSQL", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
