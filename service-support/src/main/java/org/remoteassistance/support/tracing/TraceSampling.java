package org.remoteassistance.support.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Traces are always made and carried (their ids are in the log lines and the events' headers), but recorded and
 * exported only where an OTLP collector is given ({@code remote-assistance.traces.otlp-endpoint}): otherwise every
 * span is left unsampled, so nothing is kept and the exporter never calls out.
 */
@ApplicationScoped
public class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "remote-assistance.traces.otlp-endpoint") Optional<String> endpoint) {
        return endpoint.filter(value -> !value.isBlank()).isPresent()
                ? Sampler.parentBased(Sampler.alwaysOn())
                : Sampler.alwaysOff();
    }
}
