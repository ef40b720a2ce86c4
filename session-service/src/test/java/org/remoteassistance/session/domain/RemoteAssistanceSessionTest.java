package org.remoteassistance.session.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.EndReason;

/** The state machine on its own: every action in every status it may meet. */
class RemoteAssistanceSessionTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final PartnerSession PARTNER = new PartnerSession("teamviewer", "s12-345-678",
            "https://get.teamviewer.com/s12345678/supporter", "https://get.teamviewer.com/s12345678",
            NOW.plusSeconds(3600));
    private static final SessionTerms TERMS = new SessionTerms(Duration.ofMinutes(45));

    @Test
    void bothAgreeingInEitherOrderStartsItOnce() {
        RemoteAssistanceSession adminFirst = acknowledged();
        assertEquals(Outcome.RECORDED, adminFirst.adminStart(NOW));
        assertEquals(Outcome.STARTED, adminFirst.deviceAllows(NOW));
        assertEquals(SessionStatus.IN_PROGRESS, adminFirst.status());

        RemoteAssistanceSession deviceFirst = acknowledged();
        assertEquals(Outcome.RECORDED, deviceFirst.deviceAllows(NOW));
        assertEquals(SessionStatus.ACKNOWLEDGED, deviceFirst.status());
        assertEquals(Outcome.STARTED, deviceFirst.adminStart(NOW));
        assertEquals(Outcome.UNCHANGED, deviceFirst.adminStart(NOW));
        assertEquals(Outcome.UNCHANGED, deviceFirst.deviceAllows(NOW));
    }

    @Test
    void nothingStartsBeforeThePartnerAcknowledges() {
        RemoteAssistanceSession session = requested();
        SessionStateException e = assertThrows(SessionStateException.class, () -> session.adminStart(NOW));
        assertEquals(SessionStatus.REQUESTED, e.status());
        assertThrows(SessionStateException.class, () -> session.deviceAllows(NOW));
        assertThrows(SessionStateException.class, () -> session.deviceDeclines(NOW));
    }

    @Test
    void declineEndsItAndRepeatsChangeNothing() {
        RemoteAssistanceSession session = acknowledged();
        assertEquals(Outcome.ENDED, session.deviceDeclines(NOW));
        assertEquals(EndReason.DECLINED, session.endReason());
        assertEquals(Outcome.UNCHANGED, session.deviceDeclines(NOW));
        assertThrows(SessionStateException.class, () -> session.deviceAllows(NOW));
    }

    @Test
    void anEndedSessionNeverComesBack() {
        RemoteAssistanceSession session = acknowledged();
        session.adminStart(NOW);
        session.deviceAllows(NOW);
        assertEquals(Outcome.ENDED, session.end(EndReason.CONNECTION_LOST, NOW));

        assertEquals(Outcome.UNCHANGED, session.end(EndReason.COMPLETED, NOW));
        assertEquals(EndReason.CONNECTION_LOST, session.endReason());
        assertEquals(Outcome.UNCHANGED, session.expire(NOW));
        assertEquals(Outcome.UNCHANGED, session.acknowledge(PARTNER, NOW));
        assertEquals(Outcome.UNCHANGED, session.reject("PARTNER_REFUSED", null, NOW));
        SessionStateException e = assertThrows(SessionStateException.class, () -> session.adminStart(NOW));
        assertTrue(e.getMessage().contains("single-use"));
        assertEquals(SessionStatus.ENDED, session.status());
    }

    @Test
    void onlyUnacceptedSessionsExpire() {
        RemoteAssistanceSession requested = requested();
        assertEquals(Outcome.ENDED, requested.expire(NOW));
        assertEquals(SessionStatus.EXPIRED, requested.status());
        assertEquals(EndReason.EXPIRED, requested.endReason());

        RemoteAssistanceSession acknowledged = acknowledged();
        assertEquals(Outcome.ENDED, acknowledged.expire(NOW));

        RemoteAssistanceSession inProgress = acknowledged();
        inProgress.adminStart(NOW);
        inProgress.deviceAllows(NOW);
        assertEquals(Outcome.UNCHANGED, inProgress.expire(NOW));
        assertEquals(SessionStatus.IN_PROGRESS, inProgress.status());
    }

    @Test
    void lateEventsNeverMoveASessionBackwards() {
        RemoteAssistanceSession session = acknowledged();
        PartnerSession other = new PartnerSession("other", "s99-999-999", "a", "b", NOW);
        assertEquals(Outcome.UNCHANGED, session.acknowledge(other, NOW));
        assertEquals("s12-345-678", session.sessionCode());
        assertEquals(Outcome.UNCHANGED, session.reject("PARTNER_REFUSED", "late", NOW));
        assertEquals(SessionStatus.ACKNOWLEDGED, session.status());
        assertNull(session.rejectReason());
    }

    @Test
    void rejectionKeepsItsReason() {
        RemoteAssistanceSession session = requested();
        assertEquals(Outcome.RECORDED, session.reject("CONNECTOR_NOT_CONNECTED", "not connected", NOW));
        assertEquals(SessionStatus.REJECTED, session.status());
        assertEquals("CONNECTOR_NOT_CONNECTED", session.rejectReason());
        assertNotNull(session.endedAt());
        assertEquals(Outcome.UNCHANGED, session.end(EndReason.CANCELLED, NOW));
    }

    @Test
    void aSessionInProgressEndsAtItsTimeLimitAndNotBefore() {
        RemoteAssistanceSession session = acknowledged();
        session.adminStart(NOW);
        Instant started = NOW.plusSeconds(30);
        assertEquals(Outcome.STARTED, session.deviceAllows(started));
        assertEquals(started.plus(TERMS.maxDuration()), session.timeLimitAt());

        assertEquals(Outcome.UNCHANGED, session.reachTimeLimit(session.timeLimitAt().minusMillis(1)));
        assertEquals(SessionStatus.IN_PROGRESS, session.status());
        assertEquals(Outcome.ENDED, session.reachTimeLimit(session.timeLimitAt()));
        assertEquals(SessionStatus.ENDED, session.status());
        assertEquals(EndReason.TIME_LIMIT, session.endReason());
        assertEquals(Outcome.UNCHANGED, session.reachTimeLimit(session.timeLimitAt().plusSeconds(5)), "only once");
    }

    @Test
    void onlyASessionInProgressHasATimeLimitToReach() {
        RemoteAssistanceSession waiting = acknowledged();
        assertNull(waiting.timeLimitAt(), "the clock starts when the session does");
        assertEquals(Outcome.UNCHANGED, waiting.reachTimeLimit(NOW.plus(Duration.ofDays(2))));
        assertEquals(SessionStatus.ACKNOWLEDGED, waiting.status());
    }

    @Test
    void aTimeLimitIsWholeMinutesFromOneToADay() {
        assertEquals(Duration.ofMinutes(90), SessionTerms.of(90, Duration.ofHours(8), null, null, null, null).maxDuration());
        assertEquals(Duration.ofHours(8), SessionTerms.of(null, Duration.ofHours(8), null, null, null, null).maxDuration());
        for (Duration wrong : new Duration[] {Duration.ZERO, Duration.ofSeconds(59), Duration.ofMinutes(1441),
                Duration.ofSeconds(90)}) {
            assertThrows(IllegalArgumentException.class, () -> new SessionTerms(wrong), wrong.toString());
        }
    }

    @Test
    void theDeviceUserIsShownTheReasonOnlyWhenTheRequesterSaysSoAndGaveOne() {
        assertEquals("Outlook crashes", SessionTerms.of(null, Duration.ofHours(8), "Outlook crashes", null, true, null)
                .reasonForUser());
        assertNull(SessionTerms.of(null, Duration.ofHours(8), "Outlook crashes", "INC1", false, null).reasonForUser());
        assertThrows(IllegalArgumentException.class,
                () -> SessionTerms.of(null, Duration.ofHours(8), null, "INC1", true, null));
    }

    @Test
    void aNotifiedUnansweredSessionsNotificationIsResentAtMostAsOftenAsAllowed() {
        RemoteAssistanceSession session = acknowledged();
        assertThrows(SessionStateException.class, () -> session.resendNotification(2), "not notified yet");
        session.recordNotified(NOW);
        session.adminStart(NOW);
        assertEquals(1, session.resendNotification(2), "the admin's start is not the device user's answer");
        assertEquals(2, session.resendNotification(2));
        assertThrows(SessionStateException.class, () -> session.resendNotification(2));
        assertEquals(2, session.notificationResends());

        RemoteAssistanceSession allowed = acknowledged();
        allowed.recordNotified(NOW);
        allowed.deviceAllows(NOW);
        assertThrows(SessionStateException.class, () -> allowed.resendNotification(2));
        RemoteAssistanceSession declined = acknowledged();
        declined.recordNotified(NOW);
        declined.deviceDeclines(NOW);
        assertThrows(SessionStateException.class, () -> declined.resendNotification(2));
        assertThrows(SessionStateException.class, () -> requested().resendNotification(2));
    }

    @Test
    void callersMayOnlyGiveTheirOwnReasons() {
        assertTrue(EndReason.givenByCaller("CONNECTION_LOST").isPresent());
        assertTrue(EndReason.givenByCaller("DECLINED").isEmpty());
        assertTrue(EndReason.givenByCaller("EXPIRED").isEmpty());
        assertTrue(EndReason.givenByCaller("FAILED").isEmpty());
        assertTrue(EndReason.givenByCaller("TIME_LIMIT").isEmpty());
    }

    private static RemoteAssistanceSession requested() {
        return RemoteAssistanceSession.requested(UUID.randomUUID(), UUID.randomUUID(), "admin", NOW, TERMS, null);
    }

    private static RemoteAssistanceSession acknowledged() {
        RemoteAssistanceSession session = requested();
        session.acknowledge(PARTNER, NOW);
        return session;
    }
}
