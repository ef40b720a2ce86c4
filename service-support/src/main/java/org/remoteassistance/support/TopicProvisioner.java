package org.remoteassistance.support;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;

/**
 * Creates the product's topics if they are missing (every event type's, the audit topic and the dead-letter topic; the
 * devices topic compacted; all with the configured partitions and replication), before consumers subscribe and the
 * outbox relay starts. The broker does not create topics on first use, and the relay sends in commit order, so one
 * missing topic would hold up every event behind it: when the broker is not there at start, it tries again every few
 * seconds until it has them, and the service is not ready until then. It uses every {@code kafka.*} setting (SASL,
 * TLS) as the consumers and producers do. Existing topics are left as they are.
 *
 * <p>Where topics are managed elsewhere (Strimzi's {@code KafkaTopic}, a platform team),
 * {@code remote-assistance.topics.provision=false} turns it off: no admin call is made.
 */
@ApplicationScoped
public class TopicProvisioner {

    /** Every topic the product publishes to or consumes from. */
    public static final List<String> TOPICS = Stream.concat(EventType.ALL.stream().map(EventType::topic),
            Stream.of(Topics.SESSION_AUDIT, Topics.DEAD_LETTER)).distinct().toList();

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final long RETRY_MILLIS = 5_000;

    /** Every {@code kafka.*} setting (bootstrap servers, SASL, TLS, ...), as Quarkus collects them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "remote-assistance.topics.provision", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "remote-assistance.topics.partitions", defaultValue = "4")
    int partitions;

    @ConfigProperty(name = "remote-assistance.topics.replication-factor", defaultValue = "1")
    short replicationFactor;

    private volatile boolean present;
    private volatile boolean stopping;

    /** First of all start-up work: before the outbox relay and the consumers. */
    void provision(@Observes @Priority(1) StartupEvent startup) {
        if (!enabled) {
            LOG.info("Topic provisioning is off (remote-assistance.topics.provision=false): the topics are managed"
                    + " elsewhere");
            present = true;
            return;
        }
        if (!ensure()) {
            Thread retry = new Thread(this::untilPresent, "topic-provisioner");
            retry.setDaemon(true);
            retry.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** Whether every topic exists (or provisioning is off). */
    public boolean present() {
        return present;
    }

    private void untilPresent() {
        while (!present && !stopping) {
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ensure();
        }
    }

    private boolean ensure() {
        try (Admin admin = Admin.create(adminProperties())) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(topic -> !existing.contains(topic)).map(this::topic)
                    .toList();
            if (!missing.isEmpty()) {
                create(admin, missing);
            }
            present = true;
        } catch (Exception e) {
            // consumers and the relay retry on their own; a broker down at start must not stop the service
            LOG.warnf("Could not check or create the topics now; trying again in %d s: %s", RETRY_MILLIS / 1000,
                    e.getMessage());
        }
        return present;
    }

    private void create(Admin admin, List<NewTopic> missing) throws Exception {
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(15, TimeUnit.SECONDS);
                LOG.infof("Created topic %s", created.getKey());
            } catch (ExecutionException e) {
                // another service or instance created it first
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private Properties adminProperties() {
        Properties properties = new Properties();
        kafka.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                properties.put(key, value);
            }
        });
        // default.api.timeout.ms may not be below request.timeout.ms, or the client refuses to start
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return properties;
    }

    private NewTopic topic(String name) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (Topics.DEVICES.equals(name)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }
}
