package org.remoteassistance.localstack;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Apache Kafka's own broker in KRaft mode, in this JVM, with its logs in a folder that survives restarts. */
final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start(Path logDirectory, int port, int partitions) throws IOException {
        Files.createDirectories(logDirectory);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(0)
                .withKafkaPort(port)
                .withClusterId(clusterId(logDirectory.resolveSibling("kafka-cluster-id")))
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(properties -> {
                    properties.put("log.dirs", logDirectory.toString());
                    properties.put("num.partitions", Integer.toString(partitions));
                    // topics are created by the services (compacted where needed), never implicitly by a first reader
                    properties.put("auto.create.topics.enable", "false");
                })
                .start();
        return new EmbeddedKafka(broker);
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
        // "PLAINTEXT://localhost:9092" -> "localhost:9092"
        String listener = broker.getAdvertisedListeners().split(",")[0];
        return listener.substring(listener.indexOf("://") + 3);
    }

    @Override
    public void close() {
        broker.close();
    }
}
