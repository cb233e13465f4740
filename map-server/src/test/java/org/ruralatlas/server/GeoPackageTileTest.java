package org.ruralatlas.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Tiles made in Java from the GeoPackage; a write to the file by another program shows within a second. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeoPackageTileTest extends TileContract {

    private static Path gpkg;

    @DynamicPropertySource
    static void geopackage(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("ruralatlas-gpkg-tiles");
        gpkg = dir.resolve("atlas.gpkg");
        registry.add("ruralatlas.geopackage.path", gpkg::toString);
        registry.add("ruralatlas.geopackage.create", () -> "true");
        registry.add("ruralatlas.tiles.cache-dir", () -> dir.resolve("tiles").toString());
        registry.add("ruralatlas.admin.token", () -> ADMIN_TOKEN);
    }

    @Override
    boolean renameIsAChange() {
        // the file's watch drops the layer's tiles once it sees the write (cached tiles through an outage:
        // GeoPackageOutageTest)
        return true;
    }

    @Override
    void renameTable(String from, String to) throws Exception {
        // SQLite's own rename, as any SQLite client makes it; legacy mode leaves the R-tree triggers' bodies (ST_
        // functions) unparsed
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + gpkg);
                java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA legacy_alter_table = ON");
            s.executeUpdate("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }

    @Override
    void renameSiteFromOutside(String id, String name) throws Exception {
        // GDAL, with its GeoPackage SQL functions (the R-tree triggers need them)
        Processes.Result write = Processes.run(
                60,
                java.util.List.of(
                        "ogrinfo",
                        gpkg.toString(),
                        "-sql",
                        "UPDATE tourism SET name = '" + name.replace("'", "''") + "' WHERE site_id = '" + id + "'"));
        org.assertj.core.api.Assertions.assertThat(write.exitCode())
                .as(write.output())
                .isZero();
    }

    @Test
    void theSeedCommandFillsTheDiskCacheWithProgress(@org.junit.jupiter.api.io.TempDir Path tiles) {
        java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(progress, true, java.nio.charset.StandardCharsets.UTF_8));
            code = TileCommand.run("seed", new String[] {
                "--province=Bắc Ninh",
                "--zooms=7-10",
                "--ruralatlas.geopackage.path=" + gpkg,
                "--ruralatlas.tiles.cache-dir=" + tiles
            });
        } finally {
            System.setErr(err);
        }
        String out = progress.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThat(code).as(out).isZero();
        org.assertj.core.api.Assertions.assertThat(out)
                .contains("seed: all, zooms 7-10")
                .contains("100%")
                .contains("done");
        org.assertj.core.api.Assertions.assertThat(tiles.resolve("all/10")).isDirectory();
    }

    @Test
    void aWriteToTheFileByAnotherProgramShowsInTheTileWithinASecond() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        TileCoord t = tileOfFirstSite(14);
        String path = "/collections/tourism/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        Http.bytes(url(path));
        String farmsTag = Http.get(url("/collections/farms/items?limit=1")).header("ETag");
        String tourismTag = Http.get(url("/collections/tourism/items?limit=1")).header("ETag");
        // another program writes to the file: GDAL, with its GeoPackage SQL functions (the R-tree triggers need them)
        Processes.Result write = Processes.run(
                60,
                java.util.List.of(
                        "ogrinfo",
                        gpkg.toString(),
                        "-sql",
                        "UPDATE tourism SET name = name || ' (sửa)' WHERE site_id = '" + id + "'"));
        org.assertj.core.api.Assertions.assertThat(write.exitCode())
                .as(write.output())
                .isZero();
        awaitTile(
                path,
                "name",
                r -> r.getOrDefault("tourism", java.util.List.of()).stream().anyMatch(n -> n.endsWith("(sửa)")),
                1000);
        // only the layer written to has a new version: the farms keep their ETag (and tiles, downloads)
        org.assertj.core.api.Assertions.assertThat(
                        Http.get(url("/collections/tourism/items?limit=1")).header("ETag"))
                .isNotEqualTo(tourismTag);
        org.assertj.core.api.Assertions.assertThat(
                        Http.get(url("/collections/farms/items?limit=1")).header("ETag"))
                .isEqualTo(farmsTag);
    }
}
