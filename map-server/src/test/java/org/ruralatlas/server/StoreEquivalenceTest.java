package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two servers side by side, one on the embedded default and one on PostGIS loaded with the CLI:
 * the same counts and, for random boxes, the same features, byte for byte as JSON values.
 */
@IntegrationTest
class StoreEquivalenceTest {

    private static ConfigurableApplicationContext embedded;
    private static ConfigurableApplicationContext postgis;

    @BeforeAll
    static void start() {
        String db = TestDatabase.withSample("equivalence");
        embedded = new SpringApplicationBuilder(MapServerApplication.class).run("--server.port=0");
        postgis = new SpringApplicationBuilder(MapServerApplication.class)
                .run("--server.port=0", "--ruralatlas.db.url=" + db);
    }

    @AfterAll
    static void stop() {
        embedded.close();
        postgis.close();
    }

    private static String base(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) ctx).getWebServer().getPort();
    }

    @Test
    void sameCountsForEveryCollection() {
        for (String layer : new String[] {"farms", "zones", "communes", "tourism", "provinces"}) {
            long a = Http.get(base(embedded) + "/collections/" + layer + "/items?limit=1")
                    .json()
                    .get("numberMatched")
                    .asLong();
            long b = Http.get(base(postgis) + "/collections/" + layer + "/items?limit=1")
                    .json()
                    .get("numberMatched")
                    .asLong();
            assertThat(b).as(layer).isEqualTo(a).isPositive();
        }
        JsonNode a = Http.get(base(embedded) + "/collections").json().get("collections");
        JsonNode b = Http.get(base(postgis) + "/collections").json().get("collections");
        a.forEach(c -> ((ObjectNode) c).remove("links"));
        b.forEach(c -> ((ObjectNode) c).remove("links"));
        assertThat(b).isEqualTo(a);
    }

    /** Farms counted per cell below zoom 13: PostGIS from its table of counts, the GeoPackage in Java; the same features. */
    @Test
    void sameFarmCellsInLowZoomTiles() throws Exception {
        int compared = 0;
        for (double[] at : new double[][] {{105.97, 21.12}, {105.8, 10.0}, {108.2, 12.7}, {104.0, 22.3}}) {
            for (int z = 8; z <= 12; z++) {
                org.ruralatlas.tiles.TileCoord t = org.ruralatlas.tiles.TileCoord.containing(z, at[0], at[1]);
                String path = "/collections/farms/tiles/WebMercatorQuad/" + z + "/" + t.y() + "/" + t.x();
                java.util.List<String> a =
                        TileContract.features(Http.bytes(base(embedded) + path).body(), "farms");
                java.util.List<String> b =
                        TileContract.features(Http.bytes(base(postgis) + path).body(), "farms");
                assertThat(b).as(path).isEqualTo(a);
                compared += a.size();
            }
        }
        assertThat(compared).as("features compared").isGreaterThan(100);
    }

    @Test
    void sameFeaturesForRandomBoxes() {
        Random random = new Random(7);
        for (int i = 0; i < 25; i++) {
            double size = 0.1 + random.nextDouble();
            double minx = 102.5 + random.nextDouble() * 6.5;
            double miny = 8.6 + random.nextDouble() * 13.5;
            String query = String.format(
                    java.util.Locale.ROOT,
                    "?limit=1000&bbox=%.4f,%.4f,%.4f,%.4f",
                    minx,
                    miny,
                    minx + size,
                    miny + size);
            for (String layer : new String[] {"farms", "zones", "communes", "tourism"}) {
                JsonNode a = withoutVolatile(Http.get(base(embedded) + "/collections/" + layer + "/items" + query)
                        .json());
                JsonNode b = withoutVolatile(Http.get(base(postgis) + "/collections/" + layer + "/items" + query)
                        .json());
                assertThat(b).as(layer + query).isEqualTo(a);
            }
        }
    }

    @Test
    void sameNtmAnswers() {
        String zone = Http.get(base(embedded) + "/collections/zones/items?status=active&limit=1")
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("growing_area_code")
                .asString();
        for (String path : new String[] {
            "/stats/ntm?as_of=2026-01-01",
            "/stats/ntm?as_of=2025-01-01",
            "/stats/ntm?source=reported&as_of=2024-01-01",
            "/stats/ntm/communes?value=criterion&criterion=8.4",
            "/ntm/criteria-sets",
            "/ntm/criteria-sets/commune_2021_2025",
            "/ntm/targets",
            "/ntm/assessments?province=24&criterion=8.4&limit=10000",
            "/ntm/communes/07330",
            "/collections/communes/items/07330@2025-07-01/history",
            "/trace/" + zone
        }) {
            String a = Http.get(base(embedded) + path).text().replace(base(embedded), "");
            String b = Http.get(base(postgis) + path).text().replace(base(postgis), "");
            assertThat(b).as(path).isEqualTo(a);
        }
    }

    /** The same responses posted to each server give the commune the same satisfaction_pct. */
    @Test
    void sameSatisfactionOnTheCommuneAfterTheSameResponses() throws Exception {
        JsonNode f = Http.get(
                        base(embedded) + "/collections/communes/items?unit_type=xa&province_code=24&limit=1&offset=7")
                .json()
                .get("features")
                .get(0);
        String code = f.get("properties").get("code").asString();
        String item = "/collections/communes/items/" + f.get("id").asString();
        for (ConfigurableApplicationContext server : java.util.List.of(embedded, postgis)) {
            for (int i = 0; i < 3; i++) {
                JsonNode c = Http.get(base(server) + "/ntm/survey/" + code + "/challenge")
                        .json();
                String nonce = NtmContract.solve(
                        c.get("challenge").asString(), c.get("difficulty").asInt());
                String body = "{\"challenge\":\"" + c.get("challenge").asString() + "\",\"nonce\":\"" + nonce
                        + "\",\"device\":\"equivalence-device-" + i + "-0000\",\"overall\":" + (3 + i) + "}";
                assertThat(Http.postJson(base(server) + "/ntm/survey/" + code + "/responses", body)
                                .status())
                        .isEqualTo(201);
            }
        }
        JsonNode a = Http.get(base(embedded) + item).json().get("properties");
        JsonNode b = Http.get(base(postgis) + item).json().get("properties");
        assertThat(a.get("satisfaction_pct").asDouble()).isEqualTo(66.7);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void sameSearchResultsInTheSameOrder() {
        // PostGIS answers from the database (issue 17), the embedded store from its in-memory index: whole words,
        // unfinished ones, typos (also in the first letters), a commune's or province's name as context, codes,
        // one and two letters, filtered by layers and box, digits that start every id
        for (String q : new String[] {
            "phuc hoa",
            "Ph%C3%BAc%20H%C3%B2a",
            "vai thieu",
            "homestay",
            "bac ninhh",
            "hoa",
            "thuy nguyen",
            "ca phe",
            "xphuc hoa",
            "hpuc hoa",
            "phuc hoa bac ninh",
            "bac ninh",
            "nguyen van",
            "ph",
            "ba",
            "lang nghe",
            "vn",
            "tran thi",
            "hoa&layers=farms,zones",
            "hoa&bbox=105.5,20.5,107,22",
            "ninh&layers=communes&limit=7",
            "yen vinh",
            "thanh long",
            "trang trai",
            "0012",
            "quang",
            "000",
            "01",
            "20",
            // words that start too many words (every id) stand for themselves, which these are not
            "00",
            "0 1",
            "1 2"
        }) {
            String query = q.contains("&limit=") ? q : q + "&limit=50";
            Http.Reply ra = Http.get(base(embedded) + "/search?q=" + query.replace(" ", "%20"));
            Http.Reply rb = Http.get(base(postgis) + "/search?q=" + query.replace(" ", "%20"));
            assertThat(ra.status()).as(q + ": " + ra.text()).isEqualTo(200);
            assertThat(rb.status()).as(q + ": " + rb.text()).isEqualTo(200);
            JsonNode a = ra.json().get("results");
            JsonNode b = rb.json().get("results");
            a.forEach(r -> ((ObjectNode) r).remove("href"));
            b.forEach(r -> ((ObjectNode) r).remove("href"));
            if (!java.util.Set.of("00", "0 1", "1 2").contains(q)) {
                assertThat(a.size()).as(q).isPositive();
            }
            assertThat(b).as(q).isEqualTo(a);
        }
    }

    private static JsonNode withoutVolatile(JsonNode doc) {
        ObjectNode o = (ObjectNode) doc;
        o.remove("timeStamp");
        o.remove("links");
        return o;
    }
}
