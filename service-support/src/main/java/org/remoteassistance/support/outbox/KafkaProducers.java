package org.remoteassistance.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Producers that lose nothing and double nothing: idempotent, {@code acks=all}. */
@ApplicationScoped
public class KafkaProducers {

    /** Every {@code kafka.*} setting (bootstrap servers, SASL, TLS, ...), as Quarkus collects them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    public KafkaProducer<String, String> create(String purpose) {
        Properties properties = new Properties();
        kafka.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-" + purpose);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(properties);
    }
}
