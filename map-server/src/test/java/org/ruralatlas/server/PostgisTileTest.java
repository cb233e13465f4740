package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.TestDatabase;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Tiles made by PostGIS; writes made straight into the tables, as psql or QGIS would, show within a second. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisTileTest extends TileContract {

    private static String database;
    private static Path cacheDir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.withSample("tiles");
        cacheDir = Files.createTempDirectory("ruralatlas-tiles-test");
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.tiles.cache-dir", cacheDir::toString);
        registry.add("ruralatlas.admin.token", () -> ADMIN_TOKEN);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Override
    void renameTable(String from, String to) throws Exception {
        sql("ALTER TABLE ruralatlas." + from + " RENAME TO " + to);
    }

    @Override
    void renameSiteFromOutside(String id, String name) throws Exception {
        sql("UPDATE ruralatlas.tourism SET name = '" + name.replace("'", "''") + "' WHERE site_id = '" + id + "'");
    }

    /**
     * A cell of one farm names it (V22's one_id) so the tile reads it by id, but the name is only a
     * hint: a farm_id renamed in place by psql leaves it stale, and the tile still shows the farm,
     * found in the cell's box.
     */
    @Test
    void aCellOfOneFarmShowsItEvenWhenItsHintIsStale() throws Exception {
        TileCoord t = TileCoord.containing(12, 105.97, 21.12);
        String path = "/collections/farms/tiles/WebMercatorQuad/12/" + t.y() + "/" + t.x();
        String id = decode(Http.bytes(url(path)).body(), "farm_id").get("farms").get(0);
        assertThat(count(
                        "SELECT count(*) FROM ruralatlas.farms_cells WHERE z = 12 AND n = 1 AND one_id = '" + id + "'"))
                .as("the cell names its farm")
                .isEqualTo(1);
        String renamed = id + "-renamed";
        sql("UPDATE ruralatlas.farms SET farm_id = '" + renamed + "' WHERE farm_id = '" + id + "'");
        try {
            assertThat(count("SELECT count(*) FROM ruralatlas.farms_cells WHERE z = 12 AND n = 1 AND one_id = '" + id
                            + "'"))
                    .as("the hint is stale now")
                    .isEqualTo(1);
            awaitTile(
                    path,
                    "farm_id",
                    r -> r.getOrDefault("farms", List.of()).contains(renamed)
                            && !r.get("farms").contains(id),
                    2000);
        } finally {
            sql("UPDATE ruralatlas.farms SET farm_id = '" + id + "' WHERE farm_id = '" + renamed + "'");
        }
    }

    private static long count(String query) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void anUpdateFromAnyClientShowsInTheTileAndItsParentWithinASecondAndNowhereElse() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        TileCoord t = tileOfFirstSite(14);
        TileCoord parent = t.parent().parent();
        String tilePath = "/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        String parentPath = "/tiles/WebMercatorQuad/" + parent.z() + "/" + parent.y() + "/" + parent.x();
        // a tile of a site far away, cached before the change
        JsonNode far = Http.get(url("/collections/tourism/items?limit=1&bbox=104,8,106,11"))
                .json()
                .get("features")
                .get(0);
        TileCoord farTile = TileCoord.containing(
                14,
                far.get("geometry").get("coordinates").get(0).asDouble(),
                far.get("geometry").get("coordinates").get(1).asDouble());
        String farPath = "/tiles/WebMercatorQuad/14/" + farTile.y() + "/" + farTile.x();
        assertThat(gdalRead(Http.bytes(url(tilePath)).body(), "site_id").get("tourism"))
                .contains(id);
        Http.bytes(url(parentPath));
        String farTag = Http.bytes(url(farPath)).header("ETag");
        assertThat(Files.exists(cacheDir.resolve("all/14/" + t.x() + "/" + t.y() + ".mvt")))
                .isTrue();

        sql("UPDATE ruralatlas.tourism SET name = name || ' (sửa)' WHERE site_id = '" + id + "'");
        long lag = awaitTile(
                tilePath,
                "name",
                r -> r.getOrDefault("tourism", java.util.List.of()).stream().anyMatch(n -> n.endsWith("(sửa)")),
                1000);
        awaitTile(
                parentPath,
                "name",
                r -> r.getOrDefault("tourism", java.util.List.of()).stream().anyMatch(n -> n.endsWith("(sửa)")),
                1000);
        assertThat(lag).isLessThan(1000);
        double produced = produced();
        Http.BinaryReply farAgain = Http.bytes(url(farPath));
        assertThat(farAgain.header("ETag")).isEqualTo(farTag);
        assertThat(produced()).as("the far tile came from the cache").isEqualTo(produced);

        // moving the site: the old tile loses it, the tile at its new place gains it
        double lon = far.get("geometry").get("coordinates").get(0).asDouble();
        double lat = far.get("geometry").get("coordinates").get(1).asDouble();
        sql("UPDATE ruralatlas.tourism SET geom = ST_SetSRID(ST_MakePoint(" + lon + ", " + lat
                + "), 4326) WHERE site_id = '" + id + "'");
        awaitTile(
                tilePath,
                "site_id",
                r -> !r.getOrDefault("tourism", java.util.List.of()).contains(id),
                1000);
        awaitTile(
                farPath,
                "site_id",
                r -> r.getOrDefault("tourism", java.util.List.of()).contains(id),
                1000);
    }

    @Test
    void aTruncateEmptiesTheLayersTiles() throws Exception {
        TileCoord t = tileOfFirstSite(13);
        String path = "/collections/provinces/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        assertThat(Http.bytes(url(path)).status()).isEqualTo(200);
        try {
            sql("CREATE TABLE ruralatlas.provinces_saved AS SELECT * FROM ruralatlas.provinces");
            sql("TRUNCATE ruralatlas.provinces");
            long start = System.nanoTime();
            while (Http.bytes(url(path)).status() != 204) {
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
                Thread.sleep(20);
            }
        } finally {
            sql("INSERT INTO ruralatlas.provinces SELECT * FROM ruralatlas.provinces_saved");
            sql("DROP TABLE ruralatlas.provinces_saved");
        }
    }

    /**
     * An operator changes the farms table with psql while the server's pooled connections hold
     * prepared statements on it (PgJDBC prepares a statement on the server from its fifth run):
     * a new column and a column's new type change no answer and fail no request; a column the
     * catalogue names renamed away is a 503 problem without internals, and renamed back the
     * answers come again, with no restart.
     */
    @Test
    void schemaChangesByAnOperatorWhileStatementsArePreparedBreakNoAnswer() throws Exception {
        String item = "/collections/farms/items/farm-00001";
        String page = "/collections/farms/items?limit=5&sortby=-area_ha&filter=area_ha%3E1";
        TileCoord first = TileCoord.containing(13, 106.0, 21.1);
        int[] next = {0};
        java.util.function.Supplier<Integer> uncachedTile = () -> Http.bytes(url("/collections/farms/tiles/"
                        + "WebMercatorQuad/13/" + first.y() + "/" + (first.x() + next[0]++)))
                .status();
        for (int i = 0; i < 8; i++) {
            assertThat(Http.get(url(item)).status()).isEqualTo(200);
            assertThat(Http.get(url(page)).status()).isEqualTo(200);
            assertThat(uncachedTile.get()).isIn(200, 204);
        }
        String itemBefore = Http.get(url(item)).text();
        String pageBefore = Http.get(url(page)).json().get("features").toString();
        try {
            sql("ALTER TABLE ruralatlas.farms ADD COLUMN operator_note text");
            sql("ALTER TABLE ruralatlas.farms ALTER COLUMN area_ha TYPE numeric(12,4)");
            for (int i = 0; i < 8; i++) {
                assertThat(Http.get(url(item)).text())
                        .as("the item after the change")
                        .isEqualTo(itemBefore);
                assertThat(Http.get(url(page)).json().get("features").toString())
                        .isEqualTo(pageBefore);
                assertThat(uncachedTile.get())
                        .as("a tile made after the change")
                        .isIn(200, 204);
            }
            sql("ALTER TABLE ruralatlas.farms RENAME COLUMN ocop_stars TO ocop_stars_away");
            try {
                Http.Reply away = Http.get(url(page));
                assertThat(away.status()).isEqualTo(503);
                assertThat(away.contentType()).startsWith("application/problem+json");
                assertThat(away.text())
                        .doesNotContain("ocop_stars")
                        .doesNotContain("column")
                        .doesNotContain("SQL");
                assertThat(uncachedTile.get()).isEqualTo(503);
            } finally {
                sql("ALTER TABLE ruralatlas.farms RENAME COLUMN ocop_stars_away TO ocop_stars");
            }
            assertThat(Http.get(url(item)).text())
                    .as("the item once renamed back")
                    .isEqualTo(itemBefore);
            assertThat(uncachedTile.get()).isIn(200, 204);
        } finally {
            sql("ALTER TABLE ruralatlas.farms ALTER COLUMN area_ha TYPE double precision");
            sql("ALTER TABLE ruralatlas.farms DROP COLUMN IF EXISTS operator_note");
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.ruralatlas.server.tiles.CellHintsWorker cellHints;

    /**
     * Cells of one farm that name no farm (a database counted before V22; a farm moved away from a cell of two,
     * which does not say which one is left) are named by the background worker, each with the farm in it; a pass
     * with nothing left names nothing. (The worker's own passes may name some first: the end state is checked.)
     */
    @Test
    void cellsOfOneFarmThatNameNoFarmAreNamedWithTheFarmInThem() throws Exception {
        List<String> cell = strings("SELECT cx || ' ' || cy || ' ' || value FROM ruralatlas.farms_cells"
                + " WHERE z = 12 AND n = 2 ORDER BY cx, cy, value LIMIT 1");
        String[] c = cell.get(0).split(" ", 3);
        String inCell = " FROM ruralatlas.farms g WHERE ruralatlas.cell_x(g.geom, 12) = " + c[0]
                + " AND ruralatlas.cell_y(g.geom, 12) = " + c[1] + " AND coalesce(g.main_product, '') = '" + c[2] + "'";
        List<String> pair = strings("SELECT farm_id" + inCell + " ORDER BY farm_id");
        assertThat(pair).hasSize(2);
        String unnamed = "SELECT count(*) FROM ruralatlas.farms_cells WHERE n = 1 AND one_id IS NULL";
        try {
            sql("UPDATE ruralatlas.farms_cells SET one_id = NULL WHERE n = 1");
            sql("UPDATE ruralatlas.farms SET geom = ST_Translate(geom, 3, 0) WHERE farm_id = '" + pair.get(0) + "'");
            assertThat(count(unnamed)).isPositive();
            cellHints.pass();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (count(unnamed) > 0) {
                assertThat(System.nanoTime()).as("unnamed cells left").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(count("SELECT count(*) FROM ruralatlas.farms_cells c WHERE n = 1 AND NOT EXISTS (SELECT 1"
                            + " FROM ruralatlas.farms g WHERE g.farm_id = c.one_id AND ruralatlas.cell_x(g.geom, c.z)"
                            + " = c.cx AND ruralatlas.cell_y(g.geom, c.z) = c.cy AND coalesce(g.main_product, '')"
                            + " = c.value)"))
                    .as("cells naming a farm that is not in them")
                    .isZero();
            assertThat(strings("SELECT one_id FROM ruralatlas.farms_cells WHERE z = 12 AND cx = " + c[0] + " AND cy = "
                            + c[1] + " AND value = '" + c[2] + "'"))
                    .as("the cell names the farm left in it")
                    .containsExactly(pair.get(1));
            assertThat(cellHints.pass()).as("nothing left to name").isZero();
        } finally {
            sql("UPDATE ruralatlas.farms SET geom = ST_Translate(geom, -3, 0) WHERE farm_id = '" + pair.get(0) + "'");
        }
    }

    private static List<String> strings(String query) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
