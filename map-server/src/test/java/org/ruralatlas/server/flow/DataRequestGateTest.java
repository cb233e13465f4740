package org.ruralatlas.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.server.ogcapi.ErrorPages;
import org.ruralatlas.server.ogcapi.PageConfiguration;
import org.ruralatlas.server.ogcapi.Pages;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The admission turnstile decides on the path as routing sees it: every spelling of a data request
 * queues; a request it turns away gets 503 with Retry-After, as a page when a browser asks for HTML.
 */
class DataRequestGateTest {

    final DataRequestGate gate = new DataRequestGate(
            new FlowProperties(1, Duration.ofMillis(100), 1),
            new ErrorPages(new Pages(TemplateEngine.createPrecompiled(ContentType.Html), PageConfiguration.labels())));

    @ParameterizedTest
    @CsvSource({
        "GET,/collections/farms/items,true",
        "GET,/%63ollections/farms/items,true",
        "GET,/collections/farm%73/items,true",
        "GET,/COLLECTIONS/farms/items,false",
        "HEAD,/%63ollections/farms,true",
        "GET,/collections/farms,true",
        "GET,/collections,false",
        "GET,/collections/farms/tiles/WebMercatorQuad/5/14/25,false",
        "GET,/collections/farms/%74iles/WebMercatorQuad/5/14/25,false",
        "POST,/collections/farms/items,false",
        "GET,/downloads/farms.csv,false",
        "GET,/ntm/communes,true",
        "GET,/%6etm/communes,true",
        "GET,/ntm/commune%73,true",
        "HEAD,/ntm/communes,true",
        "GET,/ntm/communes/07330,false",
        "GET,/search,true",
        "GET,/%73earch,true",
        "GET,/searches,false"
    })
    void queuesEverySpellingOfADataRequest(String method, String uri, boolean queued) {
        assertThat(gate.shouldNotFilter(new MockHttpServletRequest(method, uri)))
                .isEqualTo(!queued);
    }

    /**
     * Searches wait in a turnstile of their own: a search running leaves the pages' permit free
     * and turns the next search away, and a page running lets a search through.
     */
    @Test
    void searchesQueueInATurnstileOfTheirOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread search = holding("/search", release);
        try {
            boolean[] served = {false};
            MockHttpServletResponse page = new MockHttpServletResponse();
            gate.doFilter(new MockHttpServletRequest("GET", "/collections/farms/items"), page, (q, r) -> {
                served[0] = true;
            });
            assertThat(served[0]).as("a page while a search runs").isTrue();
            MockHttpServletResponse second = new MockHttpServletResponse();
            gate.doFilter(new MockHttpServletRequest("GET", "/search"), second, (q, r) -> {
                throw new AssertionError("a second search let through");
            });
            assertThat(second.getStatus()).isEqualTo(503);
        } finally {
            release.countDown();
            search.join(10_000);
        }
    }

    @Test
    void aRequestTurnedAwayIsA503PageForABrowserAndAProblemForAProgram() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread first = holding("/collections/farms/items", release);
        try {
            MockHttpServletRequest browser = new MockHttpServletRequest("GET", "/collections/farms/items");
            browser.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            browser.addHeader("Accept-Language", "en");
            MockHttpServletResponse page = new MockHttpServletResponse();
            gate.doFilter(browser, page, (q, r) -> {
                throw new AssertionError("let through");
            });
            assertThat(page.getStatus()).isEqualTo(503);
            assertThat(page.getHeader("Retry-After")).isEqualTo("1");
            assertThat(page.getContentType()).startsWith("text/html");
            assertThat(page.getContentAsString(StandardCharsets.UTF_8))
                    .contains(
                            "<html lang=\"en\"",
                            "<h1>Temporarily unavailable",
                            "The server is busy",
                            "Back to the map</a>");
            MockHttpServletResponse problem = new MockHttpServletResponse();
            gate.doFilter(new MockHttpServletRequest("GET", "/collections/farms/items"), problem, (q, r) -> {
                throw new AssertionError();
            });
            assertThat(problem.getStatus()).isEqualTo(503);
            assertThat(problem.getContentType()).isEqualTo("application/problem+json");
            assertThat(problem.getContentAsString()).contains("\"status\":503", "busy");
        } finally {
            release.countDown();
            first.join(10_000);
        }
    }

    /** A request to {@code path} that holds its permit until {@code release}; returned once it is inside. */
    private Thread holding(String path, CountDownLatch release) throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                gate.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), (q, r) -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        return t;
    }
}
