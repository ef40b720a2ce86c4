package org.remoteassistance.support.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The readiness of {@code /q/health/ready} as a metric, {@code service_ready} (1 ready, 0 not), so that an alert can
 * say which instance is not ready and since when without a probe of its own: the checks (database, broker, topics) run
 * every {@code remote-assistance.metrics.readiness-interval} (10 s) off the scrape, never blocking it.
 */
@ApplicationScoped
public class ReadinessGauge {

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    MeterRegistry registry;

    private final AtomicInteger ready = new AtomicInteger();

    void register(@Observes StartupEvent started) {
        Gauge.builder("service.ready", ready, AtomicInteger::get)
                .description("1 while /q/health/ready answers UP, 0 while it answers DOWN")
                .register(registry);
    }

    @Scheduled(identity = "readiness-gauge", every = "${remote-assistance.metrics.readiness-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        health.getReadinessAsync().subscribe().with(
                answer -> ready.set(answer.isDown() ? 0 : 1),
                failure -> ready.set(0));
    }
}
