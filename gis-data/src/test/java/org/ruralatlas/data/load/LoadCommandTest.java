package org.ruralatlas.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.testing.TestDatabase;

class LoadCommandTest {

    @TempDir
    Path dir;

    @Test
    void loadingTheSampleTwiceLeavesTheSameRows() throws SQLException {
        String url = TestDatabase.freshDatabase("load", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url})).isZero();
        long farms = count(url, "farms");
        long communes = count(url, "communes");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url})).isZero();
        assertThat(count(url, "farms")).isEqualTo(farms).isGreaterThanOrEqualTo(2000);
        assertThat(count(url, "communes")).isEqualTo(communes).isEqualTo(3321);
    }

    @Test
    void loadsAGeoJsonFileIntoALayer() throws IOException, SQLException {
        String url = TestDatabase.freshDatabase("geojson", true);
        Path file = dir.resolve("sites.geojson");
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","id":"site-x1","geometry":{"type":"Point","coordinates":[106.55,21.38]},
                  "properties":{"name":"Vườn vải Thanh Hà","category":"eco_agri","ocop_stars":4,"sample":false}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[105.8,21.0]},
                  "properties":{"site_id":"site-x2","name":"Làng gốm Bát Tràng","category":"craft_village"}}]}""");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=tourism", file.toString()})).isZero();
        assertThat(count(url, "tourism")).isEqualTo(2);
        assertThat(scalar(url, "SELECT ocop_stars || ' ' || name FROM ruralatlas.tourism WHERE site_id = 'site-x1'"))
                .isEqualTo("4 Vườn vải Thanh Hà");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=tourism", file.toString()})).isZero();
        assertThat(count(url, "tourism")).isEqualTo(2);
    }

    @Test
    void aBadFileWritesNothing() throws IOException, SQLException {
        String url = TestDatabase.freshDatabase("allornothing", true);
        Path file = dir.resolve("farms.geojson");
        // the second feature is a line: the farms table takes points and polygons only, so the first must not land either
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[106.55,21.38]},"properties":{"farm_id":"f1"}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[106,21],[107,22]]},"properties":{"farm_id":"f2"}}]}""");
        String err = stderrOf(() -> assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=farms", file.toString()})).isEqualTo(1));
        assertThat(err).startsWith("load: loading into PostGIS failed, nothing was written").contains("farms_geom_check");
        assertThat(count(url, "farms")).isZero();
    }

    @Test
    void badArgumentsAndUnreachableDatabasesFailInOneLine() {
        String usage = stderrOf(() -> assertThat(LoadCommand.run(new String[] {"--db-url=mysql://x"})).isEqualTo(2));
        assertThat(usage).startsWith("load: --db-url must start with jdbc:postgresql:");
        String down = stderrOf(() -> assertThat(LoadCommand.run(
                new String[] {"--db-url=jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2"})).isEqualTo(1));
        assertThat(down).startsWith("load: cannot connect to the PostGIS database");
        String unknown = stderrOf(() -> assertThat(LoadCommand.run(new String[] {
            "--db-url=" + TestDatabase.freshDatabase("unknownlayer", true), "--layer=roads", "x.geojson"})).isEqualTo(1));
        assertThat(unknown).startsWith("load: cannot read x.geojson");
    }

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        // the command's own message is its last line (libraries may log warnings before it)
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("load: ")).toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static long count(String url, String table) throws SQLException {
        return Long.parseLong(scalar(url, "SELECT count(*) FROM ruralatlas." + table));
    }

    private static String scalar(String url, String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource(url).getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
