package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17: on PostGIS the database answers search, not an index in the server's memory. With a
 * memory budget of nothing (which leaves every layer out of the embedded store's index: see
 * SearchBudgetTest) every layer is still searched, and a tourism site written with plain SQL, as
 * psql or QGIS would, is found by the very next search, with no rebuild to wait for.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.search.memory-bytes=0", "ruralatlas.admin.token=" + Http.ADMIN_TOKEN})
class PostgisSearchTest {

    private static String database;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("search");
        registry.add("ruralatlas.db.url", () -> database);
    }

    private JsonNode search(String query) {
        Http.Reply r = Http.get("http://127.0.0.1:" + port + "/search?" + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static List<String> ids(JsonNode doc) {
        List<String> ids = new ArrayList<>();
        doc.get("results")
                .forEach(r ->
                        ids.add(r.get("layer").asString() + "/" + r.get("id").asString()));
        return ids;
    }

    @Test
    void aTinyMemoryBudgetLeavesNoLayerOut() {
        JsonNode all = search("q=bac+ninh&limit=50");
        assertThat(all.has("layersNotSearched")).isFalse();
        assertThat(all.get("results").get(0).get("layer").asString()).isEqualTo("provinces");
        for (String layer : List.of("tourism", "farms", "zones")) {
            JsonNode one = Http.get("http://127.0.0.1:" + port + "/collections/" + layer + "/items?limit=1&offset=20")
                    .json()
                    .get("features")
                    .get(0);
            JsonNode found = search("q="
                    + java.net.URLEncoder.encode(
                            one.get("properties").get("name").asString(), java.nio.charset.StandardCharsets.UTF_8)
                    + "&layers=" + layer + "&limit=50");
            assertThat(ids(found))
                    .as(layer)
                    .contains(layer + "/" + one.get("id").asString());
        }
        JsonNode details = Http.asAdmin("http://127.0.0.1:" + port + "/actuator/health")
                .json()
                .get("components")
                .get("search")
                .get("details");
        assertThat(details.get("searchedBy").asString()).isEqualTo("database");
        assertThat(details.get("layersNotSearched")).isEmpty();
    }

    @Test
    void aSiteWrittenWithPlainSqlIsFoundByTheNextSearch() throws Exception {
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(
                    "INSERT INTO ruralatlas.tourism (site_id, name, category, commune_code, province_code, sample,"
                            + " geom) VALUES ('site-sql-1', 'Vườn Quýt Thử Nghiệm Xanh', 'farm_stay', '07330', '24', true,"
                            + " 'SRID=4326;POINT(106.16 21.39)')");
        }
        // at once: no index to rebuild, no change feed to wait for
        JsonNode byName = search("q=vuon+quyt+thu+nghiem");
        assertThat(byName.get("results").get(0).get("id").asString()).isEqualTo("site-sql-1");
        assertThat(byName.get("results").get(0).get("label").asString()).isEqualTo("Phúc Hoà, Bắc Ninh");
        assertThat(byName.get("results").get(0).get("match").asString()).isEqualTo("exact");
        // a typo in the first letter, an unfinished word, and its commune's name as context
        assertThat(ids(search("q=xquyt+thu+ngh&layers=tourism"))).first().isEqualTo("tourism/site-sql-1");
        assertThat(ids(search("q=quyt+phuc+hoa&layers=tourism"))).contains("tourism/site-sql-1");
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.tourism SET name = 'Vườn Bưởi Khác' WHERE site_id = 'site-sql-1'");
        }
        assertThat(ids(search("q=vuon+quyt+thu+nghiem"))).doesNotContain("tourism/site-sql-1");
        assertThat(ids(search("q=vuon+buoi+khac"))).first().isEqualTo("tourism/site-sql-1");
    }
}
