package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17: the download catalogue's counts cost what items' {@code numberMatched} costs. With the
 * exact count bounded at 10 rows, PostGIS ({@link PostgisDownloadCountEstimateTest}) gives the
 * planner's estimate for larger layers, said as one ({@code featureCountEstimate}, "about" on the
 * page), and small ones stay exact. The embedded GeoPackage (small by design) counts a whole
 * layer with SQLite's own count whatever the bound: every count stays exact here.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = DownloadCountEstimateTest.BOUND)
class DownloadCountEstimateTest {

    static final String BOUND = "ruralatlas.paging.exact-count-up-to=10";

    static void check(String base, boolean planner) {
        if (!planner) {
            for (JsonNode l : Http.get(base + "/downloads?f=json").json().get("layers")) {
                assertThat(l.has("featureCountEstimate")).isFalse();
                assertThat(l.get("featureCount").asLong()).isPositive();
            }
            assertThat(Http.get(base + "/downloads?f=html&lang=en").text()).doesNotContain("<td>about ");
            return;
        }
        JsonNode layers = Http.get(base + "/downloads?f=json").json().get("layers");
        int estimates = 0;
        for (JsonNode l : layers) {
            String id = l.get("id").asString();
            assertThat(l.has("featureCount"))
                    .as(id + ": one count or the other")
                    .isNotEqualTo(l.has("featureCountEstimate"));
            if (l.has("featureCount")) {
                assertThat(l.get("featureCount").asLong()).as(id).isLessThanOrEqualTo(10);
            } else {
                estimates++;
                assertThat(l.get("featureCountEstimate").asLong()).as(id).isPositive();
            }
        }
        assertThat(estimates).as("farms, communes, ... are over 10 rows").isGreaterThanOrEqualTo(4);
        String farms = null;
        for (JsonNode l : layers) {
            if (l.get("id").asString().equals("farms")) {
                farms = l.has("featureCountEstimate") ? "estimate" : "exact";
            }
        }
        assertThat(farms).isEqualTo("estimate");
        String page = Http.get(base + "/downloads?f=html&lang=en").text();
        assertThat(page).containsPattern("<th>Features</th><td>about [0-9,.]+</td>");
    }

    @LocalServerPort
    int port;

    @Test
    void wholeLayersStayExactOnTheEmbeddedStore() {
        check("http://127.0.0.1:" + port, false);
    }
}
