package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Downloads from the embedded GeoPackage; another program writes to the file with GDAL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeoPackageDownloadTest extends DownloadContract {

    private static Path gpkg;

    @DynamicPropertySource
    static void geopackage(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("ruralatlas-gpkg-downloads");
        gpkg = folder.resolve("atlas.gpkg");
        registry.add("ruralatlas.geopackage.path", gpkg::toString);
        registry.add("ruralatlas.downloads.cache-dir", () -> folder.resolve("downloads").toString());
        registry.add("ruralatlas.downloads.burst", () -> "100000");
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
    }

    @Override
    void writeFromOutside(String layer, String idColumn, String id, String column, String suffix) {
        Processes.Result r = Processes.run(60, List.of("ogrinfo", gpkg.toString(), "-sql",
                "UPDATE " + layer + " SET " + column + " = " + column + " || '" + suffix + "' WHERE " + idColumn + " = '" + id + "'"));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
