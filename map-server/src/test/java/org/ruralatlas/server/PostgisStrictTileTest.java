package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.TestDatabase;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The tile contract with strict freshness: the very first request after a commit already sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisStrictTileTest extends TileContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.withSample("strict");
        String cacheDir = Files.createTempDirectory("ruralatlas-strict-tiles").toString();
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.tiles.cache-dir", () -> cacheDir);
        registry.add("ruralatlas.tiles.freshness", () -> "strict");
        registry.add("ruralatlas.admin.token", () -> ADMIN_TOKEN);
    }

    @Override
    void renameTable(String from, String to) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE ruralatlas." + from + " RENAME TO " + to);
        }
    }

    @Override
    void renameSiteFromOutside(String id, String name) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.tourism SET name = '" + name.replace("'", "''") + "' WHERE site_id = '"
                    + id + "'");
        }
    }

    @Test
    void theFirstRequestAfterEachCommitSeesIt() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        TileCoord t = tileOfFirstSite(14);
        String path = "/tiles/tourism/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt";
        for (int i = 0; i < 10; i++) {
            Http.bytes(url(path));
            try (Connection c = TestDatabase.dataSource(database).getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "UPDATE ruralatlas.tourism SET name = 'Lần sửa " + i + "' WHERE site_id = '" + id + "'");
            }
            // no waiting: the next request must already carry the committed name
            assertThat(gdalRead(Http.bytes(url(path)).body(), "name").get("tourism"))
                    .contains("Lần sửa " + i);
        }
    }
}
