package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A province's own server ({@code ruralatlas.crs.provincial-zones=9214}, Bắc Giang's TM-3 zone):
 * its zone is listed and served, another province's zone is refused by {@code crs}, {@code
 * bbox-crs} and {@code filter-crs} alike, with the offered list, as OGC API – Features Part 2 asks
 * for a CRS that is not listed.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ruralatlas.crs.provincial-zones=9214")
class ProvincialCrsTest {

    private static final String OWN = "http://www.opengis.net/def/crs/EPSG/0/9214";
    private static final String OTHER = "http://www.opengis.net/def/crs/EPSG/0/5897";

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void theOwnZoneIsListedEverywhereAndTheOthersNowhere() {
        JsonNode collections = Http.get(url("/collections")).json();
        assertThat(collections.get("crs").toString()).contains(OWN).doesNotContain(OTHER);
        for (JsonNode c : collections.get("collections")) {
            if (c.has("crs")) {
                assertThat(c.get("crs").toString())
                        .as(c.get("id").asString())
                        .contains(OWN)
                        .doesNotContain(OTHER)
                        .contains("EPSG/0/3405");
            }
        }
        assertThat(Http.get(url("/collections/communes")).json().get("crs")).hasSize(6);
        JsonNode parameters = Http.get(url("/api")).json().get("components").get("parameters");
        for (String p : List.of("crs", "bbox-crs", "filter-crs")) {
            assertThat(parameters.get(p).get("schema").get("enum").toString())
                    .as(p)
                    .contains(OWN)
                    .doesNotContain(OTHER);
        }
    }

    @Test
    void theOwnZoneIsServedAndAnotherIsA400ListingTheOffer() {
        Http.Reply own = Http.get(url("/collections/tourism/items?limit=3&crs=" + FilterContract.q(OWN)));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("Content-Crs")).isEqualTo("<" + OWN + ">");
        String[] refused = {
            "/collections/tourism/items?crs=" + FilterContract.q(OTHER),
            "/collections/tourism/items?bbox=500000,2300000,600000,2400000&bbox-crs=" + FilterContract.q(OTHER),
            "/collections/tourism/items?filter-crs=" + FilterContract.q(OTHER) + "&filter="
                    + FilterContract.q("S_INTERSECTS(geometry, POINT(550000 2350000))"),
            "/collections/tourism/items/x?crs=" + FilterContract.q("[EPSG:5897]"),
            "/downloads/tourism.geojson?filter-crs=" + FilterContract.q(OTHER) + "&filter="
                    + FilterContract.q("S_INTERSECTS(geometry, POINT(550000 2350000))")
        };
        for (String path : refused) {
            Http.Reply r = Http.get(url(path));
            assertThat(r.status()).as(path).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(r.text()).as(path).contains("not").contains(OWN).doesNotContain(OTHER.replace("5897", "9205"));
        }
        Http.Reply filtered = Http.get(url("/collections/tourism/items?limit=1&filter-crs=" + FilterContract.q(OWN)
                + "&filter=" + FilterContract.q("S_DWITHIN(geometry, POINT(420000 2360000), 50000, meters)")));
        assertThat(filtered.status()).isEqualTo(200);
    }
}
