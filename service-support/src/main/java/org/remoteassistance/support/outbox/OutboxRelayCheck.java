package org.remoteassistance.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN when the outbox relay's thread has died, since no event of this service would leave any more and
 * only a restart brings the relay back. A database or broker outage does not make it DOWN: the relay waits it out.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayCheck implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay").status(relay.alive()).build();
    }
}
