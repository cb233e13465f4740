package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The API on the zero-configuration default: the embedded sample GeoPackage. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
    "ruralatlas.downloads.burst=100000"})
class GeoPackageApiTest extends ApiContract implements SearchApiContract, EdgeContract, FuzzContract {

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
}
