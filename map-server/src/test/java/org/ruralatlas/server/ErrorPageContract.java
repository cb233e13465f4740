package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Errors as people and programs read them, the same on every store: a browser (Accept preferring
 * text/html, or {@code f=html}) gets a page in its language with the problem's status, its meaning
 * in words, its detail and a way back, and nothing of the server's insides; every API client
 * (JSON, problem+json, any type, no Accept, {@code f=json}) still gets the problem+json.
 */
interface ErrorPageContract {

    String url(String path);

    /** What Chromium sends for a page. */
    String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/collections/nope|404|Không tìm thấy|Not found",
                "/collections/farms/items/no-such-farm|404|Không tìm thấy|Not found",
                "/ntm/communes/99999|404|Không tìm thấy|Not found",
                "/nope.html|404|Không tìm thấy|Not found",
                "/collections/farms/items?limit=abc|400|Yêu cầu không hợp lệ|Bad request",
                "/collections/farms/items?bbox=1,2,3|400|Yêu cầu không hợp lệ|Bad request",
                "/collections/farms?f=xml|400|Yêu cầu không hợp lệ|Bad request"
            })
    default void aBrowserGetsAnErrorPageInItsLanguage(String path, int status, String vi, String en) {
        JsonNode problem =
                Http.get(url(path), "Accept", "application/problem+json").json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        Http.Reply page = Http.get(url(path), "Accept", BROWSER, "Accept-Language", "vi-VN,vi;q=0.9,en;q=0.8");
        assertThat(page.status()).as(path).isEqualTo(status);
        assertThat(page.contentType()).as(path).startsWith("text/html");
        assertThat(String.join(",", page.headers().allValues("Vary")).toLowerCase())
                .contains("accept", "accept-language");
        assertThat(page.text())
                .as(path)
                .contains(
                        "<html lang=\"vi\"",
                        "<main>",
                        "<title>" + vi,
                        "<h1>" + vi,
                        // the problem's own detail (in English, marked so) and a way back to the map
                        "<span lang=\"en\">" + escaped(problem.get("detail").asString()) + "</span>",
                        "Về bản đồ</a>",
                        "Mã lỗi HTTP " + status);
        if (problem.has("parameter")) {
            assertThat(page.text()).contains("<code>" + problem.get("parameter").asString() + "</code>");
        }
        assertNoInternals(page.text());
        // English by Accept-Language, and by lang= over it; f=html asks for the page whatever Accept says
        Http.Reply english = Http.get(url(path), "Accept", BROWSER, "Accept-Language", "en-GB,en;q=0.9");
        assertThat(english.text()).contains("<html lang=\"en\"", "<h1>" + en, "Back to the map</a>");
        String sep = path.contains("?") ? "&" : "?";
        if (!path.contains("f=")) {
            Http.Reply asked =
                    Http.get(url(path + sep + "f=html&lang=en"), "Accept", "application/json", "Accept-Language", "vi");
            assertThat(asked.status()).isEqualTo(status);
            assertThat(asked.contentType()).startsWith("text/html");
            assertThat(asked.text()).contains("<html lang=\"en\"", "<h1>" + en);
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/collections/nope|404",
                "/ntm/communes/99999|404",
                "/nope.html|404",
                "/collections/farms/items?limit=abc|400",
                "/collections/farms?f=xml|400"
            })
    default void apiClientsStillGetProblemJson(String path, int status) {
        String reference = Http.get(url(path), "Accept", "application/json").text();
        JsonNode problem = Http.get(url(path), "Accept", "application/json").json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        String sep = path.contains("?") ? "&" : "?";
        List<String[]> clients = new java.util.ArrayList<>(List.of(
                new String[] {path, "Accept", "application/problem+json"},
                new String[] {path, "Accept", "*/*"},
                new String[] {path},
                new String[] {path, "Accept", "application/geo+json, text/html;q=0.5"}));
        if (!path.contains("f=")) {
            // f=json is how a program asks for JSON whatever it accepts (a browser whose f is misspelt reads the page
            // saying so)
            clients.add(new String[] {path + sep + "f=json", "Accept", BROWSER});
        }
        for (String[] c : clients) {
            Http.Reply r = Http.get(url(c[0]), java.util.Arrays.copyOfRange(c, 1, c.length));
            assertThat(r.status()).as(String.join(" ", c)).isEqualTo(status);
            assertThat(r.contentType()).as(String.join(" ", c)).startsWith("application/problem+json");
            if (!c[0].contains("f=")) {
                // the same URL gives a browser the page: a cache must not hand one the other's answer
                assertThat(String.join(",", r.headers().allValues("Vary")).toLowerCase())
                        .as(String.join(" ", c))
                        .contains("accept");
            }
            if (c[0].equals(path)) {
                assertThat(r.text()).as(String.join(" ", c)).isEqualTo(reference);
            }
        }
    }

    @Test
    default void aWrongMethodFromABrowserIsA405PageWithItsAllow() {
        Http.Reply json = Http.delete(url("/conformance"), "Accept", "application/json");
        Http.Reply page = Http.delete(url("/conformance"), "Accept", BROWSER, "Accept-Language", "en");
        assertThat(json.status()).isEqualTo(405);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(page.status()).isEqualTo(405);
        assertThat(page.header("Allow")).isEqualTo(json.header("Allow")).contains("GET");
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<h1>Method not allowed", "<main>");
        assertNoInternals(page.text());
    }

    private static void assertNoInternals(String page) {
        assertThat(page).doesNotContain("Exception", "\tat ", "org.springframework", "org.ruralatlas", "java.");
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
