package org.remoteassistance.connector.partner;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;

/**
 * The simulator (replaced by a scripted partner in the tests) with a breaker that opens after three failed calls and
 * pauses them briefly, short waits between attempts and a short time-out for each.
 */
public class PartnerResilienceProfile implements QuarkusTestProfile {

    static final int FAILURE_THRESHOLD = 3;
    static final String OPEN_FOR = "400ms";
    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(3);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "remote-assistance.partner.kind", "simulator",
                "remote-assistance.partner.max-attempts", "2",
                "remote-assistance.partner.initial-backoff", "10ms",
                "remote-assistance.partner.max-backoff", "20ms",
                "remote-assistance.partner.max-retry-after", MAX_RETRY_AFTER.toSeconds() + "s",
                "remote-assistance.partner.attempt-timeout", ATTEMPT_TIMEOUT.toMillis() + "ms",
                "remote-assistance.partner.circuit.failure-threshold", Integer.toString(FAILURE_THRESHOLD),
                "remote-assistance.partner.circuit.open-for", OPEN_FOR);
    }
}
