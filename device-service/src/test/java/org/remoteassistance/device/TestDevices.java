package org.remoteassistance.device;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;

/** Registers devices through the API, as an admin console would. */
public final class TestDevices {

    private TestDevices() {
    }

    /** A token unique to one test, to find its own devices among everything the shared database holds. */
    public static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    public static UUID register(String name, String platform, String serialNumber, String primaryUser) {
        return UUID.fromString(given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "platform", platform, "osVersion", "1.0", "serialNumber", serialNumber,
                        "primaryUser", primaryUser))
                .when().post("/api/devices")
                .then().statusCode(201)
                .extract().path("id"));
    }

    public static UUID register() {
        String tag = tag();
        return register("Device " + tag, "WINDOWS", "SN-" + tag, tag + "@example.com");
    }

    public static JsonPath get(UUID id) {
        return given().when().get("/api/devices/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
