package org.remoteassistance.connector.config;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * Which partner the connector talks to and how patiently; defaults live in {@code application.properties}. The retry,
 * time-out and circuit breaker values reach SmallRye Fault Tolerance through {@link PartnerFaultToleranceConfig}.
 */
@ConfigMapping(prefix = "remote-assistance.partner")
public interface PartnerSettings {

    /** {@code simulator} (in-process, the embedded default) or {@code teamviewer} (the real Web API). */
    Kind kind();

    /** The service queue group new partner sessions are created in. */
    String groupName();

    /** Attempts per partner call, the first included. */
    int maxAttempts();

    /** The wait before the second attempt; it doubles for each further one, with jitter. */
    Duration initialBackoff();

    /** The longest wait between two attempts. */
    Duration maxBackoff();

    /** A {@code Retry-After} longer than this is not waited for: the call fails at once. */
    Duration maxRetryAfter();

    /** How long one attempt may take, whatever the partner (the HTTP client's own time-outs come on top). */
    Duration attemptTimeout();

    /** How often partner sessions whose close failed are tried again. */
    Duration closeRetryInterval();

    Circuit circuit();

    Simulator simulator();

    TeamViewer teamviewer();

    enum Kind {
        SIMULATOR, TEAMVIEWER
    }

    interface Circuit {

        /** Partner calls failed in a row (each after all its retries) that pause further calls. */
        int failureThreshold();

        /** How long calls are paused before one trial call may go through. */
        Duration openFor();
    }

    interface Simulator {

        /** The only token the simulator accepts. */
        String token();
    }

    interface TeamViewer {

        String baseUrl();

        Duration connectTimeout();

        Duration readTimeout();
    }
}
