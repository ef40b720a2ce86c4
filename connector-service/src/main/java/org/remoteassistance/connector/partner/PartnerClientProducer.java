package org.remoteassistance.connector.partner;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.remoteassistance.connector.config.PartnerSettings;

/**
 * The one {@link PartnerClient} the service uses: the configured partner, with the retry policy and the circuit breaker
 * around it.
 */
@ApplicationScoped
public class PartnerClientProducer {

    private static final Logger LOG = Logger.getLogger(PartnerClientProducer.class);

    @Produces
    @ApplicationScoped
    PartnerClient partner(PartnerSettings settings, MeterRegistry registry, Instance<PartnerSimulator> simulator,
            Instance<TeamViewerPartnerClient> teamviewer) {
        PartnerClient chosen = switch (settings.kind()) {
            case SIMULATOR -> simulator.get();
            case TEAMVIEWER -> teamviewer.get();
        };
        LOG.infof("Partner: %s%s", settings.kind().name().toLowerCase(),
                settings.kind() == PartnerSettings.Kind.TEAMVIEWER ? " at " + settings.teamviewer().baseUrl() : "");
        PartnerCircuitBreaker breaker = new PartnerCircuitBreaker(settings.circuit().failureThreshold(),
                settings.circuit().openFor(), Clock.systemUTC());
        return new RetryingPartnerClient(chosen, RetryPolicy.of(settings), breaker, registry);
    }
}
