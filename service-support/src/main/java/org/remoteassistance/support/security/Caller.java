package org.remoteassistance.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.remoteassistance.support.http.CanonicalUuid;
import org.remoteassistance.support.problem.ProblemException;

/**
 * Who is calling: their name for the audit trail, their role, for a device token the one device it speaks for, and for
 * a scoped help desk the devices it may reach.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @ConfigProperty(name = "remote-assistance.security.device-claim", defaultValue = "device_id")
    String deviceClaim;

    @ConfigProperty(name = "remote-assistance.security.scope-claim", defaultValue = "scopes")
    String scopeClaim;

    private DeviceScope scope;

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean isDevice() {
        return identity.hasRole(Roles.DEVICE) && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.HELPDESK);
    }

    /** The role recorded in audit entries. */
    public String role() {
        if (identity.hasRole(Roles.ADMIN)) {
            return Roles.ADMIN;
        }
        if (identity.hasRole(Roles.HELPDESK)) {
            return Roles.HELPDESK;
        }
        return isDevice() ? Roles.DEVICE : "none";
    }

    /** When the caller's token expires ({@code exp}); empty without a token. */
    public Optional<Instant> tokenExpiry() {
        if (token == null || identity.isAnonymous() || token.getExpirationTime() <= 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(token.getExpirationTime()));
    }

    /** The device a device token is bound to. */
    public Optional<UUID> deviceId() {
        Object claim = token == null ? null : token.getClaim(deviceClaim);
        if (claim == null) {
            return Optional.empty();
        }
        return CanonicalUuid.parse(claim.toString().replace("\"", ""));
    }

    /**
     * The devices the caller may see and act on. A help desk whose token has the scope claim
     * ({@code remote-assistance.security.scope-claim}) reaches only devices with one of its tags; admins, and help
     * desks without the claim, reach every device (a device token is bound to its device: {@link #requireAccessTo}).
     * {@link TokenRules} has refused a token whose claim names a tag no device could carry.
     */
    public DeviceScope scope() {
        if (scope == null) {
            scope = scopeClaimOfHelpDesk(identity, token, scopeClaim).map(DeviceScope::fromClaim)
                    .orElse(DeviceScope.ALL);
        }
        return scope;
    }

    /**
     * A device outside the caller's scope answers as if it did not exist, as another device's does for a device token.
     *
     * @param deviceTags the device's scope tags, asked for only when the caller's scope is limited
     */
    public void requireInScope(Supplier<Collection<String>> deviceTags, String notFoundDetail) {
        if (!scope().isAll() && !scope().covers(deviceTags.get())) {
            throw ProblemException.notFound(notFoundDetail);
        }
    }

    /** The scope claim of a help desk's token (not an admin's: admins reach every device). */
    static Optional<Object> scopeClaimOfHelpDesk(SecurityIdentity identity, JsonWebToken token, String claim) {
        if (token == null || !identity.hasRole(Roles.HELPDESK) || identity.hasRole(Roles.ADMIN)) {
            return Optional.empty();
        }
        return Optional.ofNullable(token.getClaim(claim));
    }

    /**
     * A device may reach only what belongs to its own device; anything else answers as if it did not exist, so that
     * one device cannot even learn which other ids exist. Admins and help desk pass here (a scoped help desk's reach is
     * {@link #requireInScope}'s).
     */
    public void requireAccessTo(UUID deviceId, String notFoundDetail) {
        if (isDevice() && !deviceId().map(deviceId::equals).orElse(false)) {
            throw ProblemException.notFound(notFoundDetail);
        }
    }
}
