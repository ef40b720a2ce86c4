package org.remoteassistance.device.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.remoteassistance.device.DeviceTestResource;
import org.remoteassistance.device.TestDevices;
import org.remoteassistance.events.CloudEventCodec;
import org.remoteassistance.events.EventType;
import org.remoteassistance.events.Topics;
import org.remoteassistance.testing.KafkaTestClient;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/**
 * A device's scope tags (the help-desk scopes it belongs to): given at registration, changed by an admin, shown on
 * the device, filtered on in the list, and published in its snapshots.
 */
@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class DeviceScopeTagsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void tagsAreGivenAtRegistrationChangedByAnAdminAndFilteredOn() {
        String scope = "emea-" + TestDevices.tag();
        String tag = TestDevices.tag();
        UUID tagged = UUID.fromString(given().contentType(ContentType.JSON).body(Map.of("name", "Kiosk " + tag,
                        "platform", "WINDOWS", "serialNumber", "SN-" + tag, "scopeTags", List.of(scope, scope, "hq")))
                .post("/api/devices").then().statusCode(201)
                .body("scopeTags", equalTo(List.of(scope, "hq"))).extract().path("id"));
        UUID other = TestDevices.register();
        assertEquals(List.of(), TestDevices.get(other).getList("scopeTags"));

        assertEquals(List.of(tagged.toString()), given().queryParam("scope", scope).get("/api/devices").then()
                .statusCode(200).extract().jsonPath().getList("items.id"));

        given().contentType(ContentType.JSON).body(Map.of("scopeTags", List.of(scope)))
                .put("/api/devices/{id}/scope-tags", other).then().statusCode(200)
                .body("scopeTags", equalTo(List.of(scope)));
        assertEquals(2, given().queryParam("scope", scope).get("/api/devices").then().extract().jsonPath()
                .getInt("total"));
        ConsumerRecord<String, String> updated = KafkaTestClient.await(kafka, Topics.DEVICES,
                r -> other.toString().equals(r.key())
                        && "DeviceUpdated".equals(KafkaTestClient.header(r, CloudEventCodec.HEADER_TYPE)),
                1, Duration.ofSeconds(30)).get(0);
        assertEquals(List.of(scope), CloudEventCodec.decode(EventType.DEVICE_UPDATED, updated.headers(),
                updated.value()).data().scopeTags());
    }

    @Test
    void onlyAdminsChangeThemAndATagIsAShortWord() {
        UUID id = TestDevices.register();
        given().header("Authorization", TestTokens.helpdesk("hal@example.com")).contentType(ContentType.JSON)
                .body(Map.of("scopeTags", List.of("emea"))).put("/api/devices/{id}/scope-tags", id).then()
                .statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("scopeTags", List.of("not a tag")))
                .put("/api/devices/{id}/scope-tags", id).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", startsWith("scopeTags"));
        given().contentType(ContentType.JSON).body(Map.of("scopeTags", Collections.nCopies(21, "x")))
                .put("/api/devices/{id}/scope-tags", id).then().statusCode(400)
                .body("detail", equalTo("scopeTags must be at most 20 tags."));
        given().queryParam("scope", "a b").get("/api/devices").then().statusCode(400)
                .body("detail", startsWith("scope must be"));
    }
}
