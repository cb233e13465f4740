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
}
