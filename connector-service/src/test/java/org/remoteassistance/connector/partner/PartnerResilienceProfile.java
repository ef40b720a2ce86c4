package org.remoteassistance.connector.partner;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The simulator (replaced by a scripted partner in the tests) with a breaker that opens after three failed calls and
 * pauses them briefly, and short waits between attempts.
 */
public class PartnerResilienceProfile implements QuarkusTestProfile {

    static final int FAILURE_THRESHOLD = 3;
    static final String OPEN_FOR = "400ms";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "remote-assistance.partner.kind", "simulator",
                "remote-assistance.partner.max-attempts", "2",
                "remote-assistance.partner.initial-backoff", "10ms",
                "remote-assistance.partner.max-backoff", "20ms",
                "remote-assistance.partner.max-retry-after", "3s",
                "remote-assistance.partner.circuit.failure-threshold", Integer.toString(FAILURE_THRESHOLD),
                "remote-assistance.partner.circuit.open-for", OPEN_FOR);
    }
}
