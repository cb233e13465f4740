package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ruralatlas.data.io.FlatGeobufWriter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Downloads from the embedded GeoPackage; another program writes to the file with GDAL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeoPackageDownloadTest extends DownloadContract {

    private static Path gpkg;

    /** A FlatGeobuf scratch file left by a server stopped while it exported farms. */
    private static Path leftover;

    @DynamicPropertySource
    static void geopackage(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("ruralatlas-gpkg-downloads");
        gpkg = folder.resolve("atlas.gpkg");
        registry.add("ruralatlas.geopackage.path", gpkg::toString);
        registry.add("ruralatlas.geopackage.create", () -> "true");
        registry.add(
                "ruralatlas.downloads.cache-dir",
                () -> folder.resolve("downloads").toString());
        leftover = folder.resolve("downloads/farms/.farms-20261201.index" + FlatGeobufWriter.SCRATCH_SUFFIX);
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "the index of an export cut short");
        registry.add("ruralatlas.downloads.burst", () -> "100000");
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
    }

    @org.junit.jupiter.api.Test
    void namesAndLastModifiedCarryTheSamplesStatedDateNotTheBuildsOrTodays() {
        // provinces: a layer no test here writes to
        Http.BinaryReply r = Http.bytes(url("/downloads/provinces.geojson"));
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"ruralatlas-provinces-" + org.ruralatlas.data.sample.SampleData.DATE
                        + ".geojson\"");
        assertThat(r.header("Last-Modified")).isEqualTo("Sun, 02 Aug 2026 00:00:00 GMT");
        assertThat(Http.get(url("/downloads?f=json")).text()).contains("2026-08-02T00:00:00Z");
    }

    @org.junit.jupiter.api.Test
    void scratchFilesOfAnExportCutShortAreDeletedAtStart() {
        assertThat(leftover).doesNotExist();
        assertThat(leftover.getParent()).exists();
    }

    @Override
    void writeFromOutside(String layer, String idColumn, String id, String column, String suffix) {
        Processes.Result r = Processes.run(
                60,
                List.of(
                        "ogrinfo",
                        gpkg.toString(),
                        "-sql",
                        "UPDATE " + layer + " SET " + column + " = " + column + " || '" + suffix + "' WHERE " + idColumn
                                + " = '" + id + "'"));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
