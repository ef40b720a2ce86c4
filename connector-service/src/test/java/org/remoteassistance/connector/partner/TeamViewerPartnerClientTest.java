package org.remoteassistance.connector.partner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.connector.partner.TeamViewerStub.Reply;
import org.remoteassistance.testing.ServiceTestResource;

/**
 * The real TeamViewer client (HTTP, with the retry policy around it, as the service uses it) against a stub that
 * answers as TeamViewer's Web API does, faults included.
 */
@QuarkusTest
@TestProfile(TeamViewerProfile.class)
@QuarkusTestResource(ServiceTestResource.class)
class TeamViewerPartnerClientTest {

    static final Duration SLOWER_THAN_READ_TIMEOUT = Duration.ofMillis(1500);

    @Inject
    PartnerClient partner;

    @InjectTeamViewerStub
    TeamViewerStub stub;

    @Test
    void pingTellsWhetherTheTokenIsValid() {
        String token = stub.newValidToken();

        assertTrue(partner.ping(token));
        assertFalse(partner.ping("a-token-teamviewer-does-not-know"));

        TeamViewerStub.Received request = stub.received(token).get(0);
        assertEquals("GET", request.method());
        assertEquals("/api/v1/ping", request.path());
    }

    @Test
    void aTokenAnswered401PingsAsInvalid() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(401, "invalid_token", "Token revoked"));

        assertFalse(partner.ping(token));
        assertEquals(1, stub.received(token).size(), "a refusal is not retried");
    }

    @Test
    void createSendsTheGroupAndSessionIdAndReadsTheSession() {
        String token = stub.newValidToken();
        String sessionId = UUID.randomUUID().toString();

        PartnerSession session = partner.createSession(token, new SessionRequest(sessionId, null));

        assertTrue(session.code().matches("s\\d{2}-\\d{3}-\\d{3}"), session.code());
        assertTrue(session.isOpen(), "state 'Open' is open, whatever its case");
        assertTrue(session.supporterLink().startsWith("https://start.teamviewer.com/"));
        assertTrue(session.endCustomerLink().startsWith("https://get.teamviewer.com/s"));
        assertNotNull(session.createdAt());
        assertTrue(session.validUntil().isAfter(Instant.now().plus(Duration.ofHours(23))));
        assertEquals(sessionId, session.description());

        TeamViewerStub.Received request = stub.received(token).get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v1/sessions", request.path());
        assertEquals("Bearer " + token, request.authorization());
        assertEquals("Remote assistance", request.body().get("groupname").asText());
        assertEquals(sessionId, request.body().get("description").asText());
        assertFalse(request.body().has("end_customer"), "no end customer is sent when none is known");

        assertEquals(session.code(), partner.getSession(token, session.code()).code());
    }

    @Test
    void closingPutsStateClosedAndAClosedCodeIsRefused() {
        String token = stub.newValidToken();
        PartnerSession session = partner.createSession(token, new SessionRequest("close-me", null));

        PartnerSession closed = partner.closeSession(token, session.code());

        assertFalse(closed.isOpen());
        assertNotNull(closed.closedAt());
        TeamViewerStub.Received put = stub.received(token).get(1);
        assertEquals("PUT", put.method());
        assertEquals("/api/v1/sessions/" + session.code(), put.path());
        assertEquals("closed", put.body().get("state").asText());
        assertThrows(PartnerRefusedException.class, () -> partner.closeSession(token, session.code()));
        assertThrows(PartnerRefusedException.class, () -> partner.getSession(token, "s00-000-000"));
    }

    @Test
    void a401IsARefusalOfTheTokenWithThePartnersReason() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(401, "invalid_token", "The token has expired"));

        PartnerRefusedException refused = assertThrows(PartnerRefusedException.class,
                () -> partner.createSession(token, new SessionRequest("s", null)));

        assertTrue(refused.tokenRefused());
        assertEquals("invalid_token", refused.error());
        assertTrue(refused.getMessage().contains("The token has expired"), refused.getMessage());
        assertFalse(refused.getMessage().contains(token), "no token in a message");
        assertEquals(1, stub.received(token).size(), "a refusal is not retried");
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterItAsks() {
        String token = stub.newValidToken();
        stub.script(token, Reply.tooManyRequests(1));

        long started = System.nanoTime();
        PartnerSession session = partner.createSession(token, new SessionRequest("rate-limited", null));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertNotNull(session.code());
        assertEquals(2, stub.received(token).size());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) >= 0, "waited for Retry-After: " + took);
    }

    @Test
    void a503IsRetriedEvenForACreate() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(503, "service_unavailable", "Maintenance"));

        PartnerSession session = partner.createSession(token, new SessionRequest("after-503", null));

        assertNotNull(session.code());
        assertEquals(2, stub.received(token).size());
    }

    @Test
    void a5xxIsRetriedForReads() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(500, "internal_error", "Oops"), Reply.status(502, "bad_gateway", "Oops"));

        assertTrue(partner.ping(token));
        assertEquals(3, stub.received(token).size());
    }

    @Test
    void aCreateAnswered500IsNotRepeatedBecauseTheCodeMayExist() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(500, "internal_error", "Oops"));

        PartnerUnavailableException failure = assertThrows(PartnerUnavailableException.class,
                () -> partner.createSession(token, new SessionRequest("maybe-created", null)));

        assertEquals(1, stub.received(token).size(), "one create, so never two codes for one session");
        assertTrue(failure.getMessage().contains("not retried"), failure.getMessage());
    }

    @Test
    void aPartnerThatKeepsFailingIsGivenUpAfterTheAttemptBudget() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(503, "x", "down"), Reply.status(503, "x", "down"),
                Reply.status(503, "x", "down"), Reply.status(503, "x", "down"));

        PartnerUnavailableException failure = assertThrows(PartnerUnavailableException.class,
                () -> partner.ping(token));

        assertEquals(3, stub.received(token).size(), "max-attempts is 3");
        assertTrue(failure.getMessage().contains("after 3 attempts"), failure.getMessage());
    }

    @Test
    void aPartnerThatDoesNotAnswerInTimeIsGivenUpAfterTheAttemptBudget() {
        String token = stub.newValidToken();
        stub.script(token, Reply.silence(SLOWER_THAN_READ_TIMEOUT), Reply.silence(SLOWER_THAN_READ_TIMEOUT),
                Reply.silence(SLOWER_THAN_READ_TIMEOUT));

        long started = System.nanoTime();
        assertThrows(PartnerUnavailableException.class, () -> partner.ping(token));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(3, stub.received(token).size());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "bounded by the read time-out: " + took);
    }

    @Test
    void aCreateThatTimesOutIsNotRepeated() {
        String token = stub.newValidToken();
        stub.script(token, Reply.silence(SLOWER_THAN_READ_TIMEOUT));

        PartnerUnavailableException failure = assertThrows(PartnerUnavailableException.class,
                () -> partner.createSession(token, new SessionRequest("timed-out", null)));

        assertEquals(1, stub.received(token).size());
        assertTrue(failure.getMessage().contains("not retried"), failure.getMessage());
    }

    @Test
    void theConnectorConnectsWithATokenTeamViewerAccepts() {
        String token = stub.newValidToken();

        String body = given().contentType(ContentType.JSON).body(Map.of("apiToken", token))
                .when().put("/api/connectors/teamviewer")
                .then().statusCode(200).body("status", equalTo("CONNECTED"))
                .extract().asString();

        assertFalse(body.contains(token));
        List<TeamViewerStub.Received> calls = stub.received(token);
        assertEquals("/api/v1/ping", calls.get(0).path());
    }

    @Test
    void theConnectorAnswers422WhenTeamViewerRefusesTheToken() {
        given().contentType(ContentType.JSON).body(Map.of("apiToken", "unknown-to-teamviewer"))
                .when().put("/api/connectors/teamviewer")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void theConnectorAnswers503WhenTeamViewerIsDown() {
        String token = stub.newValidToken();
        stub.script(token, Reply.status(503, "x", "down"), Reply.status(503, "x", "down"),
                Reply.status(503, "x", "down"));

        given().contentType(ContentType.JSON).body(Map.of("apiToken", token))
                .when().put("/api/connectors/teamviewer")
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("unavailable"));
    }
}
