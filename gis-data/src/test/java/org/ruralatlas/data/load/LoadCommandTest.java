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
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

@IntegrationTest
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
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=tourism", file.toString()}))
                .isZero();
        assertThat(count(url, "tourism")).isEqualTo(2);
        assertThat(scalar(url, "SELECT ocop_stars || ' ' || name FROM ruralatlas.tourism WHERE site_id = 'site-x1'"))
                .isEqualTo("4 Vườn vải Thanh Hà");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=tourism", file.toString()}))
                .isZero();
        assertThat(count(url, "tourism")).isEqualTo(2);
    }

    @Test
    void aBadFileWritesNothing() throws IOException, SQLException {
        String url = TestDatabase.freshDatabase("allornothing", true);
        Path file = dir.resolve("farms.geojson");
        // the second feature is a line: the farms table takes points and polygons only, so the first must not land
        // either
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[106.55,21.38]},"properties":{"farm_id":"f1"}},
                 {"type":"Feature","geometry":{"type":"LineString","coordinates":[[106,21],[107,22]]},"properties":{"farm_id":"f2"}}]}""");
        String err = stderrOf(() -> assertThat(
                        LoadCommand.run(new String[] {"--db-url=" + url, "--layer=farms", file.toString()}))
                .isEqualTo(1));
        assertThat(err)
                .startsWith("load: loading into PostGIS failed, nothing was written")
                .contains("farms_geom_check");
        assertThat(count(url, "farms")).isZero();
    }

    /** A GeoJSON file of {@code n} farms with ids {@code prefix-0…}, spread over Vietnam, every property set; the same for the same arguments. */
    Path farms(String prefix, int n, String name) throws IOException {
        Path file = dir.resolve(prefix + "-" + n + ".geojson");
        try (java.io.Writer w = Files.newBufferedWriter(file)) {
            writeFarms(w, prefix, n, name);
            w.write("]}\n");
        }
        return file;
    }

    /** The opening of a farms FeatureCollection and its {@code n} features, without the closing brackets. */
    private static void writeFarms(java.io.Writer w, String prefix, int n, String name) throws IOException {
        java.util.Random r = new java.util.Random(n);
        w.write("{\"type\":\"FeatureCollection\",\"name\":\"farms\",\"features\":[\n");
        for (int i = 0; i < n; i++) {
            double lon = 102.2 + 7.2 * r.nextDouble();
            double lat = 8.6 + 14.7 * r.nextDouble();
            String geometry = i % 5 == 0
                    ? "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[" + lon + "," + lat + "],[" + (lon + 0.002) + ","
                            + lat + "],[" + (lon + 0.002) + "," + (lat + 0.002) + "],[" + lon + "," + lat + "]]]]}"
                    : "{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat + "]}";
            w.write(
                    (i == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"geometry\":" + geometry
                            + ",\"properties\":{\"farm_id\":\""
                            + prefix + "-" + i + "\",\"name\":\"" + name + " " + i
                            + "\",\"owner_type\":\"household\",\"main_product\":\"lua\","
                            + "\"area_ha\":" + (i % 50)
                            + ".5,\"certifications\":[\"VietGAP\"],\"ocop_products\":[{\"name\":\"Gạo \\\"tám\\\"\\tthơm\","
                            + "\"stars\":4}],\"ocop_stars\":4,\"commune_code\":\"07330\",\"source_date\":\"2026-01-01\",\"sample\":true}}");
        }
    }

    @Test
    void aLoadAnnouncesItselfOnceAndTakesTimeInProportionToItsRows() throws Exception {
        String url = TestDatabase.freshDatabase("bulk", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--migrate-only"}))
                .isZero();
        assertThat(LoadCommand.run(new String[] {
                    "--db-url=" + url,
                    "--layer=farms",
                    farms("first", 2_000, "Trại").toString()
                }))
                .isZero();
        Path small = farms("small", 5_000, "Trại");
        Path big = farms("big", 20_000, "Trại");
        try (Connection listening = TestDatabase.dataSource(url).getConnection()) {
            try (Statement s = listening.createStatement()) {
                s.execute("LISTEN ruralatlas_changes");
            }
            // into a table that has rows: the general way (staging table, one INSERT … ON CONFLICT)
            long version = version(url);
            double[] seconds = timedLoads(url, small, big);
            assertThat(count(url, "farms")).isEqualTo(27_000);
            assertThat(notifications(listening))
                    .as("one per load, not one per statement or per row")
                    .isEqualTo(2);
            assertThat(version(url)).isEqualTo(version + 2);
            for (int attempt = 1; seconds[1] > 8 * seconds[0] && attempt < 3; attempt++) {
                // a busy machine can slow one of the two: measure again (loading them again writes nothing)
                seconds = timedLoads(url, small, big);
            }
            assertThat(seconds[1])
                    .as("20,000 rows against 5,000 (%.2f s, %.2f s): linear, not quadratic", seconds[1], seconds[0])
                    .isLessThan(8 * seconds[0]);
            notifications(listening);
            // the same file again changes nothing, so nothing is announced and no version moves
            version = version(url);
            assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=farms", big.toString()}))
                    .isZero();
            assertThat(notifications(listening)).isZero();
            assertThat(version(url)).isEqualTo(version);
            assertThat(
                            scalar(
                                    url,
                                    "SELECT ocop_products::text || ' ' || ST_AsText(geom) FROM ruralatlas.farms WHERE farm_id = 'big-5'"))
                    .startsWith("[{\"name\": \"Gạo \\\"tám\\\"\\tthơm\", \"stars\": 4}] MULTIPOLYGON(((");
        }
    }

    private double[] timedLoads(String url, Path... files) {
        double[] seconds = new double[files.length];
        for (int i = 0; i < files.length; i++) {
            long start = System.nanoTime();
            assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=farms", files[i].toString()}))
                    .isZero();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    private static int notifications(Connection listening) throws SQLException {
        int n = 0;
        org.postgresql.PGNotification[] got;
        while ((got = listening.unwrap(org.postgresql.PGConnection.class).getNotifications(300)) != null
                && got.length > 0) {
            n += got.length;
        }
        return n;
    }

    private static long version(String url) throws SQLException {
        return Long.parseLong(scalar(url, "SELECT version FROM ruralatlas.layer_versions WHERE layer = 'farms'"));
    }

    @Test
    void anIdTwiceInAFileKeepsItsLastFeatureWhetherTheTableIsEmptyOrNot() throws Exception {
        String url = TestDatabase.freshDatabase("twice", true);
        Path file = dir.resolve("twice.geojson");
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[106.55,21.38]},"properties":{"site_id":"s1","name":"first"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[105.8,21.0]},"properties":{"site_id":"s2","name":"other"}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[106.6,21.4]},"properties":{"site_id":"s1","name":"last"}}]}""");
        for (int load = 0; load < 2; load++) {
            assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=tourism", file.toString()}))
                    .isZero();
            assertThat(count(url, "tourism")).isEqualTo(2);
            assertThat(scalar(
                            url, "SELECT name || ' ' || ST_AsText(geom) FROM ruralatlas.tourism WHERE site_id = 's1'"))
                    .isEqualTo("last POINT(106.6 21.4)");
        }
    }

    @Test
    void aFileBiggerThanTheHeapIsStreamed() throws Exception {
        String url = TestDatabase.freshDatabase("streamed", true);
        Path file = farms("streamed", 90_000, "Trang trại có tên khá dài để tệp lớn hơn bộ nhớ");
        assertThat(Files.size(file)).isGreaterThan(40L << 20);
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx32m",
                "-cp",
                System.getProperty("java.class.path"),
                LoadCommand.class.getName(),
                "--db-url=" + url,
                "--layer=farms",
                file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError").contains("load farms: 90,000 rows in");
        assertThat(count(url, "farms")).isEqualTo(90_000);
    }

    @Test
    void aLoadKilledMidwayLeavesTheLayerAsItWasAndHoldsNothing() throws Exception {
        String url = TestDatabase.freshDatabase("killed", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url})).isZero();
        long before = count(url, "farms");
        // the file is a pipe: the loader streams 50,000 farms into its COPY, then waits for more, mid-transaction
        Path pipe = dir.resolve("killed.geojson");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor())
                .isZero();
        Path log = dir.resolve("killed.log");
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                LoadCommand.class.getName(),
                "--db-url=" + url,
                "--layer=farms",
                pipe.toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
        Thread feeder = new Thread(
                () -> {
                    try (java.io.Writer w = Files.newBufferedWriter(pipe)) {
                        writeFarms(w, "killed", 50_000, "Trang trại");
                        w.flush();
                        killed.await();
                    } catch (IOException | InterruptedException e) {
                        // the reader is gone: the pipe is broken, as it should be
                    }
                },
                "feeder");
        feeder.setDaemon(true);
        feeder.start();
        long copied = 0;
        for (long deadline = System.nanoTime() + 120_000_000_000L;
                copied < 40_000 && p.isAlive() && System.nanoTime() < deadline; ) {
            Thread.sleep(100);
            copied = Long.parseLong(
                    scalar(
                            url,
                            "SELECT coalesce(max(tuples_processed), 0) FROM pg_stat_progress_copy WHERE datname = current_database()"));
        }
        assertThat(copied)
                .as("rows in the COPY before the kill; the loader said: %s", Files.readString(log))
                .isGreaterThanOrEqualTo(40_000);
        p.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        killed.countDown();
        feeder.join(30_000);

        assertThat(count(url, "farms")).as("nothing of the killed load").isEqualTo(before);
        assertThat(scalar(url, "SELECT count(*) FROM ruralatlas.farms WHERE farm_id LIKE 'killed-%'"))
                .isEqualTo("0");
        // the killed transaction holds nothing: loading the same ids again finishes
        Path again = farms("killed", 10, "Trang trại");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--layer=farms", again.toString()}))
                .isZero();
        assertThat(count(url, "farms")).isEqualTo(before + 10);
    }

    @Test
    void badArgumentsAndUnreachableDatabasesFailInOneLine() {
        String usage = stderrOf(() ->
                assertThat(LoadCommand.run(new String[] {"--db-url=mysql://x"})).isEqualTo(2));
        assertThat(usage).startsWith("load: --db-url must start with jdbc:postgresql:");
        String down = stderrOf(() -> assertThat(
                        LoadCommand.run(new String[] {"--db-url=jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2"}))
                .isEqualTo(1));
        assertThat(down).startsWith("load: cannot connect to the PostGIS database");
        String unknown = stderrOf(() -> assertThat(LoadCommand.run(new String[] {
                    "--db-url=" + TestDatabase.freshDatabase("unknownlayer", true), "--layer=roads", "x.geojson"
                }))
                .isEqualTo(1));
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
        List<String> lines = buf.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("load: "))
                .toList();
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    private static long count(String url, String table) throws SQLException {
        return Long.parseLong(scalar(url, "SELECT count(*) FROM ruralatlas." + table));
    }

    private static String scalar(String url, String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource(url).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
