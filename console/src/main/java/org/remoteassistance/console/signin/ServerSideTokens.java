package org.remoteassistance.console.signin;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the identity provider's tokens of each signed-in person in the console, not in the browser: Quarkus OIDC's
 * session cookie carries only a random key to them (instead of the encrypted tokens themselves). In this process's
 * memory, as the local sign-ins are: a restart signs everyone out.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class ServerSideTokens implements TokenStateManager {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, AuthorizationCodeTokens> tokens = new ConcurrentHashMap<>();

    @Override
    public Uni<String> createTokenState(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            AuthorizationCodeTokens codeTokens, OidcRequestContext<String> requestContext) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(key, codeTokens);
        return Uni.createFrom().item(key);
    }

    @Override
    public Uni<AuthorizationCodeTokens> getTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig,
            String tokenState, OidcRequestContext<AuthorizationCodeTokens> requestContext) {
        AuthorizationCodeTokens found = tokens.get(tokenState);
        // a key this console does not know (it restarted): the person signs in again
        return found != null ? Uni.createFrom().item(found)
                : Uni.createFrom().failure(new AuthenticationFailedException("unknown sign-in"));
    }

    @Override
    public Uni<Void> deleteTokens(RoutingContext routingContext, OidcTenantConfig oidcConfig, String tokenState,
            OidcRequestContext<Void> requestContext) {
        tokens.remove(tokenState);
        return Uni.createFrom().voidItem();
    }
}
