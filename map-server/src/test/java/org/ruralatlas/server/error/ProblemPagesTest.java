package org.ruralatlas.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.store.StoreUnavailableException;
import org.ruralatlas.server.ogcapi.ErrorPages;
import org.ruralatlas.server.ogcapi.PageConfiguration;
import org.ruralatlas.server.ogcapi.Pages;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The failures no request of the contract tests can cause at will (an unexpected exception, the
 * store away) answered through the one problem handler: a browser gets the page of the status in
 * its language, with nothing of the failure's insides; a program gets the problem+json as before.
 */
class ProblemPagesTest {

    private final ProblemHandler handler = new ProblemHandler(
            new ErrorPages(new Pages(TemplateEngine.createPrecompiled(ContentType.Html), PageConfiguration.labels())));

    private MockHttpServletRequest request(String accept, String language) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/collections/communes/items");
        request.setServerName("atlas.example.vn");
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        if (language != null) {
            request.addHeader("Accept-Language", language);
        }
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static String page(ResponseEntity<Object> answer) {
        assertThat(answer.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=UTF-8");
        return new String((byte[]) answer.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void anUnexpectedFailureIsA500PageWithoutItsInsides() {
        RuntimeException failure = new IllegalStateException("password=hunter2 at jdbc:postgresql://db/atlas");
        ResponseEntity<Object> answer =
                handler.unexpected(failure, request("text/html,*/*;q=0.8", "en"), new MockHttpServletResponse());
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(page(answer))
                .contains("<html lang=\"en\"", "<main>", "<h1>Server error", "Back to the map</a>", "HTTP status 500")
                .doesNotContain("hunter2", "jdbc", "IllegalStateException", "Exception", "\tat ", "org.ruralatlas");
        ResponseEntity<Object> json =
                handler.unexpected(failure, request("application/json", "en"), new MockHttpServletResponse());
        assertThat(json.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(json.getBody())
                .isEqualTo(Map.of(
                        "title",
                        "Internal Server Error",
                        "status",
                        500,
                        "detail",
                        "An internal error occurred.",
                        "instance",
                        "/collections/communes/items"));
    }

    @Test
    void theStoreAwayIsA503PageThatStillSaysWhenToComeBack() {
        MockHttpServletRequest asked = request(null, "vi");
        asked.setParameter("f", "html");
        ResponseEntity<Object> answer = handler.store(new StoreUnavailableException("connection refused"), asked);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(page(answer))
                .contains("<html lang=\"vi\"", "<h1>Tạm thời không phục vụ được", "Về bản đồ</a>")
                .doesNotContain("connection refused", "Exception");
        ResponseEntity<Object> json =
                handler.store(new StoreUnavailableException("connection refused"), request("*/*", null));
        assertThat(json.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(json.getHeaders().getFirst("Retry-After")).isEqualTo("5");
    }
}
