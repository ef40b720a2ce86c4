package org.remoteassistance.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.remoteassistance.console.config.ConsoleSettings;
import io.quarkus.security.Authenticated;
import org.remoteassistance.console.signin.LocalSignIn;
import org.remoteassistance.console.signin.OpenIdConnectSignIn;
import org.remoteassistance.console.signin.Person;
import org.remoteassistance.console.signin.Role;
import org.remoteassistance.console.signin.SignedIn;

/**
 * The start page (each person to their pages), and signing in: in production through the operator's identity provider
 * (OpenID Connect, {@link OpenIdConnectSignIn}); for the embedded default, a local page where a person picks a role
 * (and a name, or for a device user the device) and the console signs a token for it, which answers 404 unless the
 * local signing key is configured.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class SignInResource {

    @Inject
    Template signin;

    @Inject
    Visit visit;

    @Inject
    LocalSignIn localSignIn;

    @Inject
    SignedIn signedIn;

    @Inject
    ConsoleSettings settings;

    @Inject
    OpenIdConnectSignIn openIdConnect;

    @GET
    public Response home() {
        return visit.person()
                .map(person -> seeOther(person.role().supportsDevices() ? "/devices" : "/portal"))
                .orElseGet(() -> seeOther("/sign-in"));
    }

    /** The local sign-in page; with OpenID Connect instead, the way to the identity provider. */
    @GET
    @Path("sign-in")
    public Response signInPage() {
        if (!localSignIn.enabled() && openIdConnect.enabled()) {
            return seeOther("/oidc/sign-in");
        }
        requireLocalSignIn();
        return Response.ok(page(null)).build();
    }

    /** Reached only once the identity provider signed the person in (Quarkus OIDC runs the code flow before it). */
    @GET
    @Path("oidc/sign-in")
    @Authenticated
    public Response signedInWithProvider() {
        return seeOther("/");
    }

    /** Quarkus OIDC ends the provider's session on this path (quarkus.oidc.logout.path); a fallback otherwise. */
    @GET
    @Path("oidc/sign-out")
    @Authenticated
    public Response signedOutOfProvider() {
        return seeOther("/sign-in");
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("role") String role, @FormParam("name") String name,
            @FormParam("deviceId") String deviceId, @FormParam("scopes") String scopes) {
        requireLocalSignIn();
        Role chosen = Arrays.stream(Role.values()).filter(each -> each.name().equals(role)).findFirst()
                .orElse(null);
        UUID device = chosen == Role.DEVICE ? uuidOrNull(deviceId) : null;
        boolean named = name != null && !name.isBlank() && name.strip().length() <= 100;
        if (chosen == null || (chosen == Role.DEVICE ? device == null : !named)) {
            return Response.status(400).entity(page(visit.words().get("sign_in_refused"))).build();
        }
        Optional<List<String>> scopeTags = LocalSignIn.scopeTags(scopes);
        if (scopeTags.isEmpty()) {
            return Response.status(400).entity(page(visit.words().get("scope_tags_refused"))).build();
        }
        Person person = localSignIn.signIn(chosen, named ? name.strip() : null, device, scopeTags.get());
        String id = signedIn.add(person);
        return Response.seeOther(URI.create(chosen.supportsDevices() ? "/devices" : "/portal"))
                .cookie(cookie(id, (int) settings.signInLifetime().toSeconds())).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        signedIn.remove(visit.sessionId());
        String next = visit.signedInWithProvider() ? "/oidc/sign-out" : "/sign-in";
        return Response.seeOther(URI.create(next)).cookie(cookie("", 0)).build();
    }

    private TemplateInstance page(String refusal) {
        return signin.data("w", visit.words()).data("refusal", refusal).data("roles", Role.values());
    }

    private void requireLocalSignIn() {
        if (!localSignIn.enabled()) {
            throw new NotFoundException();
        }
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(SignedIn.COOKIE).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(settings.secureCookies()).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static UUID uuidOrNull(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
