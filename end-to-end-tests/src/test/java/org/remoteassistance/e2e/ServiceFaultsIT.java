package org.remoteassistance.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.remoteassistance.e2e.FaultTests.WAIT;
import static org.remoteassistance.e2e.FaultTests.assertExactlyOnce;
import static org.remoteassistance.e2e.FaultTests.awaitAcknowledgedAndNotified;
import static org.remoteassistance.e2e.FaultTests.awaitOutboxesDrained;
import static org.remoteassistance.e2e.FaultTests.deadLetterReasons;
import static org.remoteassistance.e2e.FaultTests.knownDevices;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Services stopped under load as an orchestrator or a crash stops them, SIGTERM and SIGKILL, with sessions in flight:
 * nothing is lost, doubled or dead-lettered, and the restarted services take over where the stopped ones left off.
 */
class ServiceFaultsIT extends FaultTests {

    @Test
    void connectorAndSessionServiceKilledWithSessionsInFlightLoseNothingAndDoubleNothing() throws Exception {
        List<String> devices = knownDevices("sigkill", 8);
        Map<String, String> sessions = new LinkedHashMap<>();

        // connector-service dies while it works through a burst of requests
        for (String deviceId : devices.subList(0, 4)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        String first = sessions.keySet().iterator().next();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> !databases.partnerSessions(List.of(first)).isEmpty());
        system.kill("connector");
        int acknowledgedBeforeKill = databases.partnerSessions(sessions.keySet()).size();
        system.start("connector");

        // session-service dies right after accepting a burst (while connector-service starts again): events in its
        // outbox, acknowledgements arriving
        for (String deviceId : devices.subList(4, 8)) {
            sessions.put(api.requestSession(deviceId), deviceId);
        }
        system.kill("session");
        system.start("session");
        system.awaitReady("connector", "session");

        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        awaitOutboxesDrained();
        System.out.printf("SIGKILL mid-flow: %d of 4 sessions had their partner session when connector-service "
                + "was killed; all 8 acknowledged and notified once%n", acknowledgedBeforeKill);
    }

    /**
     * SIGTERM, as an orchestrator stops a service, while it works through a burst: what it had under way is either
     * finished or consumed again by its next start; nothing is dead-lettered, lost or doubled, and it exits within
     * its shutdown time-out (quarkus.shutdown.timeout, 20 s) and well within compose's stop_grace_period.
     */
    @Test
    void servicesStoppedWithSigtermUnderLoadLoseNothingAndDeadLetterNothing() throws Exception {
        List<String> devices = knownDevices("sigterm", 9);
        Map<String, String> sessions = new LinkedHashMap<>();
        Map<String, Duration> exits = new LinkedHashMap<>();
        int burst = 0;
        for (String service : List.of("connector", "session", "notification")) {
            // the bursts go through session-service's API: it must be back before the next one
            system.awaitReady("session");
            for (String deviceId : devices.subList(burst * 3, burst * 3 + 3)) {
                sessions.put(api.requestSession(deviceId), deviceId);
            }
            burst++;
            exits.put(service, system.terminate(service));
            // started again while the next one is stopped, as a rolling restart does
            system.start(service);
        }
        system.awaitReady("connector", "session", "notification");

        awaitAcknowledgedAndNotified(sessions);
        assertExactlyOnce(sessions);
        assertEquals(List.of(), deadLetterReasons(sessions.keySet()),
                "events set aside while their service stopped");
        awaitOutboxesDrained();
        exits.forEach((service, took) -> assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0,
                service + "-service took " + took + " to exit after SIGTERM"));
        System.out.printf("SIGTERM under load: exits %s; all %d sessions acknowledged and notified once%n", exits,
                sessions.size());
    }
}
