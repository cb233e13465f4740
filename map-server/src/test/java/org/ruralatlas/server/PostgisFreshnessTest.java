package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.WebMercator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Freshness on PostGIS whatever happens: the change listener's connection killed under tile load
 * with a write committed meanwhile, a 20,000-row load by the loader or by a psql-style transaction
 * of single-row INSERTs. After each commit the next tile request over it is fresh within a
 * second, and the lag metric counts from the commit.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisFreshnessTest {

    private static String database;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.withSample("fresh");
        Path cacheDir = Files.createTempDirectory("ruralatlas-fresh-tiles");
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.tiles.cache-dir", cacheDir::toString);
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    static Connection connection() throws SQLException {
        return TestDatabase.dataSource(database).getConnection();
    }

    static String tilePath(TileCoord t) {
        return "/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
    }

    /**
     * Polls the tile until its bytes hold the text (MVT keeps string values as UTF-8); returns the
     * milliseconds from {@code since} to the sending of the first request answered with it. A request
     * sent within the second must not be answered stale after it: the time a slow answer takes on a
     * loaded machine is the client's wait, not staleness.
     */
    long millisUntilTileHolds(String path, String text, long since) throws InterruptedException {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        while (true) {
            long sent = System.nanoTime();
            Http.BinaryReply r = Http.bytes(url(path));
            long elapsed = (sent - since) / 1_000_000;
            if (r.status() == 200 && indexOf(r.body(), wanted) >= 0) {
                return elapsed;
            }
            assertThat(elapsed)
                    .as("%s still without %s in a request sent %d ms after the commit", path, text, elapsed)
                    .isLessThan(1000);
            Thread.sleep(10);
        }
    }

    static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aListenerKilledUnderTileLoadWithAWriteCommittedMeanwhileLeavesNoStaleTile() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        double lon = site.get("geometry").get("coordinates").get(0).asDouble();
        double lat = site.get("geometry").get("coordinates").get(1).asDouble();
        // the tiles over the site, every set that holds tourism, zooms 10-14; the load also asks for their neighbours
        List<String> targets = new ArrayList<>();
        List<String> load = new ArrayList<>();
        for (int z = 10; z <= 14; z++) {
            TileCoord t = TileCoord.containing(z, lon, lat);
            targets.add(tilePath(t));
            targets.add("/collections/tourism/tiles/WebMercatorQuad/" + z + "/" + t.y() + "/" + t.x());
            for (int dx = -2; dx <= 2; dx++) {
                load.add(tilePath(new TileCoord(z, t.x() + dx, t.y())));
                load.add("/collections/communes/tiles/WebMercatorQuad/" + z + "/" + t.y() + "/" + (t.x() + dx));
            }
        }
        load.addAll(targets);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            Random r = new Random(c);
            clients.submit(() -> {
                while (running.get()) {
                    String path = load.get(r.nextInt(load.size()));
                    try {
                        int status = Http.bytes(url(path)).status();
                        if (status != 200 && status != 204) {
                            failures.merge(path + " " + status, 1, Integer::sum);
                        }
                    } catch (RuntimeException e) {
                        failures.merge(path + " " + e, 1, Integer::sum);
                    }
                }
            });
        }
        try {
            for (int i = 0; i < 20; i++) {
                String marker = "reconnect-" + i + "-" + System.nanoTime();
                targets.forEach(p -> Http.bytes(url(p)));
                long committed;
                try (Connection c = connection();
                        Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    // every listener gone (waiting until each backend has exited), then the write, in one transaction
                    try (ResultSet rs = s.executeQuery(
                            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                                    + "WHERE datname = current_database() AND query = 'LISTEN ruralatlas_changes' AND pid <> pg_backend_pid()")) {
                        rs.next();
                        assertThat(rs.getLong(1))
                                .as("round %d: listeners killed", i)
                                .isPositive();
                    }
                    s.executeUpdate(
                            "UPDATE ruralatlas.tourism SET name = '" + marker + "' WHERE site_id = '" + id + "'");
                    c.commit();
                    committed = System.nanoTime();
                }
                for (String path : targets) {
                    millisUntilTileHolds(path, marker, committed);
                }
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures)
                .as("tile answers other than 200 and 204 under load")
                .isEmpty();
    }

    /** A z12 tile in the Red River delta and the lon/lat box of its z10 parent, where the bulk loads put their farms. */
    static TileCoord bulkTile() {
        return TileCoord.containing(12, 105.97, 21.12);
    }

    static Envelope lonLat(TileCoord t) {
        Envelope m = WebMercator.envelope(t);
        return new Envelope(
                WebMercator.lon(m.getMinX()),
                WebMercator.lon(m.getMaxX()),
                WebMercator.lat(m.getMinY()),
                WebMercator.lat(m.getMaxY()));
    }

    @Test
    void aTwentyThousandRowLoadIsInTheNextTileWithinASecond() throws Exception {
        TileCoord t = bulkTile();
        Envelope area = lonLat(t.parent().parent());
        String marker = "loaded-" + System.nanoTime();
        Path file = dir.resolve("farms.geojson");
        Random r = new Random(20_000);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int i = 0; i < 20_000; i++) {
                double lon = area.getMinX() + area.getWidth() * r.nextDouble();
                double lat = area.getMinY() + area.getHeight() * r.nextDouble();
                w.write((i == 0 ? "" : ",\n")
                        + "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat
                        + "]},\"properties\":{\"farm_id\":\"" + marker + "-" + i + "\",\"name\":\"" + marker
                        + "\",\"owner_type\":\"household\"}}");
            }
            w.write("]}\n");
        }
        Http.bytes(url(tilePath(t)));
        Http.bytes(url("/collections/farms/tiles/WebMercatorQuad/12/" + t.y() + "/" + t.x()));
        assertThat(LoadCommand.run(new String[] {"--db-url=" + database, "--layer=farms", file.toString()}))
                .isZero();
        long loaded = System.nanoTime();
        millisUntilTileHolds(tilePath(t), marker, loaded);
        millisUntilTileHolds("/collections/farms/tiles/WebMercatorQuad/12/" + t.y() + "/" + t.x(), marker, loaded);
    }

    @Test
    void aTransactionOfTwentyThousandSingleRowInsertsIsAnnouncedOnceAndInTheNextTileWithinASecond() throws Exception {
        TileCoord t = bulkTile();
        Envelope area = lonLat(t.parent().parent());
        String marker = "psql-" + System.nanoTime();
        Http.bytes(url(tilePath(t)));
        try (Connection listening = connection();
                Connection c = connection();
                Statement s = c.createStatement()) {
            try (Statement l = listening.createStatement()) {
                l.execute("LISTEN ruralatlas_changes");
            }
            c.setAutoCommit(false);
            Random r = new Random(7);
            for (int i = 0; i < 20_000; i++) {
                // one statement per row, as a psql script or an ETL tool sends them (pipelined: the
                // server's work per statement is what counts, not a round trip each)
                s.addBatch("INSERT INTO ruralatlas.farms (farm_id, name, geom) VALUES ('" + marker + "-" + i + "', '"
                        + marker
                        + "', ST_SetSRID(ST_MakePoint(" + (area.getMinX() + area.getWidth() * r.nextDouble()) + ", "
                        + (area.getMinY() + area.getHeight() * r.nextDouble()) + "), 4326))");
                if (i % 1000 == 999) {
                    s.executeBatch();
                }
            }
            c.commit();
            long committed = System.nanoTime();
            millisUntilTileHolds(tilePath(t), marker, committed);
            List<String> heard = new ArrayList<>();
            PGNotification[] notes;
            while ((notes = listening.unwrap(PGConnection.class).getNotifications(500)) != null && notes.length > 0) {
                for (PGNotification n : notes) {
                    heard.add(n.getParameter());
                }
            }
            assertThat(heard).as("one notification for the transaction").hasSize(1);
            assertThat(heard.get(0)).contains("\"layer\" : \"farms\"");
        }
    }

    @Test
    void theLagIsMeasuredFromTheCommitNotFromTheStatement() throws Exception {
        TileCoord t = bulkTile();
        Envelope area = lonLat(t);
        String marker = "slow-" + System.nanoTime();
        Http.bytes(url(tilePath(t)));
        double[] before = lag();
        try (Connection c = connection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO ruralatlas.farms (farm_id, name, geom) VALUES ('" + marker + "', '" + marker
                    + "', ST_SetSRID(ST_MakePoint(" + area.centre().x + ", " + area.centre().y + "), 4326))");
            // a transaction that stays open 1.5 s after its statement
            Thread.sleep(1500);
            c.commit();
        }
        millisUntilTileHolds(tilePath(t), marker, System.nanoTime());
        double[] after = lag();
        assertThat(after[0] - before[0]).as("one change applied").isEqualTo(1.0);
        assertThat(after[1] - before[1])
                .as("its lag in seconds, from the commit")
                .isLessThan(1.0);
    }

    /** The lag timer's count and total seconds. */
    double[] lag() {
        // the metrics are the administrator's
        JsonNode m = Http.asAdmin(url("/actuator/metrics/ruralatlas.tiles.invalidation.lag"))
                .json()
                .get("measurements");
        double count = 0;
        double total = 0;
        for (JsonNode x : m) {
            switch (x.get("statistic").asString()) {
                case "COUNT" -> count = x.get("value").asDouble();
                case "TOTAL_TIME" -> total = x.get("value").asDouble();
                default -> {}
            }
        }
        return new double[] {count, total};
    }
}
