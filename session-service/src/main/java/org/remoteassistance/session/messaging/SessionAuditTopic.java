package org.remoteassistance.session.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the audit topic, which the shared provisioner does not know of, with the product's partitions and
 * replication. The broker does not create topics on first use, and the outbox relays in commit order: without this
 * topic every event of this service would wait behind the first audit event. So it is created before the relay starts,
 * and, when the broker is not there at start, again every few seconds until it exists.
 */
@ApplicationScoped
public class SessionAuditTopic {

    private static final Logger LOG = Logger.getLogger(SessionAuditTopic.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "remote-assistance.topics.partitions", defaultValue = "4")
    int partitions;

    @ConfigProperty(name = "remote-assistance.topics.replication-factor", defaultValue = "1")
    short replicationFactor;

    private volatile boolean present;

    /** Right after the shared topics (priority 1), before the outbox relay and the consumers start. */
    void atStartup(@Observes @Priority(2) StartupEvent startup) {
        ensure();
    }

    @Scheduled(identity = "session-audit-topic", every = "10s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void untilPresent() {
        if (!present) {
            ensure();
        }
    }

    public boolean present() {
        return present;
    }

    private void ensure() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // default.api.timeout.ms may not be below request.timeout.ms, or the client refuses to start
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get(15, TimeUnit.SECONDS).contains(AuditEvents.TOPIC)) {
                create(admin);
            }
            present = true;
        } catch (Exception e) {
            LOG.warnf("Could not check or create %s now; trying again shortly: %s", AuditEvents.TOPIC,
                    e.getMessage());
        }
    }

    private void create(Admin admin) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(AuditEvents.TOPIC, partitions, replicationFactor)))
                    .all().get(15, TimeUnit.SECONDS);
            LOG.infof("Created topic %s", AuditEvents.TOPIC);
        } catch (ExecutionException e) {
            // another instance created it first
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
