package org.remoteassistance.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until every topic exists: before that the outbox cannot publish everything this service writes. */
@Readiness
@ApplicationScoped
public class TopicsCheck implements HealthCheck {

    @Inject
    TopicProvisioner topics;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("kafka-topics").status(topics.present()).build();
    }
}
