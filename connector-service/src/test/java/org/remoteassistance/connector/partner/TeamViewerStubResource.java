package org.remoteassistance.connector.partner;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the {@link TeamViewerStub} and points the connector's TeamViewer client at it. */
public class TeamViewerStubResource implements QuarkusTestResourceLifecycleManager {

    private TeamViewerStub stub;

    @Override
    public Map<String, String> start() {
        stub = new TeamViewerStub();
        stub.start();
        return Map.of("remote-assistance.partner.teamviewer.base-url", stub.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub,
                new TestInjector.AnnotatedAndMatchesType(InjectTeamViewerStub.class, TeamViewerStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
        }
    }
}
