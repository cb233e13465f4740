package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The same API on PostGIS, loaded with the loader CLI. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisApiTest extends ApiContract
        implements SearchApiContract,
                EdgeContract,
                FuzzContract,
                FilterContract,
                FilterFuzzContract,
                PagingContract,
                ErrorPageContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("api");
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
        registry.add("ruralatlas.downloads.burst", () -> "100000");
    }

    @Test
    void aWriteFromAnyClientChangesTheEtag() throws Exception {
        String path = "/collections/tourism/items?limit=3";
        String before = Http.get(url(path)).header("ETag");
        assertThat(Http.get(url(path), "If-None-Match", before).status()).isEqualTo(304);
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.Statement s = c.createStatement()) {
            // as psql or QGIS would: straight into the table
            s.executeUpdate("UPDATE ruralatlas.tourism SET name = name || ' (mới)' WHERE site_id = 'site-0001'");
        }
        Http.Reply after = Http.get(url(path), "Accept", "application/json", "If-None-Match", before);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(after.json()
                        .get("features")
                        .get(0)
                        .get("properties")
                        .get("name")
                        .asString())
                .endsWith("(mới)");
    }

    @Test
    void searchFollowsAWriteFromAnyClient() throws Exception {
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE ruralatlas.tourism SET name = 'Làng gốm Thử Nghiệm Quý' WHERE site_id = 'site-0002'");
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode results;
        do {
            Thread.sleep(100);
            results = Http.get(url("/search?q=lang+gom+thu+nghiem+quy")).json().get("results");
        } while (results.isEmpty() && System.nanoTime() < deadline);
        assertThat(results.get(0).get("id").asString()).isEqualTo("site-0002");
        assertThat(results.get(0).get("name").asString()).isEqualTo("Làng gốm Thử Nghiệm Quý");
    }

    @Override
    public void copyFarms(String fromId, java.util.Map<String, Double> areas, String growingAreaCode) throws Exception {
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("INSERT INTO ruralatlas.farms SELECT (jsonb_populate_record(f,"
                                + " jsonb_build_object('farm_id', ?::text, 'growing_area_code', ?::text, 'area_ha', ?::float8))).*"
                                + " FROM ruralatlas.farms f WHERE farm_id = ?")) {
            c.setAutoCommit(false);
            for (java.util.Map.Entry<String, Double> e : areas.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, growingAreaCode);
                ps.setObject(3, e.getValue(), java.sql.Types.DOUBLE);
                ps.setString(4, fromId);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            c.commit();
        }
    }

    @Override
    public void deleteFarms(java.util.Collection<String> ids) throws Exception {
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("DELETE FROM ruralatlas.farms WHERE farm_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    @Test
    void runsOnPostgis() {
        JsonNode health = Http.asAdmin(url("/actuator/health")).json();
        assertThat(health.get("components")
                        .get("featureStore")
                        .get("details")
                        .get("store")
                        .asString())
                .startsWith("PostGIS 3.");
    }
}
