package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Links from the request as the client wrote it: the query is never parsed, one parameter at a time is replaced. */
class UrlsTest {

    private MockHttpServletRequest request;

    @BeforeEach
    void aRequestIsUnderWay() {
        request = new MockHttpServletRequest("GET", "/collections/farms/items");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void noRequestIsUnderWay() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void selfIsTheRequestAsSentOrderEncodingAndRepeatsKept() {
        request.setQueryString("b=2&filter=name%20LIKE%20%27H%25%27&a=1&b=3");
        assertThat(Urls.self(request))
                .isEqualTo("http://localhost/collections/farms/items?b=2&filter=name%20LIKE%20%27H%25%27&a=1&b=3");
        request.setQueryString(null);
        assertThat(Urls.self(request)).isEqualTo("http://localhost/collections/farms/items");
        request.setQueryString("");
        assertThat(Urls.self(request)).isEqualTo("http://localhost/collections/farms/items");
    }

    @Test
    void withFormatReplacesEveryFAndKeepsTheRest() {
        request.setQueryString("f=json&limit=5&ff=1&format=x&f=html&&filter=a%3Db");
        assertThat(Urls.withFormat(request, "html"))
                .isEqualTo("http://localhost/collections/farms/items?limit=5&ff=1&format=x&filter=a%3Db&f=html");
        request.setQueryString(null);
        assertThat(Urls.withFormat(request, "json")).isEqualTo("http://localhost/collections/farms/items?f=json");
    }

    @Test
    void withParameterRemovesWithoutAValueAndLeavesNoEmptyQuery() {
        String url = "http://h/items?offset=10&limit=10&offset";
        assertThat(Urls.withParameter(url, "offset", null)).isEqualTo("http://h/items?limit=10");
        assertThat(Urls.withParameter("http://h/items?offset=3", "offset", null))
                .isEqualTo("http://h/items");
        assertThat(Urls.withParameter(url, "offset", "20")).isEqualTo("http://h/items?limit=10&offset=20");
        assertThat(Urls.withParameter("http://h/items", "cursor", "abc.def"))
                .isEqualTo("http://h/items?cursor=abc.def");
    }

    @Test
    void aFilterOfKilobytesStaysAsWrittenInEveryLink() {
        StringBuilder polygon = new StringBuilder("S_INTERSECTS(geometry,POLYGON((105.0 8.9");
        for (int i = 0; i < 400; i++) {
            polygon.append(",105.").append(1000 + i).append(" 8.").append(9000 + i);
        }
        String filter = java.net.URLEncoder.encode(
                polygon.append(",105.0 8.9)))").toString(), java.nio.charset.StandardCharsets.UTF_8);
        request.setQueryString("limit=100&filter=" + filter);
        assertThat(filter.length()).isGreaterThan(4000);
        assertThat(Urls.self(request)).endsWith("?limit=100&filter=" + filter);
        assertThat(Urls.withFormat(request, "html")).endsWith("?limit=100&filter=" + filter + "&f=html");
    }
}
