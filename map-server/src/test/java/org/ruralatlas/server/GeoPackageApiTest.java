package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The API on the zero-configuration default: the embedded sample GeoPackage. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeoPackageApiTest extends ApiContract implements SearchApiContract {

    @Test
    void administrationIsOffWithoutAToken() {
        Http.Reply r = Http.post(url("/admin/tiles/seed?province=Bac%20Ninh"), "Authorization", "Bearer anything-at-all-here");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void runsOnTheEmbeddedGeoPackageWithoutConfiguration() {
        JsonNode health = Http.get(url("/actuator/health")).json();
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
}
