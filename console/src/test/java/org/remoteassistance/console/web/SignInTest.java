package org.remoteassistance.console.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.remoteassistance.console.LocalSigningKey;

/**
 * Signing in and what a signed-in person may reach, without the services: the embedded default's sign-in page, its
 * CSRF protection and cookie, the language from Accept-Language, the refusals as sentences, and a page that needs a
 * service that does not answer (in these tests none does).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalSigningKey.class, restrictToAnnotatedClass = true)
class SignInTest {

    @Test
    void someoneNotSignedInIsSentToTheSignInPage() {
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).get("/devices").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).get("/portal").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
    }

    @Test
    void theSignInPageSpeaksTheBrowsersLanguage() {
        given().header("Accept-Language", "es-ES,es;q=0.9,en;q=0.5").get("/sign-in").then().statusCode(200)
                .body(containsString("<html lang=\"es\">"), containsString("Iniciar sesión"),
                        containsString("Usuario del dispositivo"));
        given().header("Accept-Language", "fr-FR,de;q=0.8").get("/sign-in").then().statusCode(200)
                .body(containsString("<html lang=\"en\">"), containsString("Device user"));
        given().get("/sign-in").then().statusCode(200).body(containsString("<html lang=\"en\">"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndSignsNobodyIn() {
        Response page = given().get("/sign-in");
        given().redirects().follow(false).cookies(page.cookies()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("role", "ADMIN", "name", "Mallory")).post("/sign-in")
                .then().statusCode(400).header("Set-Cookie", not(containsString("console-session=")));
    }

    @Test
    void anAdminSignsInWithAnHttpOnlyStrictCookieAndSignsOut() {
        Map<String, String> cookies = signIn("ADMIN", "Alex", null);
        String session = cookies.get("console-session");
        assertTrue(session.length() >= 40, "a long random id, not the token");
        // signed in: the devices page is theirs (device-service does not answer in this test: a sentence says so)
        given().cookies(cookies).get("/devices").then().statusCode(503)
                .body(containsString("The device service does not answer right now"),
                        containsString("Alex · Administrator"), not(containsString("Exception")));

        Response form = given().cookies(cookies).get("/sign-in");
        given().redirects().follow(false).cookies(cookies).cookie("csrf-token", form.cookie("csrf-token"))
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(form.asString()))).post("/sign-out")
                .then().statusCode(303).header("Location", endsWith("/sign-in"));
        given().redirects().follow(false).cookie("console-session", session).get("/devices").then().statusCode(303)
                .header("Location", endsWith("/sign-in"));
    }

    @Test
    void theCookieIsHttpOnlySecureAndStrict() {
        Response page = given().get("/sign-in");
        String setCookie = given().redirects().follow(false).cookies(page.cookies())
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "HELPDESK", "name", "Hana"))
                .post("/sign-in").then().statusCode(303).header("Location", endsWith("/devices"))
                .extract().headers().getValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("console-session=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Secure")
                && setCookie.contains("SameSite=Strict"), setCookie);
    }

    @Test
    void aHelpDeskSignsInLimitedToItsScopeTagsAndSeesThem() {
        Response page = given().get("/sign-in");
        Response signedIn = given().redirects().follow(false).cookies(page.cookies())
                .contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "HELPDESK", "name", "Hana",
                        "scopes", " emea, hq  emea"))
                .post("/sign-in");
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        given().cookie("console-session", signedIn.cookie("console-session")).get("/devices").then()
                .body(containsString("Hana · Help desk · Scopes: emea, hq"));

        given().cookies(page.cookies()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "HELPDESK", "name", "Hana",
                        "scopes", "emea -hq"))
                .post("/sign-in").then().statusCode(400)
                .body(containsString("A scope tag is 1 to 64 letters"));
    }

    @Test
    void aDeviceUserReachesOnlyTheCompanyPortal() {
        Map<String, String> cookies = signIn("DEVICE", null, UUID.randomUUID().toString());
        given().redirects().follow(false).cookies(cookies).get("/").then().statusCode(303)
                .header("Location", endsWith("/portal"));
        given().cookies(cookies).header("Accept-Language", "es").get("/devices").then().statusCode(403)
                .body(containsString("Esta página no está disponible para usted."));
        given().cookies(cookies).get("/devices/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void aSignInWithoutANameOrWithAMalformedDeviceIdIsRefusedWithASentence() {
        Response page = given().get("/sign-in");
        given().cookies(page.cookies()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "DEVICE",
                        "deviceId", "not-a-uuid"))
                .post("/sign-in").then().statusCode(400)
                .body(containsString("Enter your name, or for a device user the id of the device."));
        given().cookies(page.cookies()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "ADMIN", "name", " "))
                .post("/sign-in").then().statusCode(400);
        given().cookies(page.cookies()).contentType("application/x-www-form-urlencoded")
                .formParams(Map.of("csrf-token", csrfToken(page.asString()), "role", "ROOT", "name", "x"))
                .post("/sign-in").then().statusCode(400);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        given().get("/sign-in").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff");
    }

    static Map<String, String> signIn(String role, String name, String deviceId) {
        Response page = given().get("/sign-in");
        Map<String, String> form = new java.util.HashMap<>(Map.of("csrf-token", csrfToken(page.asString()),
                "role", role));
        if (name != null) {
            form.put("name", name);
        }
        if (deviceId != null) {
            form.put("deviceId", deviceId);
        }
        Response signedIn = given().redirects().follow(false).cookies(page.cookies())
                .contentType("application/x-www-form-urlencoded").formParams(form).post("/sign-in");
        assertEquals(303, signedIn.statusCode(), signedIn.asString());
        return Map.of("console-session", signedIn.cookie("console-session"));
    }

    static String csrfToken(String html) {
        Matcher token = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertTrue(token.find(), html);
        return token.group(1);
    }
}
