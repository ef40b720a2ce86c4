package org.remoteassistance.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at a browser: Debian's Chromium, headless, driven through its chromedriver (Selenium), in the language and
 * on the screen size given. Nothing is downloaded: {@link #available()} says whether both are installed.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    static final Duration WAIT = Duration.ofSeconds(60);

    private static final String AXE = axe();

    final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    private Browser(ChromeDriver driver, String base, Path screenshots) {
        this.driver = driver;
        this.base = base;
        this.screenshots = screenshots;
    }

    private static String axe() {
        try (var script = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            if (script == null) {
                throw new IllegalStateException("axe-core's WebJar is not on the test class path");
            }
            return new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser whose preferred language is {@code language}, on a window of {@code width} x {@code height}. */
    static Browser open(String base, String language, int width, int height, Path screenshots) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the machine's network is closed: no background calls to Google, no updates, no first-run pages
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--lang=" + language, "--accept-lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Browser(driver, base, screenshots);
    }

    void go(String path) {
        driver.get(base + path);
    }

    /** The element; parts of a page are replaced while they refresh, so callers read it at once. */
    WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    /** The element's text, read again if the element was replaced meanwhile. */
    String text(String css) {
        return until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /** Clicks the element, found again if it was replaced (a refreshing pane) between finding and clicking. */
    void click(String css) {
        until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** Waits until the element is there and its text contains {@code text}; returns its text. */
    String awaitText(String css, String text) {
        return until(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text) ? found.get(0).getText() : null;
        });
    }

    /** Waits for the condition; when it never holds, the page as it was is kept (screenshot and HTML) for the report. */
    <T> T until(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failed-" + System.currentTimeMillis();
            screenshot(name);
            try {
                Files.writeString(screenshots.resolve(name + ".html"), driver.getPageSource());
            } catch (IOException ignored) {
                // the screenshot is there
            }
            throw new AssertionError("waited " + WAIT + " on " + driver.getCurrentUrl() + " (see " + name + ".png)", e);
        }
    }

    /**
     * The accessibility audit (axe-core) of the page as it is: its serious and critical violations, each as
     * {@code rule: help (n elements)}. Empty is what every page must give.
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        driver.executeScript(AXE);
        Object found = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, { resultTypes: ['violations'] }).then(function (result) {"
                + "  done(result.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.id + ': ' + v.help + ' (' + v.nodes.length + ' element(s): '"
                + "      + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ') + ')'; }));"
                + "}).catch(function (e) { done(['axe did not run: ' + e]); });");
        return (List<String>) found;
    }

    /** The page as the person sees it, under target/ for the README and for a failed run. */
    void screenshot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
