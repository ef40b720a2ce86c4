package org.remoteassistance.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed's journey in two real browsers side by side, against the running system: an admin (English, a desk-sized
 * window) in the console, and the device's user (Spanish, a phone-sized window) in the Company Portal. Screenshots of
 * each step go to {@code target/screenshots}.
 */
class ConsoleJourneyIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void startSystem() {
        assumeTrue(Browser.available(), "Chromium and chromedriver are not installed (.ci/run installs them): "
                + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER);
        system = RunningSystem.get();
        api = new Api(system);
        api.connectConnector();
    }

    @Test
    void anAdminAndADeviceUserPlayTheSeedsJourneyInTheirBrowsers() {
        String label = "console-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String deviceId = api.knownDevices(label, 1, WAIT).get(0);
        String console = system.console();
        try (Browser admin = Browser.open(console, "en-US", 1280, 900, SCREENSHOTS);
                Browser device = Browser.open(console, "es-ES", 390, 844, SCREENSHOTS)) {
            signIn(admin, "ADMIN", "Alex Admin");
            signIn(device, "DEVICE", deviceId);

            // All devices → the device → … More → New remote assistance session → Yes
            admin.find("#search").sendKeys(label);
            admin.click("form.filters button[type=submit]");
            // the list the search answered (GET /devices?search=…), not the page it replaces, which may list the
            // device too: a link found there goes stale as the answer arrives
            admin.until(d -> {
                if (!d.getCurrentUrl().contains("search=" + label)) {
                    return null;
                }
                d.findElement(By.partialLinkText(label)).click();
                return true;
            });
            admin.awaitText("h1", label);
            admin.screenshot("01-admin-device-overview");
            assertAccessible(admin, "01-admin-device-overview");
            admin.click("details.menu summary");
            admin.click("#new-session");
            assertTrue(admin.text("form.confirm p").startsWith("Do you want to establish a remote session"));
            admin.screenshot("02-admin-confirm-new-session");
            assertAccessible(admin, "02-admin-confirm-new-session");
            admin.click("#confirm-yes");
            // acknowledged by TeamViewer without a reload: the pane refreshes itself
            admin.awaitText("#ra-status", "Ready");
            admin.screenshot("03-admin-session-acknowledged");
            assertAccessible(admin, "03-admin-session-acknowledged");

            // the device's Company Portal, in Spanish: the seed's notification, with the code
            device.awaitText(".notification h3", "Su administrador de TI solicita el control de este dispositivo");
            String code = device.text(".notification .code");
            assertTrue(code.matches("s\\d{2}-\\d{3}-\\d{3}"), code);
            assertEquals("1", device.text("#unread"));
            assertTrue(device.text(".notification .allow").contains("Permitir"));
            device.screenshot("04-device-portal-notified");
            assertAccessible(device, "04-device-portal-notified");

            // Start remote assistance: the supporter's link and the same code
            admin.click("#start");
            admin.awaitText("#session-code", code);
            assertTrue(admin.text("#started").contains("TeamViewer binary (Windows)"));
            assertTrue(admin.until(d -> d.findElement(By.cssSelector("#supporter-link")).getAttribute("href"))
                    .startsWith("https://"));
            admin.screenshot("05-admin-started");
            assertAccessible(admin, "05-admin-started");

            // the device user allows it; the admin sees it in progress, without a reload
            device.click(".notification .allow");
            device.awaitText(".notification .allowed", "Ha permitido esta sesión");
            admin.awaitText("#ra-status", "In progress");

            // the connection is lost: the admin ends the session; the old notification is no longer actionable
            admin.until(d -> { // one go: the pane refreshes itself, though not while the admin is using it
                new Select(d.findElement(By.cssSelector("#reason"))).selectByValue("CONNECTION_LOST");
                d.findElement(By.cssSelector("#end")).click();
                return true;
            });
            admin.awaitText("#ra-status", "Ended");
            device.awaitText(".notification .ended", "ya no se puede responder");
            device.screenshot("06-device-old-notification-ended");
            assertAccessible(device, "06-device-old-notification-ended");

            // the device is reported not compliant: its overview says so, and a new session needs the admin to confirm
            api.expect(200, "PUT", "device", "/api/devices/" + deviceId + "/compliance",
                    Map.of("state", "NONCOMPLIANT"));
            admin.go("/devices/" + deviceId);
            admin.awaitText("#compliance", "Not compliant");

            // a new session, with a ticket and a reason the device user is shown: a new code, and a new notification
            // arrives on the open portal without a reload, saying why
            admin.click("details.menu summary");
            admin.click("#new-session");
            assertTrue(admin.text("#noncompliant-warning").contains("compliance policies"));
            admin.click("#acknowledge-noncompliant");
            admin.click("details.terms summary");
            admin.find("#request-reason").sendKeys("La impresora no imprime");
            admin.click("#show-reason");
            admin.find("#ticket-id").sendKeys("INC-77");
            admin.find("#max-duration").sendKeys("60");
            admin.screenshot("07-admin-new-session-terms");
            assertAccessible(admin, "07-admin-new-session-terms");
            admin.click("#confirm-yes");
            admin.awaitText("#ra-status", "Ready");
            admin.awaitText("#session-terms", "INC-77");
            device.until(d -> d.findElements(By.cssSelector(".notification")).size() == 2
                    && !d.findElements(By.cssSelector(".notification:first-of-type .allow")).isEmpty());
            String newCode = device.text(".notification .code");
            assertNotEquals(code, newCode, "a new single-use code");
            assertTrue(device.text(".notification .reason").contains("La impresora no imprime"));
            device.screenshot("08-device-new-notification");
            assertAccessible(device, "08-device-new-notification");

            // the device user has not answered: the admin resends the notification; the portal shows it anew, still
            // two notifications, with the same code
            String firstNotification = device.until(d -> d.findElement(By.cssSelector(".notification"))
                    .getAttribute("id"));
            admin.until(d -> { // once the device was notified the button is there; the pane refreshes itself
                d.findElement(By.cssSelector("#resend")).click();
                return true;
            });
            device.until(d -> !firstNotification.equals(d.findElement(By.cssSelector(".notification"))
                    .getAttribute("id")) && d.findElements(By.cssSelector(".notification")).size() == 2);
            assertEquals(newCode, device.text(".notification .code"));

            // refusals in words a person understands: a second session while one is open
            admin.go("/devices/" + deviceId + "/new-session");
            admin.click("#acknowledge-noncompliant"); // still not compliant: the form asks again
            admin.click("#confirm-yes");
            admin.awaitText("#refusal", "already has an open remote assistance session");
            admin.screenshot("09-admin-refused-open-session");
            assertAccessible(admin, "09-admin-refused-open-session");

            // the admin's audit trail of the device names who did what
            admin.go("/devices/" + deviceId);
            admin.awaitText("table.audit", "Alex Admin");
            assertTrue(admin.text("table.audit").contains("REQUESTED"));

            // the connector page: a token TeamViewer refuses is a sentence, and no token is ever shown
            admin.click("a[href='/connector']");
            admin.awaitText("#connector-state", "Connected");
            admin.find("#apiToken").sendKeys("not-the-teamviewer-token");
            admin.click("#connect");
            admin.awaitText("#refusal", "TeamViewer refused this token");
            assertFalse(admin.driver.getPageSource().contains("not-the-teamviewer-token"));
            admin.screenshot("10-admin-connector-token-refused");
            assertAccessible(admin, "10-admin-connector-token-refused");

            // a device user reaches only their own Company Portal
            device.go("/devices/" + deviceId);
            device.awaitText(".refusal", "no está disponible");
            device.go("/devices");
            device.awaitText(".refusal", "no está disponible");
            device.go("/connector");
            device.awaitText(".refusal", "no está disponible");

            // the console stops at once with a Company Portal open, its stream relayed (the page reconnects to the
            // next instance), instead of holding its shutdown for the relay's worker thread
            device.go("/portal");
            device.awaitText("#notifications-title", "");
            RunningSystem.pause(1_000); // the page's EventSource connects once it is loaded; nothing shows when
            Duration took = system.terminate("console");
            system.restart("console");
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the console took " + took + " to stop");
        } finally {
            api.connectConnector(); // whatever the refused token did, the next tests find it connected
        }
    }

    /** A help desk signed in with a scope tag finds only the devices that carry it; another is "not available". */
    @Test
    void aScopedHelpDeskFindsOnlyTheDevicesOfItsScope() {
        String label = "scoped-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        String scope = "emea-" + label;
        String inside = api.registerDevice(label, List.of(scope));
        String outside = api.registerDevice(label, List.of("apac"));
        try (Browser desk = Browser.open(system.console(), "en-US", 1280, 900, SCREENSHOTS)) {
            desk.go("/sign-in");
            desk.click("input[name=role][value=HELPDESK]");
            desk.find("#name").sendKeys("Hana Help");
            desk.find("#scopes").sendKeys(scope);
            desk.click("form.signin button[type=submit]");
            desk.until(d -> !d.getCurrentUrl().endsWith("/sign-in"));
            assertTrue(desk.text("header .who").endsWith("Help desk · Scopes: " + scope), desk.text("header .who"));

            desk.go("/devices?search=" + label);
            desk.awaitText("main", "1 devices");
            String listed = desk.text("main");
            assertTrue(listed.contains(deviceName(inside)) && !listed.contains(deviceName(outside)), listed);
            desk.screenshot("20-scoped-help-desk-devices");
            assertAccessible(desk, "20-scoped-help-desk-devices");

            desk.go("/devices/" + outside);
            desk.awaitText("main", "This device does not exist, or it is not available to you.");
        }
    }

    /** The audit itself runs and finds what it should: an image without a text alternative is a critical violation. */
    @Test
    void theAccessibilityAuditFindsAViolationWhereThereIsOne() {
        try (Browser browser = Browser.open(system.console(), "en-US", 800, 600, SCREENSHOTS)) {
            browser.driver.get("data:text/html,<html lang=en><head><title>broken</title></head><body><main>"
                    + "<img src=x.png></main></body></html>");
            List<String> violations = browser.seriousAccessibilityViolations();
            assertTrue(violations.stream().anyMatch(violation -> violation.startsWith("image-alt:")),
                    violations.toString());
        }
    }

    private static String deviceName(String deviceId) {
        return api.expect(200, "GET", "device", "/api/devices/" + deviceId, null).get("name");
    }

    /** No serious or critical violation of axe-core's rules on the page as the person sees it now. */
    private static void assertAccessible(Browser browser, String page) {
        assertEquals(java.util.List.of(), browser.seriousAccessibilityViolations(), "accessibility of " + page);
    }

    private static void signIn(Browser browser, String role, String nameOrDevice) {
        browser.go("/sign-in");
        assertAccessible(browser, "sign-in (" + role + ")");
        browser.click("input[name=role][value=" + role + "]");
        browser.find("DEVICE".equals(role) ? "#deviceId" : "#name").sendKeys(nameOrDevice);
        browser.click("form.signin button[type=submit]");
        browser.until(d -> !d.getCurrentUrl().endsWith("/sign-in"));
    }
}
