package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Imports into the embedded GeoPackage (its revisions table written in the import's transaction). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN, ImportContract.LIMITS, ImportContract.ZIP_LIMITS})
class GeoPackageImportTest implements ImportContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @TempDir
    static Path dir;

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public Path folder() {
        return dir;
    }

    /** The command line imports into the GeoPackage a server with the same settings serves, all or nothing. */
    @Test
    void theCommandLineImportsWithProgressAndExitCodes() throws Exception {
        Path gpkg = SampleData.copyTo(dir.resolve("cli.gpkg"));
        Path file = dir.resolve("cli.geojson");
        Files.write(file, geojson("cli", 3, "household"));
        String setting = "--ruralatlas.geopackage.path=" + gpkg;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(cli(out, err, "import", "--collection", "farms", file.toString(), "--dry-run", setting))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"accepted\" : 3");
        assertThat(count(gpkg)).isZero();
        assertThat(cli(out, err, "import", "--collection", "farms", file.toString(), "--actor", "etl-2026", setting))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("3 rows read").contains("written");
        assertThat(count(gpkg)).isEqualTo(3);
        assertThat(cli(out, err, "import", "--collection", "farms", file.toString(), setting))
                .as("the same ids again")
                .isEqualTo(1);
        assertThat(count(gpkg)).isEqualTo(3);
        assertThat(cli(out, err, "import", "--collection", "farms", setting)).isEqualTo(2);
        assertThat(cli(out, err, "import", "--collection", "nowhere", file.toString(), setting))
                .isEqualTo(2);
        assertThat(cli(out, err, "import", "--collection", "farms", file.toString(), "--crs", "EPSG:1", setting))
                .isEqualTo(2);
        assertThat(cli(out, err, "import", "--colection", "farms", file.toString()))
                .isEqualTo(2);
    }

    private static int cli(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        out.reset();
        err.reset();
        return CommandLine.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The farms the command imported, with their audit: each revision is the actor's. */
    private static long count(Path gpkg) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + gpkg.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (SELECT count(*) FROM farms WHERE farm_id LIKE 'cli-%'),"
                                + " (SELECT count(*) FROM ruralatlas_revisions WHERE feature_id LIKE 'cli-%' AND actor = 'etl-2026')")) {
            rs.next();
            assertThat(rs.getLong(2)).as("revisions by the actor").isEqualTo(rs.getLong(1));
            return rs.getLong(1);
        }
    }
}
