package org.remoteassistance.session.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.remoteassistance.session.messaging.AuditEvents;
import org.remoteassistance.session.messaging.SessionAuditTopic;

/** Not ready while the audit topic is missing: until it exists the outbox cannot publish anything of this service. */
@Readiness
@ApplicationScoped
public class SessionAuditTopicCheck implements HealthCheck {

    @Inject
    SessionAuditTopic topic;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("session-audit-topic").status(topic.present())
                .withData("topic", AuditEvents.TOPIC).build();
    }
}
