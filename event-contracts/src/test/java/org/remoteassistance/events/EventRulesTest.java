package org.remoteassistance.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract's verdict on an event's content, as every consumer gets it from {@link CloudEventCodec#decode}: one
 * test per rule, each judged at a fixed {@link #NOW}.
 */
class EventRulesTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final UUID SESSION = UUID.randomUUID();
    static final UUID DEVICE = UUID.randomUUID();

    // --- SessionRequested: what the attack used

    @Test
    void aRequesterOfUpTo255CharactersIsAcceptedAndOneLongerIsRefused() {
        assertDoesNotThrow(() -> requested("a".repeat(255), NOW).validate(NOW));
        assertRefused("data.requestedBy is longer than 255", requested("a".repeat(256), NOW));
        assertRefused("data.requestedBy is longer than 255", requested("a".repeat(300), NOW));
        assertRefused("data.requestedBy is longer than 255", requested("a".repeat(900 * 1024), NOW));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"000D", "000A", "0009", "0000", "001B", "007F", "0085", "2028", "2029", "202E", "202D",
            "2066", "2067", "2068", "2069", "200E", "200F", "061C", "200B", "200C", "200D", "2060", "FEFF", "D800",
            "DFFF", "003C", "003E"})
    void aRequesterWithAControlInvisibleBidiMarkupCharacterOrLoneSurrogateIsRefused(String codeUnit) {
        char c = (char) Integer.parseInt(codeUnit, 16);
        assertRefused("data.requestedBy must not contain", requested("admin" + c + "x", NOW));
    }

    @Test
    void aForgedAuditLineIsRefused() {
        assertRefused("data.requestedBy", requested("admin\r\n2026-11-25 INFO actor=root", NOW));
    }

    @Test
    void namesInAnyScriptWithPairedSurrogatesAreAccepted() {
        for (String name : new String[] {"ana@example.com", "José Núñez", "Łukasz", "山田太郎", "مريم", "Jane 😀 Doe",
                "O'Brien & Sons", "svc:helpdesk/portal"}) {
            assertDoesNotThrow(() -> requested(name, NOW).validate(NOW), name);
        }
    }

    @Test
    void aRequestDatedMoreThanTheClockSkewAheadIsRefused() {
        assertDoesNotThrow(() -> requested("admin", NOW.plus(EventRules.CLOCK_SKEW)).validate(NOW));
        assertRefused("data.requestedAt", requested("admin", NOW.plus(EventRules.CLOCK_SKEW).plusSeconds(1)));
        assertRefused("is in the future", requested("admin", NOW.plus(Duration.ofDays(3650))));
        assertDoesNotThrow(() -> requested("admin", NOW.minus(Duration.ofDays(365))).validate(NOW));
    }

    @Test
    void aTimeLimitFromOneMinuteToADayIsAcceptedAndNoneOutside() {
        for (int minutes : new int[] {1, 60, 1440}) {
            assertDoesNotThrow(() -> new SessionRequested(SESSION, DEVICE, "admin", NOW, minutes, null, null, null, null)
                    .validate(NOW));
        }
        assertDoesNotThrow(() -> new SessionRequested(SESSION, DEVICE, "admin", NOW).validate(NOW),
                "absent: the default");
        for (int minutes : new int[] {0, -5, 1441, Integer.MAX_VALUE}) {
            assertRefused("data.maxDurationMinutes must be from 1 to 1440",
                    new SessionRequested(SESSION, DEVICE, "admin", NOW, minutes, null, null, null, null));
        }
    }

    @Test
    void aReasonAndATicketArePlainTextOfBoundedLength() {
        assertDoesNotThrow(() -> new SessionRequested(SESSION, DEVICE, "admin", NOW, null, "r".repeat(500),
                "INC0012345", true, null).validate(NOW));
        assertRefused("data.reason is longer than 500", new SessionRequested(SESSION, DEVICE, "admin", NOW, null,
                "r".repeat(501), null, null, null));
        assertRefused("data.reason must not contain", new SessionRequested(SESSION, DEVICE, "admin", NOW, null,
                "printer <script>", null, null, null));
        assertRefused("data.ticketId is longer than 64", new SessionRequested(SESSION, DEVICE, "admin", NOW, null,
                null, "T".repeat(65), null, null));
        assertRefused("data.ticketId must not contain", new SessionRequested(SESSION, DEVICE, "admin", NOW, null,
                null, "INC1\n2", null, null));
    }

    @Test
    void theReasonIsShownToTheDeviceUserOnlyWhenAskedAndOnlyIfThereIsOne() {
        assertRefused("data.showReasonToUser needs a reason", new SessionRequested(SESSION, DEVICE, "admin", NOW,
                null, null, null, true, null));
        assertEquals("Printer queue stuck", new SessionRequested(SESSION, DEVICE, "admin", NOW, null,
                "Printer queue stuck", null, true, null).reasonForUser());
        assertNull(new SessionRequested(SESSION, DEVICE, "admin", NOW, null, "Printer queue stuck", null, false, null)
                .reasonForUser());
        assertNull(new SessionRequested(SESSION, DEVICE, "admin", NOW, null, "Printer queue stuck", null, null, null)
                .reasonForUser());
    }

    @Test
    void theRequestersScopeIsAListOfScopeTags() {
        assertDoesNotThrow(() -> scoped(List.of("emea", "hq.berlin")).validate(NOW));
        assertDoesNotThrow(() -> scoped(List.of()).validate(NOW), "a scope of no devices is still a scope");
        assertRefused("data.requesterScopeTags tags are 1 to 64", scoped(List.of("emea", "not a tag")));
        assertRefused("data.requesterScopeTags has more than 200 tags",
                scoped(IntStream.rangeClosed(0, 200).mapToObj(i -> "t" + i).toList()));
    }

    private static SessionRequested scoped(List<String> tags) {
        return new SessionRequested(SESSION, DEVICE, "helpdesk", NOW, null, null, null, null, null, tags);
    }

    @Test
    void aResendNamesItsSessionAndWhichResendItIs() {
        assertDoesNotThrow(() -> new NotificationResendRequested(SESSION, DEVICE, "admin", 1, NOW).validate(NOW));
        assertRefused("data.resend must be from 1 to 100",
                new NotificationResendRequested(SESSION, DEVICE, "admin", 0, NOW));
        assertRefused("data.requestedBy", new NotificationResendRequested(SESSION, DEVICE, " ", 1, NOW));
        assertRefused("data.deviceId is missing", new NotificationResendRequested(SESSION, null, "admin", 1, NOW));
    }

    @Test
    void aComplianceStateIsOneOfThree() {
        Instant at = NOW.minusSeconds(1);
        assertDoesNotThrow(() -> new DeviceComplianceChanged(DEVICE, "NONCOMPLIANT", at, "Disk not encrypted")
                .validate(NOW));
        assertRefused("data.compliance must be one of COMPLIANT, NONCOMPLIANT, UNKNOWN",
                new DeviceComplianceChanged(DEVICE, "GREEN", at, null));
        assertRefused("data.changedAt", new DeviceComplianceChanged(DEVICE, "COMPLIANT", NOW.plusSeconds(3600), null));
        assertRefused("data.compliance must be one of", new DeviceSnapshot(DEVICE, "Laptop", "WINDOWS", "11", null,
                null, false, at, "green"));
        assertDoesNotThrow(() -> new DeviceSnapshot(DEVICE, "Laptop", "WINDOWS", "11", null, null, false, at,
                "COMPLIANT").validate(NOW));
    }

    @Test
    void scopeTagsAreShortWordsAndNotTooMany() {
        Instant at = NOW.minusSeconds(1);
        assertDoesNotThrow(() -> new DeviceSnapshot(DEVICE, "Laptop", "WINDOWS", "11", null, null, false, at, null,
                java.util.List.of("emea", "finance.paris", "T_1-2")).validate(NOW));
        assertRefused("data.scopeTags tags are 1 to 64", new DeviceSnapshot(DEVICE, "Laptop", "WINDOWS", "11", null,
                null, false, at, null, java.util.List.of("emea", "with space")));
        assertRefused("data.scopeTags has more than 20", new DeviceSnapshot(DEVICE, "Laptop", "WINDOWS", "11", null,
                null, false, at, null, java.util.Collections.nCopies(21, "emea")));
    }

    // --- SessionAcknowledged

    @Test
    void anAcknowledgementCarriesACodeOfCodeCharactersAndHttpLinks() {
        assertDoesNotThrow(() -> acknowledged("s12-345-678", "https://start.teamviewer.com/s12345678").validate(NOW));
        assertRefused("data.sessionCode", acknowledged("c".repeat(65), "https://a.example/x"));
        assertRefused("data.sessionCode", acknowledged("s12 345", "https://a.example/x"));
        assertRefused("data.sessionCode", acknowledged("<b>1</b>", "https://a.example/x"));
        assertRefused("data.sessionCode", acknowledged("-12", "https://a.example/x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://host/x",
            "/relative/path", "https:///no-host", "https://host/\r\nX-Injected: 1", "https://host/\u202Egnp.exe",
            "not a url"})
    void aLinkThatIsNotAnAbsoluteHttpUrlWithAHostIsRefused(String link) {
        assertRefused("data.supporterLink", acknowledged("s12-345-678", link));
    }

    @Test
    void aLinkLongerThan2048IsRefused() {
        String base = "https://host.example/";
        assertDoesNotThrow(() -> acknowledged("s1", base + "a".repeat(2048 - base.length())).validate(NOW));
        assertRefused("data.supporterLink is longer than 2048",
                acknowledged("s1", base + "a".repeat(2049 - base.length())));
    }

    @Test
    void aPartnerNameIsShortPlainText() {
        assertRefused("data.partner", new SessionAcknowledged(SESSION, DEVICE, "p".repeat(65), "s1",
                "https://a.example", "https://b.example", NOW));
        assertRefused("data.partner", new SessionAcknowledged(SESSION, DEVICE, "team\nviewer", "s1",
                "https://a.example", "https://b.example", NOW));
    }

    @Test
    void validUntilMayLieInTheFuture() {
        assertDoesNotThrow(() -> new SessionAcknowledged(SESSION, DEVICE, "teamviewer", "s1", "https://a.example",
                "https://b.example", NOW.plus(Duration.ofDays(1))).validate(NOW));
    }

    // --- enum-like fields take only the contract's values

    @Test
    void rejectionsTakeOnlyTheContractsReasonsAndPlainDetail() {
        for (String reason : EventRules.REJECT_REASONS) {
            assertDoesNotThrow(() -> new SessionRejected(SESSION, DEVICE, reason, null, NOW).validate(NOW));
        }
        assertRefused("data.reason must be one of CONNECTOR_NOT_CONNECTED",
                new SessionRejected(SESSION, DEVICE, "<script>alert(1)</script>", null, NOW));
        assertRefused("data.reason", new SessionRejected(SESSION, DEVICE, "partner_refused", null, NOW));
        assertRefused("data.detail is longer than 1024",
                new SessionRejected(SESSION, DEVICE, "PARTNER_REFUSED", "d".repeat(1025), NOW));
        assertRefused("data.detail", new SessionRejected(SESSION, DEVICE, "PARTNER_REFUSED", "a\nb", NOW));
        assertRefused("data.rejectedAt", new SessionRejected(SESSION, DEVICE, "PARTNER_REFUSED", null,
                NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void endsTakeOnlyTheContractsStatusesAndReasons() {
        assertDoesNotThrow(() -> new SessionEnded(SESSION, DEVICE, "EXPIRED", "EXPIRED", NOW).validate(NOW));
        assertRefused("data.status must be one of ENDED, EXPIRED, not 'IN_PROGRESS'",
                new SessionEnded(SESSION, DEVICE, "IN_PROGRESS", "COMPLETED", NOW));
        assertRefused("data.reason", new SessionEnded(SESSION, DEVICE, "ENDED", "BORED", NOW));
        assertRefused("data.endedAt", new SessionEnded(SESSION, DEVICE, "ENDED", "COMPLETED",
                NOW.plus(Duration.ofHours(1))));
    }

    @Test
    void devicesTakeOnlyTheContractsPlatformsAndDeviceSizedText() {
        for (String platform : EventRules.PLATFORMS) {
            assertDoesNotThrow(() -> device(platform, "Desk 12", false, NOW).validate(NOW));
        }
        assertRefused("data.platform", device("TOASTER", "Desk", false, NOW));
        assertRefused("data.platform", device("windows", "Desk", false, NOW));
        assertRefused("data.name is longer than 200", device("LINUX", "n".repeat(201), false, NOW));
        assertRefused("data.name", device("LINUX", "Desk\n2026-11-25 INFO forged", false, NOW));
        assertRefused("data.changedAt", device("LINUX", "Desk", false, NOW.plus(Duration.ofDays(365))));
    }

    @Test
    void aDeviceSnapshotMustSayWhatItsTypeSays() {
        Map<String, String> headers = new HashMap<>(headers(EventType.DEVICE_RETIRED));
        String notRetired = CloudEventCodec.dataJson(device("MACOS", "Desk", false, NOW));
        assertRefused("DeviceRetired with data.retired false",
                () -> CloudEventCodec.decode(EventType.DEVICE_RETIRED, headers, notRetired, NOW));
        String retired = CloudEventCodec.dataJson(device("MACOS", "Desk", true, NOW));
        assertRefused("DeviceRegistered with data.retired true", () -> CloudEventCodec.decode(
                EventType.DEVICE_REGISTERED, headers(EventType.DEVICE_REGISTERED), retired, NOW));
        assertTrue(CloudEventCodec.decode(EventType.DEVICE_RETIRED, headers, retired, NOW).data().retired());
    }

    @Test
    void notificationsCarryAShortChannelAndHappenedTimes() {
        assertRefused("data.channel", new NotificationIssued(UUID.randomUUID(), SESSION, DEVICE, "C".repeat(65),
                "hello", NOW));
        assertRefused("data.message", new NotificationIssued(UUID.randomUUID(), SESSION, DEVICE, "COMPANY_PORTAL",
                "m".repeat(1025), NOW));
        assertRefused("data.issuedAt", new NotificationIssued(UUID.randomUUID(), SESSION, DEVICE, "COMPANY_PORTAL",
                "hello", NOW.plus(Duration.ofDays(1))));
        assertRefused("data.startedAt", new SessionStarted(SESSION, DEVICE, NOW.plus(Duration.ofDays(1))));
    }

    // --- the CloudEvents attributes and the record itself, as decode judges them

    @Test
    void decodingIsTheVerdict() {
        SessionRequested bad = requested("a".repeat(300), NOW);
        assertRefused("data.requestedBy", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                headers(EventType.SESSION_REQUESTED), CloudEventCodec.dataJson(bad), NOW));
        SessionRequested good = requested("admin", NOW);
        assertEquals(good, CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers(EventType.SESSION_REQUESTED),
                CloudEventCodec.dataJson(good), NOW).data());
    }

    @Test
    void aLoneSurrogateEscapedInJsonIsRefused() {
        String json = "{\"sessionId\":\"" + SESSION + "\",\"deviceId\":\"" + DEVICE
                + "\",\"requestedBy\":\"admin\\ud800\",\"requestedAt\":\"" + NOW + "\"}";
        assertRefused("data.requestedBy", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                headers(EventType.SESSION_REQUESTED), json, NOW));
    }

    @Test
    void aRecordLargerThan64KiBIsRefusedBeforeItIsParsed() {
        String huge = "{\"padding\":\"" + "x".repeat(EventRules.MAX_EVENT_CHARS) + "\"}";
        assertRefused("larger than 65536", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED,
                headers(EventType.SESSION_REQUESTED), huge, NOW));
    }

    @Test
    void anEventTimeInTheFutureIsRefused() {
        Map<String, String> headers = new HashMap<>(headers(EventType.SESSION_REQUESTED));
        headers.put(CloudEventCodec.HEADER_TIME, NOW.plus(Duration.ofHours(1)).toString());
        assertRefused("attribute time", () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers,
                CloudEventCodec.dataJson(requested("admin", NOW)), NOW));
    }

    @Test
    void theSourceAndIdAreShortPlainText() {
        String data = CloudEventCodec.dataJson(requested("admin", NOW));
        for (Function<Map<String, String>, Map<String, String>> spoil : java.util.List.<Function<Map<String, String>,
                Map<String, String>>>of(
                        h -> with(h, CloudEventCodec.HEADER_SOURCE, "/portal\r\nactor=root"),
                        h -> with(h, CloudEventCodec.HEADER_SOURCE, "/" + "s".repeat(255)),
                        h -> with(h, CloudEventCodec.HEADER_SOURCE, "/<img src=x>"),
                        h -> with(h, CloudEventCodec.HEADER_ID, "i".repeat(256)),
                        h -> with(h, CloudEventCodec.HEADER_ID, "id\u0000"))) {
            Map<String, String> headers = spoil.apply(headers(EventType.SESSION_REQUESTED));
            assertRefused("CloudEvents attribute",
                    () -> CloudEventCodec.decode(EventType.SESSION_REQUESTED, headers, data, NOW));
        }
    }

    @Test
    void aReasonNeverCarriesTheControlCharactersItQuotes() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> new SessionEnded(SESSION, DEVICE, "ENDED\r\nINFO forged", "COMPLETED", NOW).validate(NOW));
        assertFalse(e.getMessage().matches("(?s).*[\\r\\n].*"), e.getMessage());
        assertTrue(e.getMessage().length() <= 500);
    }

    // --- publishers fit outside words to the contract

    @Test
    void fitMakesOutsideTextValid() {
        String partnerSaid = "<html>\r\nBad gateway\u202E" + "x".repeat(2000);
        String fitted = EventRules.fit(partnerSaid, EventRules.MAX_DETAIL);
        assertDoesNotThrow(() -> new SessionRejected(SESSION, DEVICE, "PARTNER_REFUSED", fitted, NOW).validate(NOW));
        assertEquals(EventRules.MAX_DETAIL, fitted.length());
        assertEquals("😀", EventRules.fit("😀", 2), "a pair that fits is kept");
        assertEquals("a…", EventRules.fit("a😀b", 3), "a pair is never cut in two");
    }

    // --- helpers

    private static SessionRequested requested(String requestedBy, Instant requestedAt) {
        return new SessionRequested(SESSION, DEVICE, requestedBy, requestedAt);
    }

    private static SessionAcknowledged acknowledged(String code, String supporterLink) {
        return new SessionAcknowledged(SESSION, DEVICE, "teamviewer", code, supporterLink,
                "https://get.teamviewer.com/s12345678", NOW.plus(Duration.ofHours(1)));
    }

    private static DeviceSnapshot device(String platform, String name, boolean retired, Instant changedAt) {
        return new DeviceSnapshot(DEVICE, name, platform, "11", "SN-1", "ana@example.com", retired, changedAt);
    }

    private static Map<String, String> headers(EventType<?> type) {
        Map<String, String> headers = new HashMap<>();
        headers.put(CloudEventCodec.HEADER_SPEC_VERSION, CloudEventCodec.SPEC_VERSION);
        headers.put(CloudEventCodec.HEADER_ID, UUID.randomUUID().toString());
        headers.put(CloudEventCodec.HEADER_TYPE, type.name());
        headers.put(CloudEventCodec.HEADER_SOURCE, "/rules-test");
        headers.put(CloudEventCodec.HEADER_TIME, NOW.toString());
        return headers;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> changed = new HashMap<>(headers);
        changed.put(name, value);
        return changed;
    }

    private static void assertRefused(String reason, EventData data) {
        assertRefused(reason, () -> data.validate(NOW));
    }

    private static void assertRefused(String reason, Runnable check) {
        InvalidEventException e = assertThrows(InvalidEventException.class, check::run);
        assertTrue(e.getMessage().contains(reason), "expected '" + reason + "' in: " + e.getMessage());
    }
}
