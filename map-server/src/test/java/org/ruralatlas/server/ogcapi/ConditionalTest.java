package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Conditional.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The one evaluation of conditional requests (RFC 9110 §13): weak vs strong, lists, {@code *}, dates, their order. */
class ConditionalTest {

    private static final Instant MODIFIED = Instant.parse("2025-07-01T10:00:00.750Z");
    private static final String AT = "Tue, 01 Jul 2025 10:00:00 GMT";
    private static final String BEFORE = "Tue, 01 Jul 2025 09:59:59 GMT";
    private static final String AFTER = "Tue, 01 Jul 2025 10:00:01 GMT";

    @BeforeEach
    void aRequestIsUnderWay() {
        // the negotiated tag names the request's absolute URL, read from the request under way
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void noRequestIsUnderWay() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static MockHttpServletRequest get(String... headers) {
        return request("GET", headers);
    }

    private static MockHttpServletRequest request(String method, String... headers) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, "/collections/farms/items");
        for (int i = 0; i < headers.length; i += 2) {
            r.addHeader(headers[i], headers[i + 1]);
        }
        return r;
    }

    private static Outcome strong(MockHttpServletRequest r) {
        return Conditional.tagged("\"v1\"", MODIFIED).evaluate(r);
    }

    private static Outcome weak(MockHttpServletRequest r) {
        return Conditional.tagged("W/\"v1\"", MODIFIED).evaluate(r);
    }

    @ParameterizedTest(name = "If-None-Match: {0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"v1\" | NOT_MODIFIED",
                "W/\"v1\" | NOT_MODIFIED",
                "\"v2\" | PROCEED",
                "\"v2\", \"v1\" | NOT_MODIFIED",
                "\"v2\",W/\"v1\" | NOT_MODIFIED",
                "* | NOT_MODIFIED",
                "\"V1\" | PROCEED",
                "v1 | PROCEED",
                "\"v1 | PROCEED",
                "\"v1,\" | PROCEED",
                "\"a,b\", \"v1\" | NOT_MODIFIED",
                "W/ \"v1\" | PROCEED",
                "'' | PROCEED",
                ",,, | PROCEED",
            })
    void ifNoneMatchComparesWeaklyAndReadsLists(String header, Outcome expected) {
        assertThat(strong(get("If-None-Match", header))).isEqualTo(expected);
        assertThat(weak(get("If-None-Match", header))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "If-Match: {0} → strong tag {1}, weak tag {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"v1\" | PROCEED | PRECONDITION_FAILED",
                "W/\"v1\" | PRECONDITION_FAILED | PRECONDITION_FAILED",
                "\"v2\" | PRECONDITION_FAILED | PRECONDITION_FAILED",
                "\"v2\", \"v1\" | PROCEED | PRECONDITION_FAILED",
                "* | PROCEED | PROCEED",
                "v1 | PRECONDITION_FAILED | PRECONDITION_FAILED",
            })
    void ifMatchComparesStrongly(String header, Outcome onStrong, Outcome onWeak) {
        assertThat(strong(get("If-Match", header))).isEqualTo(onStrong);
        assertThat(weak(get("If-Match", header))).isEqualTo(onWeak);
        assertThat(strong(request("PUT", "If-Match", header))).isEqualTo(onStrong);
    }

    @ParameterizedTest(name = "If-Modified-Since: {0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                AT + " | NOT_MODIFIED",
                AFTER + " | NOT_MODIFIED",
                BEFORE + " | PROCEED",
                "yesterday | PROCEED",
                "'' | PROCEED",
            })
    void ifModifiedSinceComparesWholeSecondsAndIgnoresWhatIsNoDate(String header, Outcome expected) {
        assertThat(strong(get("If-Modified-Since", header))).isEqualTo(expected);
    }

    @Test
    void ifNoneMatchOverridesIfModifiedSince() {
        assertThat(strong(get("If-None-Match", "\"v2\"", "If-Modified-Since", AFTER)))
                .isEqualTo(Outcome.PROCEED);
        assertThat(strong(get("If-None-Match", "\"v1\"", "If-Modified-Since", BEFORE)))
                .isEqualTo(Outcome.NOT_MODIFIED);
    }

    @Test
    void ifMatchComesFirstAndOverridesIfUnmodifiedSince() {
        assertThat(strong(get("If-Match", "\"v2\"", "If-None-Match", "\"v1\""))).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(strong(get("If-Match", "\"v1\"", "If-Unmodified-Since", BEFORE)))
                .isEqualTo(Outcome.PROCEED);
        assertThat(strong(get("If-Unmodified-Since", BEFORE))).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(strong(get("If-Unmodified-Since", AT))).isEqualTo(Outcome.PROCEED);
        assertThat(strong(get("If-Unmodified-Since", "not a date"))).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void onlyReadsAnswer304AnotherMethodFailsItsPrecondition() {
        assertThat(strong(request("HEAD", "If-None-Match", "\"v1\""))).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(strong(request("PUT", "If-None-Match", "*"))).isEqualTo(Outcome.PRECONDITION_FAILED);
        assertThat(strong(request("POST", "If-Modified-Since", AFTER))).isEqualTo(Outcome.PROCEED);
    }

    @Test
    void aTagWithoutADateIgnoresTheDateHeaders() {
        Conditional tile = Conditional.tagged("\"t\"", null);
        assertThat(tile.evaluate(get("If-Modified-Since", AFTER))).isEqualTo(Outcome.PROCEED);
        assertThat(tile.evaluate(get("If-Unmodified-Since", BEFORE))).isEqualTo(Outcome.PROCEED);
        assertThat(tile.evaluate(get("If-None-Match", "\"t\""))).isEqualTo(Outcome.NOT_MODIFIED);
    }

    @ParameterizedTest(name = "If-Range: {0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"v1\" | true",
                "W/\"v1\" | false",
                "\"v2\" | false",
                AT + " | true",
                AFTER + " | false",
                "garbage | false",
            })
    void ifRangeTakesOnlyTheStrongTagOrTheExactDate(String header, boolean applies) {
        assertThat(Conditional.tagged("\"v1\"", MODIFIED).rangeApplies(get("If-Range", header)))
                .isEqualTo(applies);
        assertThat(Conditional.tagged("W/\"v1\"", MODIFIED).rangeApplies(get("If-Range", "W/\"v1\"")))
                .isFalse();
        assertThat(Conditional.tagged("\"v1\"", MODIFIED).rangeApplies(get())).isTrue();
    }

    @Test
    void aNegotiatedAnswerHasItsOwnTagPerFormatAndLanguageAndSaysVary() {
        Conditional json = Conditional.of(get("Accept-Language", "vi"), "7", MODIFIED, OutputFormat.JSON);
        Conditional html = Conditional.of(get("Accept-Language", "vi"), "7", MODIFIED, OutputFormat.HTML);
        Conditional english = Conditional.of(get("Accept-Language", "en"), "7", MODIFIED, OutputFormat.JSON);
        Conditional next = Conditional.of(get("Accept-Language", "vi"), "8", MODIFIED, OutputFormat.JSON);
        assertThat(java.util.Set.of(json.etag(), html.etag(), english.etag(), next.etag()))
                .hasSize(4);
        assertThat(json.etag()).matches("W/\"[0-9a-f]+\"");
        ResponseEntity<Void> ok = json.on(ResponseEntity.ok()).build();
        assertThat(ok.getHeaders().getVary()).containsExactly("Accept", "Accept-Language");
        assertThat(ok.getHeaders().getETag()).isEqualTo(json.etag());
        assertThat(ok.getHeaders().getLastModified()).isEqualTo(MODIFIED.toEpochMilli() / 1000 * 1000);
        assertThat(ok.getHeaders().getCacheControl()).isEqualTo("no-cache");
        Conditional single = Conditional.of(get("Accept-Language", "vi"), "7", MODIFIED);
        assertThat(single.etag())
                .isEqualTo(Conditional.of(get("Accept-Language", "en"), "7", MODIFIED)
                        .etag());
        assertThat(single.on(ResponseEntity.ok()).build().getHeaders().getVary())
                .isEmpty();
    }

    @Test
    void notModifiedAnswers304WithTheValidatorsAnd412AsAProblemNamingTheHeader() {
        Conditional c = Conditional.of(get(), "7", MODIFIED, OutputFormat.JSON);
        assertThat(c.notModified(get())).isEmpty();
        ResponseEntity<Object> notModified =
                c.notModified(get("If-None-Match", c.etag())).orElseThrow();
        assertThat(notModified.getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(notModified.getHeaders().getETag()).isEqualTo(c.etag());
        assertThat(notModified.getHeaders().getVary()).containsExactly("Accept", "Accept-Language");
        assertThatThrownBy(() -> c.notModified(get("If-Match", "\"other\"")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
                    assertThat(e.parameter()).isEqualTo("If-Match");
                    assertThat(e.headers()).containsEntry("ETag", c.etag());
                });
        assertThatThrownBy(() -> c.notModified(get("If-Unmodified-Since", BEFORE)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.parameter()).isEqualTo("If-Unmodified-Since"));
        assertThatThrownBy(() -> c.notModified(request("DELETE", "If-None-Match", "*")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.parameter()).isEqualTo("If-None-Match"));
    }

    @Test
    void aHostileHeaderIsReadInLinearTimeAndNeverFails() {
        String many = "\"x\", ".repeat(20_000) + "\"v1\"";
        assertThat(strong(get("If-None-Match", many))).isEqualTo(Outcome.NOT_MODIFIED);
        assertThat(strong(get("If-None-Match", "\"".repeat(50_000)))).isEqualTo(Outcome.PROCEED);
        assertThat(strong(get("If-None-Match", "W/".repeat(50_000)))).isEqualTo(Outcome.PROCEED);
        assertThat(Conditional.entityTags("\"a\" junk, W/\"b\",*")).containsExactly("\"a\"", "W/\"b\"", "*");
    }
}
