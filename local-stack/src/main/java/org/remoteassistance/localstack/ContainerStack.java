package org.remoteassistance.localstack;

import java.sql.SQLException;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The same stack from Docker images, for machines with a Docker engine. */
final class ContainerStack {

    private ContainerStack() {
    }

    static LocalStackTestResource.Endpoints start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17")
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres");
        kafka.start();
        postgres.start();
        String server = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
        try {
            DatabaseProvisioner.provision(server + "postgres", "postgres", "postgres",
                    server + ServiceDatabase.DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not provision the PostgreSQL container", e);
        }
        return new LocalStackTestResource.Endpoints(kafka.getBootstrapServers(), server + ServiceDatabase.DATABASE);
    }
}
