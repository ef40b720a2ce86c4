package org.remoteassistance.deadletters;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings, taken as the services take their {@code kafka.*} settings: every environment variable
 * {@code KAFKA_<SETTING>} that names a client setting ({@code KAFKA_SECURITY_PROTOCOL} → {@code security.protocol},
 * {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, …), so the same environment works on a
 * secured cluster. {@code --bootstrap-servers} wins over {@code KAFKA_BOOTSTRAP_SERVERS}; the default is
 * {@code localhost:9092}. Variables that name no client setting ({@code KAFKA_HOME}, {@code KAFKA_OPTS}) are ignored.
 */
final class KafkaSettings {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private final Map<String, String> settings;

    private KafkaSettings(Map<String, String> settings) {
        this.settings = settings;
    }

    static KafkaSettings from(Map<String, String> environment, String bootstrapServers) {
        Map<String, String> settings = new HashMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith("KAFKA_") && value != null) {
                settings.put(variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        if (bootstrapServers != null) {
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        settings.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        return new KafkaSettings(settings);
    }

    String bootstrapServers() {
        return settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** A reader of whole topics: no consumer group, nothing committed, bytes as they are. */
    Map<String, Object> consumer() {
        Map<String, Object> config = known(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return config;
    }

    /** A producer like the services' outbox relay: idempotent, {@code acks=all}, bytes as they are. */
    Map<String, Object> producer() {
        Map<String, Object> config = known(ProducerConfig.configNames());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                "org.apache.kafka.common.serialization.ByteArraySerializer");
        return config;
    }

    private Map<String, Object> known(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        settings.forEach((name, value) -> {
            if (names.contains(name)) {
                config.put(name, value);
            }
        });
        return config;
    }
}
