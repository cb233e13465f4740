package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium (chromium and chromium-driver, which scripts/test.sh installs) driven
 * by Selenium, with the flags a root CI needs and a fresh profile: the one way the browser tests
 * open pages.
 */
final class Chromium implements AutoCloseable {

    private static final String BINARY = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final ChromeDriver browser;
    private final Path profile;

    Chromium(String windowSize, String... extraArguments) throws IOException {
        for (String exe : List.of(BINARY, DRIVER)) {
            assertThat(new File(exe).canExecute())
                    .as(exe + " (Debian chromium, chromium-driver: scripts/test.sh installs them)")
                    .isTrue();
        }
        profile = Files.createTempDirectory("ruralatlas-chromium");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        List<String> arguments = new ArrayList<>(List.of(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=" + windowSize));
        arguments.addAll(List.of(extraArguments));
        options.addArguments(arguments);
        // the console, for what the browser refused (a Content-Security-Policy violation is logged there)
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    ChromeDriver browser() {
        return browser;
    }

    /**
     * A browser with a phone's screen, 360 × 640 CSS pixels at 2 device pixels each, as the viewer is built for: a
     * headless window is never narrower than 500, so the size is emulated rather than asked of the window.
     */
    static Chromium phone(String... extraArguments) throws IOException {
        Chromium chromium = new Chromium("360,640", extraArguments);
        chromium.screen(360, 640, 2, true);
        return chromium;
    }

    /** The page's screen from now on (CSS pixels), emulated through the DevTools protocol. */
    void screen(int width, int height, int scale, boolean mobile) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    /** The page's DOM once the page's scripts made {@code condition} (JavaScript) true. */
    String dom(String url, String condition) {
        browser.get(url);
        waitUntil(condition);
        return browser.getPageSource();
    }

    void waitUntil(String condition) {
        waitUntil(condition, Duration.ofSeconds(20));
    }

    /** Whether {@code condition} (JavaScript) became true within {@code time}. */
    boolean within(String condition, Duration time) {
        try {
            waitUntil(condition, time);
            return true;
        } catch (org.openqa.selenium.TimeoutException e) {
            return false;
        }
    }

    private void waitUntil(String condition, Duration time) {
        new WebDriverWait(browser, time, Duration.ofMillis(50))
                .withMessage(condition)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("try { return !!(" + condition + "); } catch (e) { return false; }")));
    }

    /** The console messages logged since the last call, as Chromium writes them. */
    List<String> console() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage())
                .toList();
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        service.stop();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
