package org.remoteassistance.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * What every service's HTTP side must do whatever its resources: the security headers on every answer. Each service
 * has a {@code @QuarkusTest} extending this, naming one {@code /api} path an admin may read.
 */
public abstract class HttpHardeningContract {

    /** A {@code GET} under {@code /api} that answers an admin 200. */
    protected abstract String adminReadPath();

    @Test
    void everyAnswerIsMarkedNotToBeSniffedOrFramed() {
        for (ValidatableResponse answer : new ValidatableResponse[] {
                given().get(adminReadPath()).then().statusCode(200),
                given().header("Authorization", "").get(adminReadPath()).then().statusCode(401),
                given().get("/no-such-path").then().statusCode(404),
                given().get("/q/health/ready").then().statusCode(200)}) {
            answer.header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
    }

    @Test
    void apiAnswersAreNeverStored() {
        given().get(adminReadPath()).then().statusCode(200).header("Cache-Control", "no-store");
        given().header("Authorization", "").get(adminReadPath()).then().statusCode(401)
                .header("Cache-Control", "no-store");
    }

    @Test
    void corsAnswersVaryByOrigin() {
        given().header("Origin", "http://localhost:3000").get(adminReadPath()).then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Vary", containsString("Origin"));
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .options(adminReadPath()).then()
                .header("Vary", containsString("Origin"));
    }

    @Test
    void swaggerUiHasAPolicyAndIsNeverFramed() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }
}
