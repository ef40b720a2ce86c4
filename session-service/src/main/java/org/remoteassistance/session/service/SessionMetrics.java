package org.remoteassistance.session.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import org.remoteassistance.session.domain.AuditAction;

/**
 * The business steps for dashboards and alerts ({@code deploy/observability/}): how many sessions were requested,
 * acknowledged by the partner, notified on the device, started and rejected ({@code sessions_steps_total{step}}), how
 * they ended ({@code sessions_ended_total{status,reason}}), the attempts the rules refused
 * ({@code sessions_refused_total{action}}), and how long a session took from its request to the partner's
 * acknowledgement and to the device's notification ({@code sessions_time_to_acknowledge_seconds},
 * {@code sessions_time_to_notify_seconds}, histograms). A step counts when it changes the session, not when a late or
 * repeated event is ignored, and once its transaction commits: a step rolled back did not happen.
 */
@ApplicationScoped
public class SessionMetrics {

    /** What happened to a session. */
    enum Step { REQUESTED, ACKNOWLEDGED, NOTIFIED, STARTED, REJECTED }

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    void step(Step step) {
        afterCommit(() -> registry.counter("sessions.steps", "step", step.name()).increment());
    }

    void ended(String status, String reason) {
        afterCommit(() -> registry.counter("sessions.ended", "status", status, "reason", reason).increment());
    }

    /** An attempt the rules turned down, audited in a transaction of its own. */
    void refused(AuditAction action) {
        afterCommit(() -> registry.counter("sessions.refused", "action", action.name()).increment());
    }

    void acknowledged(Duration sinceRequest) {
        afterCommit(() -> timer("sessions.time.to.acknowledge", "From the request to the partner's acknowledgement")
                .record(sinceRequest));
    }

    void notified(Duration sinceRequest) {
        afterCommit(() -> timer("sessions.time.to.notify", "From the request to the device's notification")
                .record(sinceRequest));
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private void afterCommit(Runnable count) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    count.run();
                }
            }
        });
    }
}
