package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The HTTP behaviour of the server, the same on every store; subclasses choose the store. */
abstract class ApiContract {

    @LocalServerPort
    int port;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void listsTheFiveCollectionsWithExtents() {
        Http.Reply r = Http.get(url("/collections"));
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode c : r.json().get("collections")) {
            ids.add(c.get("id").asString());
            assertThat(c.get("title").asString()).isNotBlank();
            JsonNode bbox = c.get("extent").get("spatial").get("bbox").get(0);
            assertThat(bbox.get(0).asDouble()).isBetween(102.0, 110.0);
            assertThat(bbox.get(3).asDouble()).isBetween(20.0, 23.5);
        }
        assertThat(ids).containsExactly("farms", "zones", "communes", "tourism", "provinces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"farms", "zones", "communes", "tourism", "provinces"})
    void everyLayerReturnsGeoJson(String layer) {
        Http.Reply r = Http.get(url("/collections/" + layer + "/items?limit=25"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode doc = r.json();
        assertThat(doc.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(doc.get("numberReturned").asInt()).isEqualTo(25).isEqualTo(doc.get("features").size());
        assertThat(doc.get("numberMatched").asLong()).isGreaterThanOrEqualTo(34);
        for (JsonNode f : doc.get("features")) {
            assertThat(f.get("type").asString()).isEqualTo("Feature");
            assertThat(f.get("id").asString()).isNotBlank();
            assertThat(f.get("geometry").get("coordinates").size()).isPositive();
            assertThat(f.get("properties").get("sample").isBoolean()).isTrue();
        }
    }

    @Test
    void communesCarryRealNamesAndBoundaries() {
        JsonNode doc = Http.get(url("/collections/communes/items?code=07330")).json();
        assertThat(doc.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode f = doc.get("features").get(0);
        assertThat(f.get("properties").get("name").asString()).isEqualTo("Phúc Hoà");
        assertThat(f.get("properties").get("province_name").asString()).isEqualTo("Bắc Ninh");
        assertThat(f.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
        JsonNode one = Http.get(url("/collections/communes/items/07330@2025-07-01")).json();
        assertThat(one.get("properties").get("name").asString()).isEqualTo("Phúc Hoà");
        assertThat(one.get("geometry")).isEqualTo(f.get("geometry"));
    }

    @Test
    void pagesWithNextAndPrevLinksToTheEnd() {
        String next = url("/collections/zones/items?limit=20&bbox=102,8,110,24");
        List<String> ids = new ArrayList<>();
        int pages = 0;
        long matched = -1;
        while (next != null && pages++ < 20) {
            JsonNode doc = Http.get(next).json();
            matched = doc.get("numberMatched").asLong();
            doc.get("features").forEach(f -> ids.add(f.get("id").asString()));
            next = null;
            for (JsonNode link : doc.get("links")) {
                if (link.get("rel").asString().equals("next")) {
                    next = link.get("href").asString();
                }
            }
        }
        assertThat(ids).hasSize((int) matched).doesNotHaveDuplicates().isSorted();
        assertThat(matched).isGreaterThanOrEqualTo(50);
    }

    @Test
    void bboxAndPropertyFiltersNarrowTheResult() {
        JsonNode doc = Http.get(url("/collections/zones/items?bbox=106.35,21.2,106.8,21.55&commodity=vai_thieu&limit=100")).json();
        assertThat(doc.get("numberReturned").asInt()).isPositive().isEqualTo(doc.get("numberMatched").asInt());
        for (JsonNode f : doc.get("features")) {
            assertThat(f.get("properties").get("commodity").asString()).isEqualTo("vai_thieu");
            assertThat(f.get("properties").get("province_code").asString()).isEqualTo("24");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/collections/farms/items?limit=0|limit", "/collections/farms/items?limit=-5|limit",
        "/collections/farms/items?limit=abc|limit", "/collections/farms/items?limit=10001|limit",
        "/collections/farms/items?offset=-1|offset", "/collections/farms/items?bbox=1,2,3|bbox",
        "/collections/farms/items?bbox=107,22,106,21|bbox", "/collections/farms/items?bbox=a,b,c,d|bbox",
        "/collections/farms/items?colour=red|colour", "/collections/farms/items?ocop_stars=many|ocop_stars",
        "/collections/farms/items?limit=1&limit=2|limit", "/collections/farms/items?f=xml|f",
        "/collections/farms/items?certifications=VietGAP|certifications"})
    void badParametersAre400ProblemsNamingTheParameter(String path, String parameter) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/roads", "/collections/roads/items", "/collections/farms/items/no-such-farm",
        "/collections/reported_province_figures/items", "/nothing/here"})
    void unknownThingsAre404Problems(String path) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void healthChecksTheStore() {
        JsonNode health = Http.get(url("/actuator/health")).json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("featureStore").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void servesTheViewerAndOpenLayers() {
        assertThat(Http.get(url("/"), "text/html").text()).contains("RuralAtlas").contains("webjars/ol/10.7.0/dist/ol.js");
        assertThat(Http.get(url("/webjars/ol/10.7.0/dist/ol.js")).status()).isEqualTo(200);
    }
}
