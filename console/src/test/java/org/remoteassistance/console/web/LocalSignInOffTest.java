package org.remoteassistance.console.web;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without the local signing key (production), there is no local sign-in at all: nobody can make themselves admin. */
@QuarkusTest
@TestProfile(LocalSignInOffTest.WithoutLocalKey.class)
class LocalSignInOffTest {

    @Test
    void theSignInPageAndItsFormDoNotExist() {
        given().get("/sign-in").then().statusCode(404);
        given().contentType("application/x-www-form-urlencoded").formParams(Map.of("role", "ADMIN", "name", "x"))
                .post("/sign-in").then().statusCode(org.hamcrest.Matchers.oneOf(400, 404)) // the CSRF check may come first
                .header("Set-Cookie", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("console-session=")));
    }

    public static class WithoutLocalKey implements QuarkusTestProfile {
    }
}
