package org.remoteassistance.console.signin;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.remoteassistance.console.config.ConsoleSettings;

/**
 * Production sign-in: OpenID Connect's authorization code flow against the operator's identity provider (Microsoft
 * Entra ID, Keycloak, ...), run by Quarkus OIDC ({@code quarkus.oidc.*}, off unless
 * {@code quarkus.oidc.tenant-enabled=true}). The person is who the provider says; the services get the provider's
 * access token, which they verify themselves.
 */
@ApplicationScoped
public class OpenIdConnectSignIn {

    @Inject
    ConsoleSettings settings;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false")
    boolean enabled;

    public boolean enabled() {
        return enabled;
    }

    /** The signed-in person, if the provider signed them in and gave them a role here. */
    public Optional<Person> person(SecurityIdentity identity) {
        if (!enabled || identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null) {
            return Optional.empty();
        }
        ConsoleSettings.OpenIdConnect names = settings.oidc();
        String name = displayName(identity);
        Instant until = Instant.now().plusSeconds(60); // read again on each request; the provider's session rules
        if (identity.hasRole(names.adminRole())) {
            return Optional.of(new Person(name, Role.ADMIN, null, null, access.getToken(), until));
        }
        if (identity.hasRole(names.helpdeskRole())) {
            return Optional.of(new Person(name, Role.HELPDESK, null, scopeTags(identity, names.scopeClaim()),
                    access.getToken(), until));
        }
        if (identity.hasRole(names.deviceRole()) && identity.getPrincipal() instanceof JsonWebToken token) {
            Object device = token.getClaim(names.deviceClaim());
            try {
                return Optional.of(new Person(name, Role.DEVICE, UUID.fromString(String.valueOf(device)), null,
                        access.getToken(), until));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // a device role without its device: nothing to show
            }
        }
        return Optional.empty();
    }

    /** The help desk's scope tags as the provider's token names them, to show; the services enforce them. */
    private static List<String> scopeTags(SecurityIdentity identity, String claim) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || token.getClaim(claim) == null) {
            return List.of();
        }
        Object value = token.getClaim(claim);
        Stream<?> tags = value instanceof Collection<?> list ? list.stream() : Stream.of(value);
        return tags.map(tag -> tag instanceof JsonString text ? text.getString() : String.valueOf(tag))
                .flatMap(LocalSignIn.TAG_SEPARATORS::splitAsStream).filter(tag -> !tag.isBlank()).toList();
    }

    private static String displayName(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            for (String claim : new String[] {"name", "preferred_username", "upn", "email"}) {
                Object value = token.getClaim(claim);
                if (value != null && !String.valueOf(value).isBlank()) {
                    return String.valueOf(value);
                }
            }
        }
        return identity.getPrincipal().getName();
    }
}
