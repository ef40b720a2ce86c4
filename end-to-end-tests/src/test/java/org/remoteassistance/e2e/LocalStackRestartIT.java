package org.remoteassistance.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.remoteassistance.localstack.LocalStack;

/**
 * The fault tests stop Kafka and PostgreSQL mid-run: both must come back on the same port with their data. It lives
 * here, beside those tests, rather than in {@code local-stack}: there it held up every service module's tests, which
 * wait for the modules they depend on to finish, tests included.
 */
class LocalStackRestartIT {

    @TempDir
    Path data;

    @Test
    void kafkaAndPostgresStopAndStartAgainOnTheSamePortsWithTheirData() throws Exception {
        try (LocalStack stack = LocalStack.start(new LocalStack.Settings(data, 0, 0, 2))) {
            String bootstrap = stack.kafkaBootstrapServers();
            String jdbc = stack.jdbcUrl();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("restart-test", 2, (short) 1))).all().get();
            }
            produce(bootstrap, "before");
            try (Connection connection = superuser(jdbc); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE restart_test (value TEXT)");
                statement.execute("INSERT INTO restart_test VALUES ('before')");
            }

            stack.stopKafka();
            assertFalse(stack.kafkaRunning());
            assertEquals(bootstrap, stack.kafkaBootstrapServers(), "the address stays known while it is down");
            stack.startKafka();
            assertTrue(stack.kafkaRunning());
            assertEquals(bootstrap, stack.kafkaBootstrapServers());
            produce(bootstrap, "after");
            assertEquals(List.of("before", "after"), consume(bootstrap, 2));

            // the SASL/SCRAM listener knows its user after the restart too, and no other
            Map<String, String> sasl = stack.kafkaSaslSettings();
            produce(sasl, "over-sasl");
            assertEquals(List.of("before", "after", "over-sasl"), consume(Map.of("bootstrap.servers",
                    bootstrap), 3));
            Map<String, String> intruder = new java.util.HashMap<>(sasl);
            intruder.put("sasl.jaas.config", sasl.get("sasl.jaas.config").replace("password=\"", "password=\"x"));
            intruder.put("max.block.ms", "5000");
            assertThrows(Exception.class, () -> produce(intruder, "intruder"), "a wrong password is refused");

            stack.stopPostgres();
            assertFalse(stack.postgresRunning());
            assertThrows(SQLException.class, () -> superuser(jdbc).close(), "nobody answers while it is down");
            stack.startPostgres();
            assertEquals(jdbc, stack.jdbcUrl());
            try (Connection connection = superuser(jdbc); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT value FROM restart_test")) {
                assertTrue(rows.next());
                assertEquals("before", rows.getString(1));
            }
        }
    }

    private static Connection superuser(String jdbc) throws SQLException {
        return DriverManager.getConnection(jdbc, "postgres", "postgres");
    }

    private static void produce(String bootstrap, String value) throws Exception {
        produce(Map.of("bootstrap.servers", bootstrap), value);
    }

    private static void produce(Map<String, String> settings, String value) throws Exception {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>("restart-test", "key", value)).get();
        }
    }

    private static List<String> consume(String bootstrap, int count) {
        return consume(Map.of("bootstrap.servers", bootstrap), count);
    }

    private static List<String> consume(Map<String, String> settings, int count) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "restart-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("restart-test"));
            while (values.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
