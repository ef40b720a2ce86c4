package org.remoteassistance.connector.partner;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The connector talking HTTP to TeamViewer's Web API, here the {@link TeamViewerStub}, with short time-outs. */
public class TeamViewerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "remote-assistance.partner.kind", "teamviewer",
                "remote-assistance.partner.max-attempts", "3",
                "remote-assistance.partner.initial-backoff", "50ms",
                "remote-assistance.partner.max-backoff", "200ms",
                "remote-assistance.partner.max-retry-after", "5s",
                "remote-assistance.partner.teamviewer.connect-timeout", "1s",
                "remote-assistance.partner.teamviewer.read-timeout", "700ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TeamViewerStubResource.class));
    }
}
