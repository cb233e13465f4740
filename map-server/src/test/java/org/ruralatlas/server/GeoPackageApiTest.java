package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

/** The API on the zero-configuration default: the embedded sample GeoPackage. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
    "ruralatlas.downloads.burst=100000"})
class GeoPackageApiTest extends ApiContract implements SearchApiContract, EdgeContract, FuzzContract, FilterContract,
        FilterFuzzContract {

    @Test
    void runsOnTheEmbeddedGeoPackageWithoutConfiguration() {
        JsonNode health = Http.asAdmin(url("/actuator/health")).json();
        assertThat(health.get("components").get("featureStore").get("details").get("store").asString()).startsWith("GeoPackage ");
    }

    @Test
    void webjarsAreKeptForAYearAndTheViewersOwnFilesRevalidate() {
        Http.Reply ol = Http.get(url("/webjars/ol/10.7.0/dist/ol.js"));
        assertThat(ol.status()).isEqualTo(200);
        assertThat(ol.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
        Http.Reply viewer = Http.get(url("/viewer.js"));
        assertThat(viewer.header("Cache-Control")).isEqualTo("no-cache");
        Http.Reply again = Http.get(url("/viewer.js"), "If-Modified-Since", viewer.header("Last-Modified"));
        assertThat(again.status()).isEqualTo(304);
    }

    /**
     * The pages' scripts are ES modules: a browser runs one only when served with a JavaScript
     * type, and fetches it in CORS mode (a page of another origin, or behind a proxy, needs the
     * CORS header). Each revalidates by Last-Modified, and the larger ones go gzipped.
     */
    @Test
    void everyScriptOfThePagesIsJavaScriptForAnyOriginThatRevalidates() throws IOException {
        List<String> scripts = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/resources/**/*.js")) {
            String u = r.getURL().toString();
            if (!u.contains("/webjars/")) {
                scripts.add(u.substring(u.indexOf("META-INF/resources/") + "META-INF/resources/".length()));
            }
        }
        assertThat(scripts).contains("viewer.js", "planner.js", "trace.js", "survey.js", "js/api.js", "js/i18n.js", "js/viewer/map.js");
        for (String script : scripts) {
            Http.BinaryReply r = Http.bytes(url("/" + script), "Origin", "https://elsewhere.example", "Accept-Encoding", "gzip");
            assertThat(r.status()).as(script).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(script).startsWith("text/javascript");
            assertThat(r.header("Access-Control-Allow-Origin")).as(script).isEqualTo("*");
            assertThat(r.header("Cache-Control")).as(script).isEqualTo("no-cache");
            assertThat(Http.get(url("/" + script), "If-Modified-Since", r.header("Last-Modified")).status()).as(script).isEqualTo(304);
            if (Http.bytes(url("/" + script)).body().length >= 2048) {
                assertThat(r.header("Content-Encoding")).as(script).isEqualTo("gzip");
            }
        }
    }
}
