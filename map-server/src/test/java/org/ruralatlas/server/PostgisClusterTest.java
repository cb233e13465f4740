package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18, its topology: a PostgreSQL primary and a streaming standby of it ({@code pg_basebackup
 * -R}), two servers that read on the standby and write to the primary, and nginx (the Debian
 * package) balancing over both. What must hold across replicas holds whichever server a request
 * reaches: the download burst (the 21st download is refused), the survey's limit per client, and a
 * tile set's seeding (a job started on both runs once); and a farm moved through one is in the
 * items and tiles of the other, and of nginx, within 2 s. A used survey challenge is refused on the
 * other server ({@link ChallengeReplayTest}): its use is an insert on the primary.
 */
@IntegrationTest
class PostgisClusterTest {

    @TempDir
    static Path dir;

    private static final List<ConfigurableApplicationContext> SERVERS = new ArrayList<>();
    private static String a;
    private static String b;

    @BeforeAll
    static void start() {
        primary = PrivateCluster.start();
        String db = primary.createDatabase("cluster", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + db})).isZero();
        standby = primary.standby();
        String reads = standby.url("cluster") + "?user=postgres&password=" + PrivateCluster.PASSWORD;
        a = start(db, reads);
        b = start(db, reads);
    }

    private static PrivateCluster primary;
    private static PrivateCluster standby;

    /**
     * A server writing to the primary and reading on the standby (as PostgisReplicaTest's); one
     * download a minute after the burst of 20, two survey answers an hour per client.
     */
    private static String start(String db, String reads) {
        int n = SERVERS.size();
        ConfigurableApplicationContext server = new SpringApplicationBuilder(MapServerApplication.class)
                .run(
                        "--server.port=0",
                        "--ruralatlas.db.url=" + db,
                        "--ruralatlas.db.read-urls=" + reads,
                        "--ruralatlas.db.max-replica-lag=1s",
                        "--ruralatlas.db.replica-wait=1s",
                        "--ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
                        "--ruralatlas.surveys.difficulty=4",
                        "--ruralatlas.downloads.requests-per-minute=1",
                        "--ruralatlas.downloads.burst=20",
                        "--ruralatlas.surveys.per-ip-per-hour=2",
                        "--ruralatlas.tiles.cache-dir=" + dir.resolve("tiles-" + n),
                        "--ruralatlas.downloads.cache-dir=" + dir.resolve("downloads-" + n));
        SERVERS.add(server);
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        SERVERS.forEach(ConfigurableApplicationContext::close);
        if (standby != null) {
            standby.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    /**
     * Sessions live in each server's memory, but a change of password ends them everywhere: each session holds a
     * fingerprint of the account's password hash, checked against the shared store on every request.
     */
    @Test
    void aPasswordChangedThroughAEndsTheAccountsSessionOnB() {
        String name = "cluster-" + Long.toHexString(System.nanoTime());
        assertThat(Http.postJson(
                                a + "/admin/accounts",
                                "{\"name\":\"" + name + "\",\"role\":\"editor\",\"provinces\":[\"24\"]}",
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .status())
                .isEqualTo(201);
        String old = Http.newPassword(a + "/admin/accounts/" + name + "/password");
        String onA = signIn(a, name, old);
        String onB = signIn(b, name, old);
        assertThat(signedIn(a, onA) && signedIn(b, onB)).isTrue();
        String csrf = Http.get(a + "/session", "Cookie", onA)
                .json()
                .get("csrf")
                .get("token")
                .asString();
        Http.Reply changed = Http.postJson(
                a + "/account/password",
                "{\"currentPassword\":\"" + old + "\",\"newPassword\":\"Đồi chè xanh " + name.hashCode() + "\"}",
                "Cookie",
                onA,
                "X-CSRF-TOKEN",
                csrf);
        assertThat(changed.status()).as(changed.text()).isEqualTo(204);
        assertThat(signedIn(a, onA)).as("the session that changed it").isTrue();
        assertThat(signedIn(b, onB))
                .as("the account's session on the other server")
                .isFalse();
        // an administrator's reset through B ends A's session too
        Http.newPassword(b + "/admin/accounts/" + name + "/password");
        assertThat(signedIn(a, onA)).isFalse();
    }

    private static String signIn(String server, String name, String password) {
        Http.Reply r =
                Http.postJson(server + "/session", "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.header("Set-Cookie").split(";", 2)[0];
    }

    private static boolean signedIn(String server, String cookie) {
        return Http.get(server + "/session", "Cookie", cookie)
                .json()
                .get("signedIn")
                .asBoolean();
    }

    @Test
    void theTwentyFirstDownloadOfABurstIsRefusedWhicheverServerGetsIt() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.BinaryReply r = Http.bytes((i % 2 == 0 ? a : b) + "/downloads/farms.geojson?bbox=105,20,105.3,20.3");
            statuses.add(r.status());
        }
        assertThat(statuses).as("the burst of 20, spread over both servers").containsOnly(200);
        for (String server : List.of(a, b)) {
            Http.Reply refused = Http.get(server + "/downloads/farms.geojson?bbox=105,20,105.3,20.3");
            assertThat(refused.status()).as(server).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        }
    }

    @Test
    void theSurveyLimitPerClientCountsTheAnswersToBothServers() throws Exception {
        JsonNode communes = Http.get(a + "/collections/communes/items?unit_type=xa&province_code=24&limit=3")
                .json()
                .get("features");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String server = i == 1 ? b : a;
            String code = communes.get(i).get("properties").get("code").asString();
            JsonNode c = Http.get(server + "/ntm/survey/" + code + "/challenge").json();
            Http.Reply r = Http.postJson(
                    server + "/ntm/survey/" + code + "/responses",
                    "{\"challenge\":\"" + c.get("challenge").asString()
                            + "\",\"nonce\":\""
                            + NtmContract.solve(
                                    c.get("challenge").asString(),
                                    c.get("difficulty").asInt())
                            + "\",\"device\":\"cluster-device-" + i + "-0000000000\",\"overall\":3}");
            statuses.add(r.status());
            if (i == 2) {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isNotBlank();
            }
        }
        assertThat(statuses).containsExactly(201, 201, 429);
    }

    @Test
    void aSeedingJobStartedOnBothServersRunsOnce() {
        String auth = "Bearer " + Http.ADMIN_TOKEN;
        String seed = "/admin/tiles/seed?tileset=farms&bbox=102,8,110,23.5&zooms=10-14";
        Http.Reply started = Http.post(a + seed, "Authorization", auth);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String id = started.json().get("id").asString();
        Http.Reply twice = Http.post(b + seed, "Authorization", auth);
        assertThat(twice.status()).as(twice.text()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.json().get("detail").asString())
                .contains("another server")
                .contains("farms");
        assertThat(Http.get(b + "/admin/tiles/jobs", "Authorization", auth)
                        .json()
                        .get("jobs"))
                .isEmpty();
        // another tile set is free on B meanwhile; once A's job ends (cancelled here) B may seed farms
        Http.Reply other = Http.post(
                b + "/admin/tiles/seed?tileset=provinces&province=Bac%20Ninh&zooms=5-6", "Authorization", auth);
        assertThat(other.status()).as(other.text()).isEqualTo(202);
        assertThat(Http.delete(a + "/admin/tiles/jobs/" + id, "Authorization", auth)
                        .status())
                .isEqualTo(200);
        Http.Reply after = null;
        for (int i = 0; i < 100; i++) {
            after = Http.post(b + seed, "Authorization", auth);
            if (after.status() != 409) {
                break;
            }
            sleep(50);
        }
        assertThat(after.status()).as(after.text()).isEqualTo(202);
        Http.delete(b + "/admin/tiles/jobs/" + after.json().get("id").asString(), "Authorization", auth);
    }

    @Test
    void aFarmMovedThroughAIsInItemsAndTilesThroughBAndThroughNginxWithinTwoSeconds() throws Exception {
        Process nginx = nginx(a, b);
        try {
            String lb = "http://127.0.0.1:" + nginxPort;
            String path = "/collections/farms/items/" + EditContract.FARM_24;
            JsonNode farm = Http.get(a + path).json();
            JsonNode at = farm.get("geometry").get("coordinates");
            for (int round = 0; round < 3; round++) {
                double lon = at.get(0).asDouble() + 0.0002 * (round + 1);
                double lat = at.get(1).asDouble();
                String marker = "through-a-" + round + "-" + System.nanoTime();
                TileCoord t = TileCoord.containing(14, lon, lat);
                String tile = "/collections/farms/tiles/WebMercatorQuad/14/" + t.y() + "/" + t.x();
                // cached on every side before the move
                for (String server : List.of(a, b, lb)) {
                    assertThat(Http.bytes(server + tile).status()).isIn(200, 204);
                }
                Http.Reply moved = Http.movePoint(a + path, lon, lat, marker);
                assertThat(moved.status()).as(moved.text()).isEqualTo(200);
                long answered = System.nanoTime();
                for (String server : List.of(b, lb)) {
                    long items = Waits.millisUntil(
                            answered,
                            () -> marker.equals(Http.get(server + path)
                                    .json()
                                    .get("properties")
                                    .get("name")
                                    .asString()));
                    long tiles = Waits.millisUntil(answered, () -> Http.holds(server + tile, marker));
                    System.out.printf(
                            "cluster: a farm moved through A seen through %s in items after %d ms, in its tile after %d ms%n",
                            server.equals(b) ? "B" : "nginx", items, tiles);
                }
            }
        } finally {
            nginx.destroy();
            nginx.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static int nginxPort;

    /** nginx (the Debian package) balancing over the servers, started as a child process on a free loopback port. */
    private static Process nginx(String... servers) throws Exception {
        Path home = dir.resolve("nginx");
        java.nio.file.Files.createDirectories(home.resolve("tmp"));
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nginxPort = s.getLocalPort();
        }
        StringBuilder upstream = new StringBuilder();
        for (String server : servers) {
            upstream.append("    server ")
                    .append(server.replaceFirst("^http://", ""))
                    .append(";\n");
        }
        String conf = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "daemon off;\nworker_processes 1;\n"
                + "pid " + home + "/nginx.pid;\nerror_log " + home
                + "/error.log warn;\nevents { worker_connections 256; }\nhttp {\n"
                + "  access_log off;\n  client_body_temp_path " + home + "/tmp/body;\n  proxy_temp_path " + home
                + "/tmp/proxy;\n"
                + "  fastcgi_temp_path " + home + "/tmp/fastcgi;\n  uwsgi_temp_path " + home
                + "/tmp/uwsgi;\n  scgi_temp_path " + home
                + "/tmp/scgi;\n  upstream atlas {\n" + upstream
                + "    keepalive 8;\n  }\n  server {\n    listen 127.0.0.1:" + nginxPort
                + ";\n    location / {\n      proxy_pass http://atlas;\n      proxy_http_version 1.1;\n"
                + "      proxy_set_header Connection \"\";\n      proxy_set_header Host $host:$server_port;\n    }\n  }\n}\n";
        java.nio.file.Files.writeString(home.resolve("nginx.conf"), conf);
        Process p = new ProcessBuilder(
                        "nginx",
                        "-e",
                        home + "/error.log",
                        "-p",
                        home.toString(),
                        "-c",
                        home.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.log").toFile())
                .start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", nginxPort)) {
                return p;
            } catch (java.io.IOException e) {
                assertThat(p.isAlive())
                        .as("nginx: %s", java.nio.file.Files.readString(home.resolve("out.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("nginx listening").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
