package org.remoteassistance.localstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Apache Kafka's own broker in KRaft mode, in this JVM, with its logs in a folder that survives restarts. It can be
 * stopped and started again on the same ports, log folder and cluster id, as an operator restarts a broker.
 */
final class EmbeddedKafka implements AutoCloseable {

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private volatile EmbeddedKafkaBroker broker;

    private EmbeddedKafka(Path logDirectory, int port, int controllerPort, int partitions) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.partitions = partitions;
    }

    static EmbeddedKafka start(Path logDirectory, int port, int partitions) throws IOException {
        // the controller keeps its port across restarts too, so a restarted broker finds the same quorum
        EmbeddedKafka kafka = new EmbeddedKafka(logDirectory, port, LocalStack.freeIfZero(0), partitions);
        kafka.broker = kafka.startBroker();
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
                .withAdditionalProperties(properties -> {
                    properties.put("log.dirs", logDirectory.toString());
                    properties.put("num.partitions", Integer.toString(partitions));
                    // topics are created by the services (compacted where needed), never implicitly by a first reader
                    properties.put("auto.create.topics.enable", "false");
                })
                .start();
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

    String bootstrapServers() {
        // "PLAINTEXT://localhost:9092" -> "localhost:9092"; the same while the broker is stopped
        if (!running()) {
            return "localhost:" + port;
        }
        String listener = broker.getAdvertisedListeners().split(",")[0];
        return listener.substring(listener.indexOf("://") + 3);
    }

    @Override
    public void close() {
        broker.close();
    }
}
