package org.remoteassistance.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;

/**
 * Creates the product's topics if they are missing, before consumers subscribe: the devices topic compacted, all with
 * the configured partitions. Existing topics are left as they are.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    /** Every {@code kafka.*} setting (bootstrap servers, SASL, TLS, ...), as Quarkus collects them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "remote-assistance.topics.partitions", defaultValue = "4")
    int partitions;

    @ConfigProperty(name = "remote-assistance.topics.replication-factor", defaultValue = "1")
    short replicationFactor;

    void provision(@Observes @jakarta.annotation.Priority(1) StartupEvent startup) {
        Properties properties = new Properties();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        // default.api.timeout.ms may not be below request.timeout.ms, or the client refuses to start
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            EventType.ALL.stream().map(EventType::topic).distinct()
                    .filter(topic -> !existing.contains(topic))
                    .forEach(topic -> missing.add(topic(topic)));
            if (!existing.contains(Topics.DEAD_LETTER)) {
                missing.add(topic(Topics.DEAD_LETTER));
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(15, TimeUnit.SECONDS);
                LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            // consumers and the relay retry on their own; a broker down at start must not stop the service
            LOG.warnf(e, "Could not check or create the topics now: %s", e.getMessage());
        }
    }

    private NewTopic topic(String name) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (Topics.DEVICES.equals(name)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
