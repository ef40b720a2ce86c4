package org.remoteassistance.localstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * Apache Kafka's own broker in KRaft mode, in this JVM, with its logs in a folder that survives restarts. It can be
 * stopped and started again on the same ports, log folder and cluster id, as an operator restarts a broker.
 *
 * <p>Besides its plaintext listener it has a SASL/SCRAM-SHA-512 one with one user ({@link #SCRAM_USER}), so that the
 * services can be run as against a secured cluster.
 */
final class EmbeddedKafka implements AutoCloseable {

    static final String SCRAM_USER = "remote-assistance";
    static final String SCRAM_PASSWORD = "remote-assistance-local";
    private static final String SASL_LISTENER = "SASL";

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final int saslPort;
    private final int partitions;
    private volatile EmbeddedKafkaBroker broker;

    private EmbeddedKafka(Path logDirectory, int port, int controllerPort, int saslPort, int partitions) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
        this.partitions = partitions;
    }

    static EmbeddedKafka start(Path logDirectory, int port, int partitions) throws IOException {
        // the controller and the SASL listener keep their ports across restarts too
        EmbeddedKafka kafka = new EmbeddedKafka(logDirectory, port, LocalStack.freeIfZero(0),
                LocalStack.freeIfZero(0), partitions);
        kafka.broker = kafka.startBroker();
        kafka.addScramUser();
        return kafka;
    }

    /** Starts the broker again after {@link #stop()}: same ports, same logs, same cluster id. */
    synchronized void restart() throws IOException {
        if (running()) {
            return;
        }
        broker = startBroker();
    }

    /** Shuts the broker down (a controlled shutdown, its logs kept). */
    synchronized void stop() {
        broker.close();
    }

    boolean running() {
        return broker.isRunning();
    }

    private EmbeddedKafkaBroker startBroker() throws IOException {
        Files.createDirectories(logDirectory);
        return new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaPort(port)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId(logDirectory.resolveSibling("kafka-cluster-id")))
                .withDeleteLogDirsOnClose(false)
                .withAdvertisedListeners(
                        EmbeddedKafkaBroker.endpoint(SecurityProtocol.PLAINTEXT, "localhost", port),
                        EmbeddedKafkaBroker.endpoint(SASL_LISTENER, SecurityProtocol.SASL_PLAINTEXT, "localhost",
                                saslPort))
                .withAdditionalProperties(properties -> {
                    properties.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
                    properties.put("listener.name.sasl.scram-sha-512.sasl.jaas.config",
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
                    properties.put("log.dirs", logDirectory.toString());
                    properties.put("num.partitions", Integer.toString(partitions));
                    // topics are created by the services (compacted where needed), never implicitly by a first reader
                    properties.put("auto.create.topics.enable", "false");
                    // a restarted broker is registered again once the controller has fenced its previous life: 3 s
                    // (heartbeats every 0.5 s) instead of 9 s makes a broker restart take about 3.5 s instead of 10.5
                    properties.put("broker.session.timeout.ms", "3000");
                    properties.put("broker.heartbeat.interval.ms", "500");
                })
                .start();
    }

    /** The SCRAM user, created through the plaintext listener; kept in the cluster's metadata across restarts. */
    private void addScramUser() throws IOException {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + port))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), SCRAM_PASSWORD)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("could not create the SCRAM user: " + e.getMessage(), e);
        }
    }

    /** The storage is formatted once with a cluster id; later starts must present the same one. */
    private static String clusterId(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = org.apache.kafka.common.Uuid.randomUuid().toString();
        Files.writeString(file, id);
        return id;
    }

    /** The plaintext listener; the same while the broker is stopped. */
    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The SASL/SCRAM-SHA-512 listener (user {@link #SCRAM_USER}, password {@link #SCRAM_PASSWORD}). */
    String saslBootstrapServers() {
        return "localhost:" + saslPort;
    }

    @Override
    public void close() {
        broker.close();
    }
}
