package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page a person opens, checked by axe-core (the npm package's webjar, injected into the page
 * in headless Chromium once the page's scripts have run): no serious or critical violation, in
 * Vietnamese and in English. The experimental rule that a control's accessible name contains its
 * visible text (label-content-name-mismatch: "EN" named "English") is switched on. The same
 * context as {@link NtmBrowserTest}, so no second start.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.surveys.per-ip-per-hour=5",
            "ruralatlas.surveys.trusted-proxies=127.0.0.1"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {

    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    @LocalServerPort
    int port;

    private Chromium chromium;
    private ChromeDriver browser;
    private String axe;

    @BeforeAll
    void start() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as(AXE + " (org.webjars.npm:axe-core, test scope)").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        chromium = new Chromium("1280,800", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        browser = chromium.browser();
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The page's path ({ZONE} and {COMMUNE} filled from the data) and what says its scripts are done. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/|document.body.getAttribute('data-ready') === 'true'",
                "/?lang=en|document.body.getAttribute('data-ready') === 'true'",
                "/planner.html|document.body.getAttribute('data-ready') === 'true' && document.querySelectorAll('#provinces tbody tr').length > 0",
                "/planner.html?lang=en|document.body.getAttribute('data-ready') === 'true' && document.querySelectorAll('#provinces tbody tr').length > 0",
                "/downloads|true",
                "/downloads?lang=en|true",
                "/trace/{ZONE}|document.querySelector('#trace-map .ol-viewport')",
                "/trace/{ZONE}?lang=en|document.querySelector('#trace-map .ol-viewport')",
                "/ntm/survey/{COMMUNE}|true",
                "/ntm/survey/{COMMUNE}?lang=en|true",
                "/stats/ntm?f=html|true",
                "/stats/ntm?f=html&lang=en|true",
                "/ntm/criteria-sets?f=html|true",
                "/ntm/criteria-sets?f=html&lang=en|true",
                "/collections/communes/items?f=html&limit=20|true",
                "/collections/tourism/items?f=html&limit=20&lang=en|true",
                "/collections/nope|true",
                "/ntm/communes/99999?lang=en|true"
            })
    void hasNoSeriousOrCriticalViolation(String path, String ready) {
        String page = url(path.replace("{ZONE}", zone()).replace("{COMMUNE}", commune()));
        browser.get("about:blank");
        browser.get(page);
        chromium.waitUntil("document.readyState === 'complete' && (" + ready + ")");
        assertThat(browser.executeScript("return document.querySelectorAll('main').length;"))
                .as(path + ": one <main>")
                .isEqualTo(1L);
        assertThat(seriousViolations()).as(path).isEmpty();
    }

    /** The check itself can fail: a page with an image without text and an unnamed button has critical violations. */
    @org.junit.jupiter.api.Test
    void theCheckSeesViolations() {
        browser.get(url("/downloads"));
        browser.executeScript(
                "document.body.insertAdjacentHTML('beforeend', '<img src=\\'x.png\\'><button></button>');");
        assertThat(String.join("\n", seriousViolations())).contains("critical image-alt", "critical button-name");
    }

    /** axe-core's serious and critical violations on the page now, one line each. */
    private List<String> seriousViolations() {
        browser.executeScript(axe);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "axe.run(document, { rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] })"
                        + ".then(function (r) { done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                        + ".map(function (v) { return { id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' ' + n.html.slice(0, 160); }) }; })); },"
                        + " function (e) { done([{ id: 'axe-failed', help: String(e) }]); });");
        List<String> described = new ArrayList<>();
        violations.forEach(
                v -> described.add(v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " " + v.get("nodes")));
        return described;
    }

    private String zone;
    private String commune;

    private String zone() {
        if (zone == null) {
            zone = Http.get(url("/collections/zones/items?status=active&limit=1"))
                    .json()
                    .get("features")
                    .get(0)
                    .get("properties")
                    .get("growing_area_code")
                    .asString();
        }
        return zone;
    }

    private String commune() {
        if (commune == null) {
            commune = Http.get(url("/collections/communes/items?unit_type=xa&province_code=20&limit=1"))
                    .json()
                    .get("features")
                    .get(0)
                    .get("properties")
                    .get("code")
                    .asString();
        }
        return commune;
    }
}
