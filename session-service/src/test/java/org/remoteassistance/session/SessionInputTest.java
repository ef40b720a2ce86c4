package org.remoteassistance.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.testing.ServiceTestResource;
import org.remoteassistance.testing.ServiceTestResource.TestTokens;

/** Bodies, ids and parameters mean what they say, and a refusal names the field, never a Java class. */
@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class SessionInputTest {

    @Test
    void aNumberIsNotAnAnswer() {
        UUID deviceId = UUID.randomUUID();
        refused(given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body("{\"allow\": 1}").post("/api/sessions/" + UUID.randomUUID() + "/device-response").then())
                .body("detail", equalTo("allow must be true or false."));
        refused(given().header("Authorization", TestTokens.device(deviceId)).contentType(ContentType.JSON)
                .body("{\"allow\": \"true\"}").post("/api/sessions/" + UUID.randomUUID() + "/device-response")
                .then())
                .body("detail", equalTo("allow must be true or false."));
    }

    @Test
    void idsAreCanonicalUuids() {
        refused(given().contentType(ContentType.JSON).body("{\"deviceId\": \"1-1-1-1-1\"}").post("/api/sessions")
                .then()).body("detail", startsWith("deviceId must be a UUID"));
        refused(given().contentType(ContentType.JSON).body("{\"deviceId\": 7}").post("/api/sessions").then())
                .body("detail", startsWith("deviceId must be a UUID"));
        refused(given().get("/api/sessions/1-1-1-1-1").then()).body("detail", startsWith("id must be a UUID"));
        refused(given().get("/api/sessions?deviceId=1-1-1-1-1").then())
                .body("detail", startsWith("deviceId must be a UUID"));
        given().get("/api/sessions/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anIdempotencyKeyIsPlainText() {
        refused(given().contentType(ContentType.JSON).header("Idempotency-Key", "key\tevil")
                .body("{\"deviceId\": \"" + UUID.randomUUID() + "\"}").post("/api/sessions").then())
                .body("detail", startsWith("Idempotency-Key must not contain"));
    }

    @Test
    void aTimeLimitIsOneMinuteToADay() {
        for (String minutes : new String[] {"0", "-1", "1441"}) {
            refused(given().contentType(ContentType.JSON)
                    .body("{\"deviceId\": \"" + UUID.randomUUID() + "\", \"maxDurationMinutes\": " + minutes + "}")
                    .post("/api/sessions").then())
                    .body("detail", startsWith("maxDurationMinutes must be"));
        }
        refused(given().contentType(ContentType.JSON)
                .body("{\"deviceId\": \"" + UUID.randomUUID() + "\", \"maxDurationMinutes\": \"long\"}")
                .post("/api/sessions").then())
                .body("detail", startsWith("maxDurationMinutes"));
    }

    @Test
    void aReasonIsBoundedPlainTextAndATicketMatchesThePattern() {
        String device = UUID.randomUUID().toString();
        refused(post(Map.of("deviceId", device, "reason", "r".repeat(501))))
                .body("detail", equalTo("reason must be at most 500 characters."));
        refused(post(Map.of("deviceId", device, "reason", "line\nbreak")))
                .body("detail", startsWith("reason must not contain"));
        refused(post(Map.of("deviceId", device, "ticketId", "INC 1")))
                .body("detail", startsWith("ticketId must match"));
        refused(post(Map.of("deviceId", device, "ticketId", "T".repeat(65))))
                .body("detail", equalTo("ticketId must be at most 64 characters."));
        refused(post(Map.of("deviceId", device, "showReasonToUser", true)))
                .body("detail", equalTo("showReasonToUser needs a reason to show."));
        refused(post(Map.of("deviceId", device, "showReasonToUser", "yes")))
                .body("detail", startsWith("showReasonToUser"));
    }

    private static ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/sessions").then();
    }

    static ValidatableResponse refused(ValidatableResponse answer) {
        return answer.statusCode(400).contentType(startsWith("application/problem+json"))
                .body("detail", not(containsString("java."))).body("detail", not(containsString("org.")));
    }
}
