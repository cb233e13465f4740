package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14: {@code kill -9} of the server in the middle of a 100,000-feature import leaves the
 * layer exactly as before (rows and audit counted and hashed), and the same import then succeeds
 * on a new server. The server runs in its own JVM at -Xmx512m so that it can be killed with SIGKILL.
 */
@IntegrationTest
class PostgisImportKillTest {

    private static final int FEATURES = 100_000;
    private static final String AUTH = "Bearer " + Http.ADMIN_TOKEN;

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledImportLeavesTheLayerAsItWasAndTheSameImportThenSucceeds() throws Exception {
        String db = TestDatabase.withSample("importkill");
        String base = start(db, "first");
        Path file = farms(base);
        String before = state(db);
        String location = post(base, file);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode job;
        while (true) {
            job = Http.get(location, "Authorization", AUTH).json();
            // halfway through the file: rows are streaming into the open transaction
            if (job.get("state").asString().equals("running")
                    && job.get("rowsRead").asLong() >= FEATURES / 2) {
                break;
            }
            assertThat(job.get("state").asString()).as(job.toString()).isIn("queued", "running");
            assertThat(System.nanoTime()).as("the import starts").isLessThan(deadline);
            Thread.sleep(5);
        }
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the server
        server.waitFor(30, TimeUnit.SECONDS);
        System.out.printf(
                Locale.ROOT,
                "import killed at %d of %d rows read%n",
                job.get("rowsRead").asLong(),
                FEATURES);
        assertThat(state(db)).as("the layer and its audit after the kill").isEqualTo(before);

        String again = start(db, "second");
        long t0 = System.nanoTime();
        String second = post(again, file);
        while (true) {
            job = Http.get(second, "Authorization", AUTH).json();
            String s = job.get("state").asString();
            if (!s.equals("queued") && !s.equals("running")) {
                break;
            }
            assertThat(System.nanoTime() - t0).as("the import ends").isLessThan(TimeUnit.SECONDS.toNanos(300));
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("report").get("accepted").asLong()).isEqualTo(FEATURES);
        System.out.printf(
                Locale.ROOT,
                "import of %d features after the kill: %.1f s (%.0f rows/s)%n",
                FEATURES,
                seconds,
                FEATURES / seconds);
        try (Connection c = TestDatabase.dataSource(db).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM ruralatlas.farms WHERE farm_id LIKE 'kill-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(FEATURES);
        }
    }

    /** The farms' rows and the audit's, counted and hashed in the database. */
    private static String state(String db) throws Exception {
        try (Connection c = TestDatabase.dataSource(db).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT (SELECT count(*) || ' ' || md5(coalesce(string_agg(f::text, ','"
                                + " ORDER BY farm_id), '')) FROM ruralatlas.farms f),"
                                + " (SELECT count(*) || ' ' || coalesce(max(revision), 0) FROM ruralatlas.feature_revisions)")) {
            rs.next();
            return rs.getString(1) + " / " + rs.getString(2);
        }
    }

    /** 100,000 small farms a few metres apart around farm-00001 (province 24), as GeoJSON. */
    private Path farms(String base) throws IOException {
        JsonNode c = Http.get(base + "/collections/farms/items/farm-00001")
                .json()
                .get("geometry")
                .get("coordinates");
        double x = c.get(0).asDouble();
        double y = c.get(1).asDouble();
        Path file = dir.resolve("farms.geojson");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int i = 0; i < FEATURES; i++) {
                w.write(String.format(
                        Locale.ROOT,
                        "%s{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]},"
                                + "\"properties\":{\"farm_id\":\"kill-%06d\",\"name\":\"Trại %d\",\"province_code\":\"24\"}}\n",
                        i == 0 ? "" : ",",
                        x + (i % 300) * 1e-6,
                        y + (i / 300) * 1e-7,
                        i,
                        i));
            }
            w.write("]}\n");
        }
        return file;
    }

    private static String post(String base, Path file) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/collections/farms/imports"))
                                .header("Authorization", AUTH)
                                .header("Content-Type", "application/geo+json")
                                .POST(HttpRequest.BodyPublishers.ofFile(file))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JsonMapper.builder()
                .build()
                .readTree(r.body())
                .get("links")
                .get(0)
                .get("href")
                .asString();
    }

    private String start(String db, String name) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                MapServerApplication.class.getName(),
                "--server.port=" + port,
                "--ruralatlas.db.url=" + db,
                "--ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
                "--ruralatlas.tiles.cache-dir=" + dir.resolve("tiles-" + name)));
        Path log = dir.resolve(name + ".log");
        server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(server.isAlive())
                    .as("server %s: %s", name, Files.readString(log))
                    .isTrue();
            try {
                if (Http.get(base + "/actuator/health/readiness").status() == 200) {
                    return base;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("server %s ready", name).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
