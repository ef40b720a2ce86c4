package org.remoteassistance.support.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.events.InvalidEventException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What a verified token must also be to act here (smallrye-jwt checks signature, issuer, audience and expiry; the
 * expiry's leeway is {@code mp.jwt.verify.clock.skew}, 5 s in service-support's defaults):
 * <ul>
 * <li>issued no later than now plus the same clock skew: a token "from the future" would outlive the lifetime its
 * issuer meant it to have;</li>
 * <li>a device token and nothing else: a token with {@code device} and {@code admin} (or {@code helpdesk}) would act as
 * an admin bound to a device, a combination no issuer should mint and no resource is written for;</li>
 * <li>a help desk's scope claim ({@code remote-assistance.security.scope-claim}), when it has one, names tags a device
 * could carry: a malformed scope would otherwise read as "no device", or worse, as something else.</li>
 * </ul>
 * Each refusal is a 401, like any token that does not verify.
 */
@ApplicationScoped
public class TokenRules implements SecurityIdentityAugmentor {

    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "5")
    int clockSkewSeconds;

    @ConfigProperty(name = "remote-assistance.security.scope-claim", defaultValue = "scopes")
    String scopeClaim;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        long latestIssue = Instant.now().getEpochSecond() + clockSkewSeconds;
        if (token.getIssuedAtTime() > latestIssue) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token is issued in the future"));
        }
        String name = identity.getPrincipal().getName();
        try {
            // the name becomes requestedBy and the audit trail's actor: held to the rule every consumer applies
            EventRules.text(name, "requestedBy", EventRules.MAX_REQUESTED_BY);
        } catch (InvalidEventException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the token's name must be plain text of at most " + EventRules.MAX_REQUESTED_BY + " characters"));
        }
        if (identity.hasRole(Roles.DEVICE)
                && (identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.HELPDESK))) {
            return Uni.createFrom().failure(
                    new AuthenticationFailedException("a device token carries another role too"));
        }
        try {
            Caller.scopeClaimOfHelpDesk(identity, token, scopeClaim).ifPresent(DeviceScope::fromClaim);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the token's " + scopeClaim + " claim is not a list of scope tags: " + e.getMessage()));
        }
        return Uni.createFrom().item(identity);
    }
}
