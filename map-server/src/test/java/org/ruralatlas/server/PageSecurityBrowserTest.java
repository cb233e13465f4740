package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page under the server's Content-Security-Policy header, in headless Chromium: the header
 * is there (with nosniff and a referrer policy), the page's own scripts run (each leaves a mark
 * only a running script can), and the browser refused nothing. A policy that breaks a page, or a
 * page that grows an inline script, fails here.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageSecurityBrowserTest {

    @LocalServerPort
    int port;

    private Chromium chromium;

    @BeforeAll
    void start() throws IOException {
        chromium = new Chromium("1280,800", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
    }

    @AfterAll
    void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/|document.querySelector('.ol-viewport canvas')",
                "/planner.html|document.querySelector('.ol-viewport')",
                "/api.html|document.querySelector('.swagger-ui .info .title')",
                "/trace/ZONE|document.querySelector('#trace-map .ol-viewport')",
                "/ntm/survey/07330|document.querySelector('#survey') && window.performance.getEntriesByType('resource').some(r => r.name.endsWith('/survey.js'))",
                "/downloads?f=html|document.querySelector('h1')",
                "/stats/ntm?f=html|document.querySelector('h1')"
            })
    void everyPageRunsUnderThePolicyAndTheBrowserRefusesNothing(String path, String scriptsRan) {
        String target = path.replace("ZONE", zone());
        Http.Reply r = Http.get(url(target), "Accept", "text/html");
        assertThat(r.status()).as(target).isEqualTo(200);
        assertThat(r.header("Content-Security-Policy"))
                .as(target)
                .contains("script-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        chromium.console(); // what earlier pages logged
        chromium.browser().get(url(target));
        chromium.waitUntil(scriptsRan);
        List<String> refused = chromium.console().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
        assertThat(refused).as(target + ": what the browser refused").isEmpty();
    }

    private String zone() {
        return Http.get(url("/collections/zones/items?status=active&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("growing_area_code")
                .asString();
    }
}
