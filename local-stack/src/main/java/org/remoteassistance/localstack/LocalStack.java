package org.remoteassistance.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * A real Kafka broker and a real PostgreSQL server, both from Maven artifacts, with one schema and one login role per
 * service. {@code bin/run} and the services' tests use this same code.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class);
    private static final String SUPERUSER = "postgres";

    /**
     * @param dataDirectory where PostgreSQL's data and Kafka's logs live
     * @param kafkaPort     0 for any free port
     * @param postgresPort  0 for any free port
     * @param partitions    partitions of topics the broker creates on its own
     */
    public record Settings(Path dataDirectory, int kafkaPort, int postgresPort, int partitions) {
    }

    private volatile EmbeddedPostgresServer postgres;
    private final EmbeddedKafka kafka;
    private final int postgresPort;
    private volatile boolean postgresRunning = true;
    private volatile boolean postgresFrozen;

    private LocalStack(EmbeddedPostgresServer postgres, EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.postgresPort = postgres.port();
    }

    public static LocalStack start(Settings settings) {
        long started = System.nanoTime();
        EmbeddedPostgresServer postgres = null;
        try {
            postgres = EmbeddedPostgresServer.start(settings.dataDirectory().resolve("postgres"),
                    freeIfZero(settings.postgresPort()));
            DatabaseProvisioner.provision(serverUrl(postgres.port(), "postgres"), SUPERUSER, SUPERUSER,
                    serverUrl(postgres.port(), ServiceDatabase.DATABASE));
            EmbeddedKafka kafka = EmbeddedKafka.start(settings.dataDirectory().resolve("kafka"),
                    freeIfZero(settings.kafkaPort()), settings.partitions());
            LocalStack stack = new LocalStack(postgres, kafka);
            LOG.infof("Local stack up in %d ms: Kafka %s, PostgreSQL %s", (System.nanoTime() - started) / 1_000_000,
                    stack.kafkaBootstrapServers(), stack.jdbcUrl());
            return stack;
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(postgres);
            throw new IllegalStateException("The local stack could not start: " + e.getMessage(), e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * The broker's SASL_PLAINTEXT listener with SCRAM-SHA-512: clients set {@link #kafkaSaslSettings()} as their
     * {@code kafka.*} settings, as against a secured cluster.
     */
    public String kafkaSaslBootstrapServers() {
        return kafka.saslBootstrapServers();
    }

    /** The {@code kafka.*} client settings (without {@code kafka.}) that log in on the SASL listener. */
    public java.util.Map<String, String> kafkaSaslSettings() {
        return java.util.Map.of(
                "bootstrap.servers", kafka.saslBootstrapServers(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + EmbeddedKafka.SCRAM_USER + "\" password=\"" + EmbeddedKafka.SCRAM_PASSWORD + "\";");
    }

    /** The JDBC URL of the database every service's schema lives in. */
    public String jdbcUrl() {
        return serverUrl(postgresPort, ServiceDatabase.DATABASE);
    }

    public int postgresPort() {
        return postgresPort;
    }

    /**
     * Stops the Kafka broker (a controlled shutdown; its logs stay), as an operator or an outage would. Clients see
     * the broker gone until {@link #startKafka()}.
     */
    public synchronized void stopKafka() {
        long started = System.nanoTime();
        kafka.stop();
        LOG.infof("Kafka stopped in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** Starts the broker again on the same port, with the same log folder and cluster id: every record is kept. */
    public synchronized void startKafka() {
        long started = System.nanoTime();
        try {
            kafka.restart();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Kafka could not start again: " + e.getMessage(), e);
        }
        LOG.infof("Kafka started again in %d ms on %s", (System.nanoTime() - started) / 1_000_000,
                kafka.bootstrapServers());
    }

    public boolean kafkaRunning() {
        return kafka.running();
    }

    public boolean postgresRunning() {
        return postgresRunning;
    }

    /** Stops PostgreSQL (fast shutdown: open connections are closed, committed data stays on disk). */
    public synchronized void stopPostgres() {
        long started = System.nanoTime();
        closeQuietly(postgres);
        postgresRunning = false;
        LOG.infof("PostgreSQL stopped in %d ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Freezes PostgreSQL (SIGSTOP of the postmaster and its backends): connections stay open and nothing answers, as a
     * hung primary or a network partition looks. {@link #thawPostgres()} lets it go on where it stopped.
     */
    public synchronized void freezePostgres() {
        signalPostgres("STOP");
        postgresFrozen = true;
        LOG.info("PostgreSQL frozen");
    }

    public synchronized void thawPostgres() {
        signalPostgres("CONT");
        postgresFrozen = false;
        LOG.info("PostgreSQL thawed");
    }

    public boolean postgresFrozen() {
        return postgresFrozen;
    }

    private void signalPostgres(String signal) {
        try {
            postgres.signal(signal);
        } catch (IOException e) {
            throw new IllegalStateException("could not send SIG" + signal + " to PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Starts PostgreSQL again on the same port with the same data folder. */
    public synchronized void startPostgres() {
        if (postgresRunning) {
            return;
        }
        long started = System.nanoTime();
        try {
            postgres = EmbeddedPostgresServer.start(postgres.dataDirectory(), postgresPort);
            postgresRunning = true;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL could not start again: " + e.getMessage(), e);
        }
        LOG.infof("PostgreSQL started again in %d ms on port %d", (System.nanoTime() - started) / 1_000_000,
                postgresPort);
    }

    private static String serverUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /**
     * The port itself, or for 0 a free one picked at random from 10000 to 19999: below the kernel's ephemeral range
     * (32768 and up on Linux), so no outgoing connection of this or another process takes it as its local port
     * before the broker or database binds it, or while it is down for a restart on the same port (the end-to-end
     * tests' services use ports from 20000 on).
     */
    static int freeIfZero(int port) {
        if (port != 0) {
            return port;
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = 10_000 + ThreadLocalRandom.current().nextInt(10_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return candidate;
            } catch (IOException e) {
                // taken: another one
            }
        }
        throw new UncheckedIOException(new IOException("no free port from 10000 to 19999 after 200 tries"));
    }

    @Override
    public void close() {
        kafka.close();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgresServer postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("PostgreSQL did not stop cleanly", e);
        }
    }
}
