package org.remoteassistance.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production sign-in: the authorization code flow against an identity provider (WireMock answering as Keycloak does;
 * it signs in "alice" with the groups user and admin). The browser is played by an HTTP client that keeps cookies and
 * follows each redirect by hand, so that every hop is checked.
 */
@QuarkusTest
@TestProfile(OpenIdConnectSignInTest.WithIdentityProvider.class)
@QuarkusTestResource(value = OidcWiremockTestResource.class, restrictToAnnotatedClass = true)
class OpenIdConnectSignInTest {

    @TestHTTPResource("/")
    URI console;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void anAdminSignsInAtTheProviderAndSignsOut() throws Exception {
        // the sign-in page leads to the provider, which shows its own login page
        assertEquals("/oidc/sign-in", location(get(console.resolve("/sign-in"))).getPath());
        URI authorization = location(get(console.resolve("/oidc/sign-in")));
        Map<String, String> query = query(authorization);
        assertEquals("code", query.get("response_type"));
        assertEquals("quarkus-web-app", query.get("client_id"));

        // the person logs in there; the provider sends the browser back with a code the console exchanges
        URI back = location(get(URI.create(authorization.getScheme() + "://" + authorization.getAuthority()
                + "/login?state=" + encode(query.get("state")) + "&redirect_uri="
                + encode(query.get("redirect_uri")))));
        URI next = location(get(back));
        for (int hop = 0; hop < 5 && !next.getPath().equals("/devices"); hop++) {
            next = location(get(console.resolve(next.getPath())));
        }
        assertEquals("/devices", next.getPath(), "an admin lands on All devices");

        // who the provider said, with the role its groups give; the tokens stay in the console
        HttpResponse<String> devices = get(console.resolve("/devices"));
        assertEquals(503, devices.statusCode(), "device-service does not answer in this test: " + devices.body());
        assertTrue(devices.body().contains("alice · Administrator"), devices.body());
        HttpCookie session = cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("q_session")).findFirst().orElseThrow();
        assertTrue(session.getValue().length() < 400, "the session cookie holds a key, not the tokens: "
                + session.getValue().length() + " characters");
        assertTrue(session.isHttpOnly(), "HttpOnly");

        // signing out ends the provider's session too
        String csrf = SignInTest.csrfToken(get(console.resolve("/connector")).body());
        HttpResponse<String> signOut = browser.send(HttpRequest.newBuilder(console.resolve("/sign-out"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + encode(csrf))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("/oidc/sign-out", location(signOut).getPath(), signOut.body());
        URI endSession = location(get(console.resolve("/oidc/sign-out")));
        assertTrue(endSession.getPath().endsWith("/end-session"), endSession.toString());
        assertEquals("/sign-in", location(get(console.resolve("/devices"))).getPath(), "signed out here as well");
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI location(HttpResponse<String> response) {
        assertTrue(response.statusCode() == 302 || response.statusCode() == 303,
                response.uri() + " answered " + response.statusCode() + ": " + response.body());
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static class WithIdentityProvider implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.client-id", "quarkus-web-app",
                    "quarkus.oidc.credentials.secret", "secret");
        }
    }
}
