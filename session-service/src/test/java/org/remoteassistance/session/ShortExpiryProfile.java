package org.remoteassistance.session;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Sessions expire after seconds instead of minutes, checked twice a second. */
public class ShortExpiryProfile implements QuarkusTestProfile {

    static final int EXPIRE_AFTER_SECONDS = 5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "remote-assistance.sessions.expire-after", EXPIRE_AFTER_SECONDS + "s",
                "remote-assistance.sessions.expiry-check-interval", "500ms");
    }
}
