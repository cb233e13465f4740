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
class PostgisApiTest extends ApiContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("api");
        registry.add("ruralatlas.db.url", () -> database);
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
        assertThat(after.json().get("features").get(0).get("properties").get("name").asString()).endsWith("(mới)");
    }

    @Test
    void runsOnPostgis() {
        JsonNode health = Http.get(url("/actuator/health")).json();
        assertThat(health.get("components").get("featureStore").get("details").get("store").asString()).startsWith("PostGIS 3.");
    }
}
