package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;

/** A body means what it says: no coercion, no invisible text, problems in the caller's words, ids in one spelling. */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class DeviceInputTest {

    @Test
    void aNumberIsNotAName() {
        refused(register("123", "\"SN-" + UUID.randomUUID() + "\""))
                .body("detail", equalTo("name must be a string."));
    }

    @Test
    void problemsNameTheFieldNotJavaClasses() {
        refused(given().contentType(ContentType.JSON).body("{\"name\": [1], \"platform\": \"WINDOWS\"}")
                .post("/api/devices").then())
                .body("detail", equalTo("name must be a string."));
        refused(given().contentType(ContentType.JSON).body("{\"name\": \"x\",").post("/api/devices").then())
                .body("detail", startsWith("The body is not valid JSON"));
        refused(given().contentType(ContentType.JSON).body("[]").post("/api/devices").then())
                .body("detail", not(containsString("java"))).body("detail", not(containsString("org.")));
    }

    @Test
    void bidiOverridesZeroWidthCharactersAndLoneSurrogatesAreNotInAName() {
        for (String name : new String[] {"\\u202Eevil", "zero\\u200Bwidth", "lone \\uD800 surrogate"}) {
            refused(register("\"" + name + "\"", "\"SN-" + UUID.randomUUID() + "\""))
                    .body("detail", containsString("name"));
        }
    }

    @Test
    void anIdIsACanonicalUuid() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"name\": \"Canonical\", \"platform\": \"WINDOWS\", \"serialNumber\": \"SN-"
                        + UUID.randomUUID() + "\"}")
                .post("/api/devices").then().statusCode(201).extract().path("id");
        given().get("/api/devices/" + id).then().statusCode(200);
        given().get("/api/devices/" + id.toUpperCase()).then().statusCode(200);
        given().get("/api/devices/1-1-1-1-1").then().statusCode(404);
        given().get("/api/devices/" + id.substring(0, 35)).then().statusCode(404);
    }

    private static ValidatableResponse register(String name, String serial) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\": " + name + ", \"platform\": \"WINDOWS\", \"serialNumber\": " + serial + "}")
                .post("/api/devices").then();
    }

    private static ValidatableResponse refused(ValidatableResponse answer) {
        return answer.statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", not(containsString("java."))).body("detail", not(containsString("org.")));
    }
}
