package org.remoteassistance.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Where the four services answer, and how people sign in. */
@ConfigMapping(prefix = "remote-assistance.console")
public interface ConsoleSettings {

    /** device-service's base URL. */
    @WithDefault("http://localhost:8081")
    String deviceUrl();

    @WithDefault("http://localhost:8082")
    String sessionUrl();

    @WithDefault("http://localhost:8083")
    String notificationUrl();

    @WithDefault("http://localhost:8084")
    String connectorUrl();

    /** How long a call to a service may take before the page says the service does not answer. */
    @WithDefault("10s")
    Duration callTimeout();

    /** How long a person stays signed in without signing in again. */
    @WithDefault("8h")
    Duration signInLifetime();

    /** Whether the sign-in cookie is {@code Secure} (browsers keep it on http://localhost too). */
    @WithDefault("true")
    boolean secureCookies();

    /** Where the device user downloads TeamViewer's app, by platform (WINDOWS, MACOS, IOS, ANDROID, LINUX). */
    Map<String, String> downloads();

    LocalSignIn localSignIn();

    OpenIdConnect oidc();

    /**
     * How the identity provider's tokens say who someone is, when people sign in with OpenID Connect
     * ({@code quarkus.oidc.*}): the roles come from Quarkus OIDC ({@code quarkus.oidc.roles.role-claim-path}), these
     * name them and the device claim.
     */
    interface OpenIdConnect {

        @WithDefault("admin")
        String adminRole();

        @WithDefault("helpdesk")
        String helpdeskRole();

        @WithDefault("device")
        String deviceRole();

        /** The claim of a device user's token that names their device. */
        @WithDefault("device_id")
        String deviceClaim();

        /** The claim of a help desk's token that limits it to devices with one of its scope tags (shown here). */
        @WithDefault("scopes")
        String scopeClaim();
    }

    /**
     * The embedded default's sign-in page: anyone who reaches the console may act as admin, help desk or a device.
     * On only when the local signing key is configured (bin/run does); never in production.
     */
    interface LocalSignIn {

        /** The PEM private key the embedded default's services trust (DATA_DIR/jwt/private-key.pem). */
        Optional<String> keyLocation();

        @WithDefault("https://remote-assistance.local")
        String issuer();

        @WithDefault("remote-assistance")
        String audience();

        /** The claim that binds a device token to its device, as the services read it. */
        @WithDefault("device_id")
        String deviceClaim();

        /** The claim that limits a help desk to devices with one of its scope tags, as the services read it. */
        @WithDefault("scopes")
        String scopeClaim();
    }
}
