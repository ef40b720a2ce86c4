package org.remoteassistance.bench.baseline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.remoteassistance.bench.measure.LatencySummary;

/**
 * PostgreSQL's single-row commit rate on the same server: autocommit INSERTs of one row (about the size of a session
 * row) into a table in the benchmark's own schema {@code bench}, for a few seconds, from 1 and from 8 connections.
 */
public final class PostgresCommitBaseline {

    /** One run: commits per second and each commit's latency. */
    public record CommitRate(int connections, long commits, double seconds, double commitsPerSecond,
            LatencySummary commitLatency) {
    }

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public PostgresCommitBaseline(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The server settings that decide what a commit costs. */
    public Map<String, String> durabilitySettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String name : List.of("server_version", "synchronous_commit", "fsync", "wal_sync_method",
                    "commit_delay", "shared_buffers", "max_connections")) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    settings.put(name, result.getString(1));
                }
            }
        }
        return settings;
    }

    public CommitRate run(int connections, Duration duration) throws SQLException, InterruptedException {
        prepare();
        ConcurrentLinkedQueue<long[]> perThread = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<SQLException> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch ready = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] window = new long[2];
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = connect();
                        PreparedStatement insert = connection.prepareStatement(
                                "INSERT INTO bench.commit_probe (session_id, payload) VALUES (?, ?)")) {
                    connection.setAutoCommit(true);
                    String payload = "x".repeat(200);
                    long[] latencies = new long[1 << 16];
                    int count = 0;
                    ready.countDown();
                    go.await();
                    long end = window[1];
                    while (System.nanoTime() < end) {
                        long begin = System.nanoTime();
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, payload);
                        insert.executeUpdate();
                        if (count == latencies.length) {
                            latencies = java.util.Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = System.nanoTime() - begin;
                    }
                    perThread.add(java.util.Arrays.copyOf(latencies, count));
                } catch (SQLException e) {
                    failures.add(e);
                    ready.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pg-commit-" + i);
            thread.start();
            threads.add(thread);
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.peek();
        }
        double seconds = (System.nanoTime() - window[0]) / 1e9;
        List<Long> all = new ArrayList<>();
        perThread.forEach(latencies -> {
            for (long l : latencies) {
                all.add(l);
            }
        });
        cleanUp();
        return new CommitRate(connections, all.size(), seconds, all.size() / seconds, LatencySummary.ofNanos(all));
    }

    private void prepare() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS bench");
            statement.execute("CREATE TABLE IF NOT EXISTS bench.commit_probe (id bigserial PRIMARY KEY, "
                    + "session_id uuid NOT NULL, payload text NOT NULL, "
                    + "created_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("TRUNCATE bench.commit_probe");
        }
    }

    private void cleanUp() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench.commit_probe");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
