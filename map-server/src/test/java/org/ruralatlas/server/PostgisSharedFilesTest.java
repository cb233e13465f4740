package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.WebMercator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18: what two servers of one PostGIS database share besides it. Server A runs in its own
 * JVM (so that it can be killed with SIGKILL), server B in this one; both use one tile folder
 * (a shared volume) and each its own download folder. A download cut by A's death is resumed on B
 * with {@code Range} and A's {@code If-Range}, and the pieces make the file B sends whole (same
 * ETag, same bytes: exports are a function of the data version and the format only).
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgisSharedFilesTest {

    @TempDir
    static Path dir;

    private static Process serverA;
    private static ConfigurableApplicationContext serverB;
    private static String a;
    private static String b;
    private static String db;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.withSample("sharedfiles");
        Path tiles = dir.resolve("tiles");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                System.getProperty("java.class.path"),
                MapServerApplication.class.getName()));
        command.addAll(args(db, port, tiles, dir.resolve("downloads-a")));
        serverA = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("a.log").toFile())
                .start();
        a = "http://127.0.0.1:" + port;
        serverB = new SpringApplicationBuilder(MapServerApplication.class)
                .run(args(db, 0, tiles, dir.resolve("downloads-b")).toArray(String[]::new));
        b = "http://127.0.0.1:"
                + ((WebServerApplicationContext) serverB).getWebServer().getPort();
        awaitReady(a, serverA);
    }

    private static List<String> args(String db, int port, Path tiles, Path downloads) {
        return List.of(
                "--server.port=" + port,
                "--ruralatlas.db.url=" + db,
                "--ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
                "--ruralatlas.downloads.burst=1000",
                "--ruralatlas.tiles.cache-dir=" + tiles,
                "--ruralatlas.downloads.cache-dir=" + downloads);
    }

    @AfterAll
    static void stop() throws Exception {
        if (serverA != null && serverA.isAlive()) {
            serverA.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (serverB != null) {
            serverB.close();
        }
    }

    @Test
    @Order(1)
    void tilesSeededOnAAreServedByBFromTheSharedFolderWithoutMakingThemAgain() throws Exception {
        String auth = "Bearer " + Http.ADMIN_TOKEN;
        Envelope box = new Envelope(106.0, 106.25, 21.0, 21.2);
        Http.Reply started = Http.post(
                a + "/admin/tiles/seed?tileset=farms&bbox=106.0,21.0,106.25,21.2&zooms=11-13", "Authorization", auth);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = "/admin/tiles/jobs/" + started.json().get("id").asString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        JsonNode status;
        while (!(status = Http.get(a + job, "Authorization", auth).json())
                .get("state")
                .asString()
                .equals("finished")) {
            assertThat(status.get("state").asString()).as(status.toString()).isIn("queued", "running");
            assertThat(System.nanoTime()).as("seeding finished").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(status.get("tilesProduced").asLong()).as(status.toString()).isPositive();
        double producedBefore = counter(b, "produced");
        double diskBefore = counter(b, "disk");
        int tiles = 0;
        for (int z = 11; z <= 13; z++) {
            int[] r = WebMercator.range(z, box);
            for (int x = r[0]; x <= r[2]; x++) {
                for (int y = r[1]; y <= r[3]; y++) {
                    String path = "/collections/farms/tiles/WebMercatorQuad/" + z + "/" + y + "/" + x;
                    Http.BinaryReply fromB = Http.bytes(b + path);
                    assertThat(fromB.status()).as(path).isIn(200, 204);
                    assertThat(fromB.body())
                            .as(path)
                            .isEqualTo(Http.bytes(a + path).body());
                    tiles++;
                }
            }
        }
        assertThat(counter(b, "produced")).as("tiles B made").isEqualTo(producedBefore);
        assertThat(counter(b, "disk") - diskBefore)
                .as("tiles B read from the shared folder")
                .isEqualTo(tiles);
        System.out.printf(
                Locale.ROOT,
                "shared files: %d tiles seeded on A served by B from the shared folder, none made again%n",
                tiles);
    }

    @Test
    @Order(2)
    void aFarmMovedThroughALeavesNoOldTileInTheSharedFolderAndBServesTheNewOneWithinTwoSeconds() throws Exception {
        String path = "/collections/farms/items/" + EditContract.FARM_24;
        JsonNode at = Http.get(a + path).json().get("geometry").get("coordinates");
        for (int round = 0; round < 3; round++) {
            double lon = at.get(0).asDouble() + 0.0003 * (round + 1);
            double lat = at.get(1).asDouble();
            String marker = "shared-" + round + "-" + System.nanoTime();
            TileCoord t = TileCoord.containing(14, lon, lat);
            String tile = "/collections/farms/tiles/WebMercatorQuad/14/" + t.y() + "/" + t.x();
            for (String server : List.of(a, b)) {
                assertThat(Http.bytes(server + tile).status()).isIn(200, 204);
            }
            Path file = dir.resolve("tiles/farms/14/" + t.x() + "/" + t.y() + ".mvt");
            assertThat(file).exists();
            Http.Reply moved = Http.movePoint(a + path, lon, lat, marker);
            assertThat(moved.status()).as(moved.text()).isEqualTo(200);
            long answered = System.nanoTime();
            long onB = Waits.millisUntil(answered, () -> Http.holds(b + tile, marker));
            long onA = Waits.millisUntil(answered, () -> Http.holds(a + tile, marker));
            assertThat(Files.readAllBytes(file))
                    .as("the shared folder's tile")
                    .isEqualTo(Http.bytes(b + tile).body());
            System.out.printf(
                    Locale.ROOT,
                    "shared files: a farm moved through A in B's tile after %d ms, A's after %d ms%n",
                    onB,
                    onA);
        }
    }

    @Test
    @Order(3)
    void bothServersMakingTheSameTilesAtOnceLeaveWholeTilesInTheSharedFolder() throws Exception {
        List<String> paths = new ArrayList<>();
        TileCoord corner = TileCoord.containing(15, 106.05, 21.15);
        for (int dx = 0; dx < 6; dx++) {
            for (int dy = 0; dy < 5; dy++) {
                paths.add("/tiles/WebMercatorQuad/15/" + (corner.y() + dy) + "/" + (corner.x() + dx));
            }
        }
        double producedBefore = counter(a, "produced") + counter(b, "produced");
        Map<String, List<byte[]>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            String server = c % 2 == 0 ? a : b;
            List<String> order = new ArrayList<>(paths);
            java.util.Collections.shuffle(order, new java.util.Random(c));
            done.add(clients.submit(() -> {
                go.await();
                for (String path : order) {
                    Http.BinaryReply r = Http.bytes(server + path);
                    assertThat(r.status()).as(server + path).isIn(200, 204);
                    answers.computeIfAbsent(path, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(r.body());
                }
                return null;
            }));
        }
        go.countDown();
        for (java.util.concurrent.Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
        double produced = counter(a, "produced") + counter(b, "produced") - producedBefore;
        int layers = 0;
        for (String path : paths) {
            List<byte[]> got = answers.get(path);
            assertThat(got).hasSize(8);
            for (byte[] body : got) {
                assertThat(body).as(path).isEqualTo(got.get(0));
            }
            layers += Mvt.layerNames(got.get(0)).size();
            String[] zyx = path.substring("/tiles/WebMercatorQuad/".length()).split("/");
            Path file = dir.resolve("tiles/all/" + zyx[0] + "/" + zyx[2] + "/" + zyx[1] + ".mvt");
            assertThat(file).as("on disk").exists();
            assertThat(Files.readAllBytes(file)).as("%s on disk, whole", path).isEqualTo(got.get(0));
        }
        assertThat(layers).as("the tiles hold data").isPositive();
        try (var left = Files.walk(dir.resolve("tiles/all"))) {
            assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                            .toList())
                    .as("temporary files left")
                    .isEmpty();
        }
        System.out.printf(
                Locale.ROOT,
                "shared files: %d tiles asked 8 times at once over A and B: made %.0f times, all whole and equal%n",
                paths.size(),
                produced);
    }

    /** A counter of {@code ruralatlas_tiles_requests_total} on a server's Prometheus scrape, by answer (memory, disk, produced). */
    private static double counter(String server, String answer) {
        Http.Reply scrape = Http.get(server + "/actuator/prometheus", "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(scrape.status()).isEqualTo(200);
        double sum = 0;
        for (String line : scrape.text().lines().toList()) {
            if (line.startsWith("ruralatlas_tiles_requests_total{") && line.contains("answer=\"" + answer + "\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    @Test
    @Order(4)
    void aTileAnsweredAsImmutableForAVersionIsNeverOlderThanThatVersionWhileASiteIsRenamedAgainAndAgain()
            throws Exception {
        JsonNode site = Http.get(b + "/collections/tourism/items?limit=1")
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        JsonNode c = site.get("geometry").get("coordinates");
        TileCoord t = TileCoord.containing(14, c.get(0).asDouble(), c.get(1).asDouble());
        String tile = "/collections/tourism/tiles/WebMercatorQuad/14/" + t.y() + "/" + t.x() + "?v=";
        // the rename each version of the set is for: one writer, each rename's version seen before the next rename
        Map<String, Integer> renameOf = new java.util.concurrent.ConcurrentHashMap<>();
        renameOf.put(tourismVersion(), 0);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Map.Entry<String, Integer>> immutable = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.regex.Pattern renamed = java.util.regex.Pattern.compile("never-older-(\\d+)");
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> reading = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            reading.add(readers.submit(() -> {
                while (writing.get()) {
                    String v = tourismVersion();
                    Http.BinaryReply answer = Http.bytes(b + tile + v);
                    assertThat(answer.status()).isEqualTo(200);
                    if (!answer.header("Cache-Control").contains("immutable")) {
                        continue;
                    }
                    java.util.regex.Matcher m =
                            renamed.matcher(new String(answer.body(), java.nio.charset.StandardCharsets.ISO_8859_1));
                    immutable.add(Map.entry(v, m.find() ? Integer.parseInt(m.group(1)) : 0));
                }
                return null;
            }));
        }
        try (java.sql.Connection sql = java.sql.DriverManager.getConnection(db)) {
            for (int n = 1; n <= 12; n++) {
                String before = tourismVersion();
                try (var ps = sql.prepareStatement("UPDATE ruralatlas.tourism SET name = ? WHERE site_id = ?")) {
                    ps.setString(1, "never-older-" + n);
                    ps.setString(2, id);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                String after;
                while ((after = tourismVersion()).equals(before)) {
                    assertThat(System.nanoTime())
                            .as("a new version of the tourism tiles after rename " + n)
                            .isLessThan(deadline);
                    Thread.sleep(5);
                }
                renameOf.put(after, n);
            }
        } finally {
            writing.set(false);
        }
        for (java.util.concurrent.Future<?> f : reading) {
            f.get(60, TimeUnit.SECONDS);
        }
        readers.shutdown();
        List<String> older = new ArrayList<>();
        long known = 0;
        for (Map.Entry<String, Integer> answer : immutable) {
            Integer of = renameOf.get(answer.getKey());
            if (of != null) {
                known++;
                if (answer.getValue() < of) {
                    older.add("?v=" + answer.getKey() + " (rename " + of + ") answered immutable with rename "
                            + answer.getValue());
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "shared files: %d tiles answered immutable during 12 renames (%d of a known version), %d older than it%n",
                immutable.size(),
                known,
                older.size());
        assertThat(older).as("immutable tiles older than their URL's version").isEmpty();
        assertThat(known).as("immutable answers checked").isGreaterThanOrEqualTo(12);
    }

    /** The tourism tiles' version in their TileJSON's URL template. */
    private static String tourismVersion() {
        String template = Http.get(b + "/collections/tourism/tiles/WebMercatorQuad")
                .json()
                .get("tiles")
                .get(0)
                .asString();
        return template.substring(template.indexOf("?v=") + 3);
    }

    @Test
    @Order(10)
    void aDownloadCutByAKilledServerIsResumedWithRangeOnTheOtherIntoTheSameFile() throws Exception {
        // the biggest of the sample (4.7–6 MB): more than the kernel buffers a dead server's socket still delivers (4
        // MB at most here)
        List<String> files =
                List.of("/downloads/communes.gpkg", "/downloads/communes.geojson", "/downloads/communes.fgb");
        // the exports exist on A (produced by a first request each), then one download of each is cut half-way by A's
        // death
        for (String file : files) {
            assertThat(Http.bytes(a + file).status()).as(file).isEqualTo(200);
        }
        Map<String, SlowClient> partials = new LinkedHashMap<>();
        for (String file : files) {
            SlowClient started = SlowClient.get(a, file, 16 * 1024);
            assertThat(started.status).startsWith("HTTP/1.1 200");
            assertThat(started.etag).as("strong ETag of %s", file).startsWith("\"");
            assertThat(started.length).as("Content-Length of %s", file).isPositive();
            partials.put(file, started);
        }
        ProcessHandle pid = serverA.toHandle();
        serverA.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful shutdown
        assertThat(serverA.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pid.isAlive()).isFalse();
        for (Map.Entry<String, SlowClient> e : partials.entrySet()) {
            String file = e.getKey();
            SlowClient cut = e.getValue();
            cut.readRest(0);
            cut.close();
            assertThat((long) cut.body.size())
                    .as("%s was cut by A's death (%d of %d bytes)", file, cut.body.size(), cut.length)
                    .isGreaterThan(0)
                    .isLessThan(cut.length);

            Http.BinaryReply rest =
                    Http.bytes(b + file, "Range", "bytes=" + cut.body.size() + "-", "If-Range", cut.etag);
            assertThat(rest.status())
                    .as("%s resumed on B: a part, not the whole file again", file)
                    .isEqualTo(206);
            assertThat(rest.header("ETag"))
                    .as("the validator is the data version and format's, the same on both")
                    .isEqualTo(cut.etag);
            assertThat(rest.header("Content-Range"))
                    .isEqualTo("bytes " + cut.body.size() + "-" + (cut.length - 1) + "/" + cut.length);
            ByteArrayOutputStream assembled = new ByteArrayOutputStream();
            assembled.write(cut.body.toByteArray());
            assembled.write(rest.body());

            Http.BinaryReply whole = Http.bytes(b + file);
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.header("ETag")).isEqualTo(cut.etag);
            assertThat(assembled.size()).isEqualTo(whole.body().length);
            assertThat(assembled.toByteArray())
                    .as("%s: A's part and B's rest make B's file, byte for byte", file)
                    .isEqualTo(whole.body());

            // a part of another version is not patched onto this one: the whole current file, 200
            Http.BinaryReply stale =
                    Http.bytes(b + file, "Range", "bytes=" + cut.body.size() + "-", "If-Range", "\"0123456789abcdef\"");
            assertThat(stale.status()).as("If-Range with a stale ETag").isEqualTo(200);
            assertThat(stale.body()).isEqualTo(whole.body());
            System.out.printf(
                    Locale.ROOT,
                    "shared files: %s cut at %d of %d bytes by SIGKILL of A, resumed on B with 206%n",
                    file,
                    cut.body.size(),
                    cut.length);
        }
        Path gpkg = dir.resolve("resumed.gpkg");
        Files.write(gpkg, Http.bytes(b + files.get(0)).body());
        Processes.Result info = Processes.run(60, List.of("ogrinfo", "-ro", "-so", "-al", gpkg.toString()));
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("Layer name: communes");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits for the process's server to be ready (a loaded machine starts a JVM slowly). */
    private static void awaitReady(String base, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            assertThat(p.isAlive())
                    .as("server A: %s", tail(dir.resolve("a.log")))
                    .isTrue();
            try {
                if (Http.get(base + "/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            assertThat(System.nanoTime())
                    .as("server A ready: %s", tail(dir.resolve("a.log")))
                    .isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String tail(Path log) throws IOException {
        String s = Files.exists(log) ? Files.readString(log) : "";
        return s.substring(Math.max(0, s.length() - 4000));
    }
}
