package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@link DownloadCountEstimateTest} on PostGIS: the estimate is the planner's, and the planner
 * plans every page with its values.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = DownloadCountEstimateTest.BOUND)
class PostgisDownloadCountEstimateTest {

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String db = TestDatabase.withSample("countestimate");
        registry.add("ruralatlas.db.url", () -> db);
    }

    @Test
    void largerLayersGiveAnEstimateSaidAsOne() {
        DownloadCountEstimateTest.check("http://127.0.0.1:" + port, true);
    }

    /**
     * Items pages are counted as the downloads are, except that a page of a CQL2 filter has
     * collected every match before ordering them, so it counts them in the same statement: exact
     * beyond the bound, on its first page and on the next.
     */
    @Test
    void aFilteredPageIsCountedExactlyBeyondTheBound() {
        String items = "http://127.0.0.1:" + port + "/collections/farms/items?skipGeometry=true";
        JsonNode plain = Http.get(items + "&limit=5").json();
        assertThat(plain.has("numberMatched")).isFalse();
        assertThat(plain.get("numberMatchedEstimate").asLong()).isGreaterThan(10);
        String filter =
                "&filter=" + URLEncoder.encode("area_ha > 1 AND owner_type <> 'enterprise'", StandardCharsets.UTF_8);
        long all = Http.get(items + filter + "&limit=10000")
                .json()
                .get("numberReturned")
                .asLong();
        assertThat(all).isGreaterThan(10);
        JsonNode first = Http.get(items + filter + "&limit=5").json();
        assertThat(first.has("numberMatchedEstimate")).isFalse();
        assertThat(first.get("numberMatched").asLong()).isEqualTo(all);
        String next = null;
        for (JsonNode link : first.get("links")) {
            if (link.get("rel").asString().equals("next")) {
                next = link.get("href").asString();
            }
        }
        JsonNode second = Http.get(next).json();
        assertThat(second.get("numberMatched").asLong()).isEqualTo(all);
        assertThat(second.get("numberReturned").asLong()).isEqualTo(5);
    }

    /**
     * The store's connections plan every statement with its values ({@link
     * PostgisFeatureStore#SESSION}): its pages are named statements, parsed once per connection,
     * which PostgreSQL would otherwise give a generic plan, blind to the box, after five uses.
     */
    @Test
    void theStoresConnectionsPlanEveryStatementWithItsValues() throws SQLException {
        Http.get("http://127.0.0.1:" + port + "/collections/farms/items?limit=5");
        try (Connection c = store.as(PostgisFeatureStore.class)
                        .orElseThrow()
                        .dataSource()
                        .getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("force_custom_plan");
        }
    }
}
