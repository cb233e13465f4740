package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18: reads from a PostgreSQL streaming standby, writes to the primary. A private primary
 * with the sample, a hot standby of it made with {@code pg_basebackup -R}, and a server with
 * {@code ruralatlas.db.read-urls} = the standby. Items and tiles are read on the standby; a farm
 * moved with psql on the primary is in items and tiles within 2 s, even with its tile cached and
 * asked for all the time (a tile dropped on the notification and made again from a standby that
 * has not replayed the change would stay stale); a survey answer is readable at once; a standby
 * whose replay is paused is left out of reads until it catches up; a standby stopped under load
 * costs no request an error, and serves again once it is back.
 */
@IntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgisReplicaTest {

    @TempDir
    static Path dir;

    private static PrivateCluster primary;
    private static PrivateCluster standby;
    private static String primaryUrl;
    private static String standbyUrl;
    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void start() {
        primary = PrivateCluster.start();
        primaryUrl = primary.createDatabase("replicas", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + primaryUrl})).isZero();
        standby = primary.standby();
        standbyUrl = standby.url("replicas") + "?user=postgres&password=" + PrivateCluster.PASSWORD;
        server = Servers.start(
                dir,
                "--ruralatlas.db.url=" + primaryUrl,
                "--ruralatlas.db.read-urls=" + standbyUrl,
                "--ruralatlas.db.max-replica-lag=1s",
                "--ruralatlas.db.replica-wait=1s",
                "--ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
                "--ruralatlas.surveys.difficulty=4");
        base = Servers.base(server);
    }

    @AfterAll
    static void stop() throws Exception {
        Servers.close(server, standby, primary);
    }

    @Test
    @Order(1)
    void itemsAndTilesAreReadOnTheStandbyWhoseLagIsAGaugeAndAHealthDetail() throws Exception {
        awaitServing(true);
        JsonNode farm = Http.get(base + "/collections/farms/items?limit=3")
                .json()
                .get("features")
                .get(0);
        assertThat(Http.get(base + "/collections/farms/items/" + farm.get("id").asString())
                        .status())
                .isEqualTo(200);
        JsonNode at = farm.get("geometry").get("coordinates");
        assertThat(Http.bytes(base
                                + tilePath(TileCoord.containing(
                                        14, at.get(0).asDouble(), at.get(1).asDouble())))
                        .status())
                .isEqualTo(200);
        // the standby ran them: its sessions of the server's read pools last asked for farms and for a tile
        assertThat(lastQueries(standby))
                .anyMatch(q -> q.contains("\"farms\"") && !q.contains("ST_AsMVT"))
                .anyMatch(q -> q.contains("ST_AsMVT"));

        String metrics = Http.get(base + "/actuator/prometheus", "Authorization", "Bearer " + Http.ADMIN_TOKEN)
                .text();
        String tag = "standby=\"127.0.0.1:" + standby.port() + "/replicas\"";
        assertThat(metrics)
                .containsPattern("ruralatlas_db_replica_lag_seconds\\{[^}]*" + java.util.regex.Pattern.quote(tag))
                .containsPattern(
                        "ruralatlas_db_replica_usable\\{[^}]*" + java.util.regex.Pattern.quote(tag) + "[^}]*\\} 1\\.0");
        double lag = Double.parseDouble(metrics.lines()
                .filter(l -> l.startsWith("ruralatlas_db_replica_lag_seconds{") && l.contains(tag))
                .findFirst()
                .orElseThrow()
                .replaceFirst(".* ", ""));
        assertThat(lag).isBetween(0.0, 1.0);

        JsonNode health = Http.asAdmin(base + "/actuator/health").json();
        JsonNode s = health.get("components")
                .get("featureStore")
                .get("details")
                .get("standbys")
                .get(0);
        assertThat(s.get("name").asString()).isEqualTo("127.0.0.1:" + standby.port() + "/replicas");
        assertThat(s.get("servesReads").asBoolean()).isTrue();
        // the public sees no standby's name
        assertThat(Http.get(base + "/actuator/health").text()).doesNotContain(String.valueOf(standby.port()));
    }

    @Test
    @Order(2)
    void aFarmMovedWithPsqlOnThePrimaryIsInItemsAndTilesWithinTwoSecondsEvenWithItsTileAskedForAllTheTime()
            throws Exception {
        awaitServing(true);
        JsonNode farm = Http.get(base + "/collections/farms/items?limit=1")
                .json()
                .get("features")
                .get(0);
        String id = farm.get("id").asString();
        Random random = new Random(18);
        for (int round = 0; round < 4; round++) {
            double lon = 104.5 + random.nextDouble();
            double lat = 20.5 + random.nextDouble();
            String tile = tilePath(TileCoord.containing(14, lon, lat));
            String marker = "moved-" + round + "-" + System.nanoTime();
            assertThat(Http.bytes(base + tile).status()).isIn(200, 204);
            // a client asking for the tile all the time: a tile made from the standby before it has replayed the move
            // would stay
            AtomicBoolean asking = new AtomicBoolean(true);
            Thread client = new Thread(() -> {
                while (asking.get()) {
                    Http.bytes(base + tile);
                }
            });
            client.start();
            long committed;
            try {
                try (Connection c = DriverManager.getConnection(primaryUrl);
                        Statement st = c.createStatement()) {
                    st.executeUpdate(
                            "UPDATE ruralatlas.farms SET name = '" + marker + "', geom = ST_SetSRID(ST_MakePoint(" + lon
                                    + ", " + lat + "), 4326) WHERE farm_id = '" + id + "'");
                    committed = System.nanoTime();
                }
                long items = Waits.millisUntil(committed, () -> {
                    JsonNode f =
                            Http.get(base + "/collections/farms/items/" + id).json();
                    return marker.equals(f.get("properties").get("name").asString())
                            && Math.abs(f.get("geometry")
                                                    .get("coordinates")
                                                    .get(0)
                                                    .asDouble()
                                            - lon)
                                    < 1e-6;
                });
                long tiles = Waits.millisUntil(committed, () -> Http.holds(base + tile, marker));
                System.out.printf(
                        "replicas: round %d, the move in items after %d ms, in its tile after %d ms%n",
                        round, items, tiles);
            } finally {
                asking.set(false);
                client.join(10_000);
            }
            // and it stays: no stale tile was kept
            Thread.sleep(300);
            assertThat(Http.holds(base + tile, marker))
                    .as("round %d: the tile still holds the move", round)
                    .isTrue();
        }
    }

    @Test
    @Order(3)
    void aSurveyAnswerIsReadableThroughTheStandbyAtOnce() throws Exception {
        awaitServing(true);
        JsonNode communes = Http.get(base + "/collections/communes/items?unit_type=xa&province_code=19&limit=60")
                .json()
                .get("features");
        int tried = 0;
        for (JsonNode c : communes) {
            JsonNode p = c.get("properties");
            boolean current = p.get("valid_to") == null || p.get("valid_to").isNull();
            boolean zero = p.get("satisfaction_pct") != null
                    && !p.get("satisfaction_pct").isNull()
                    && p.get("satisfaction_pct").asDouble() == 0;
            if (!current || zero) {
                continue;
            }
            String code = p.get("code").asString();
            JsonNode challenge =
                    Http.get(base + "/ntm/survey/" + code + "/challenge").json();
            String answer = "\"challenge\":\"" + challenge.get("challenge").asString() + "\",\"nonce\":\""
                    + NtmContract.solve(
                            challenge.get("challenge").asString(),
                            challenge.get("difficulty").asInt()) + "\"";
            long sent = System.nanoTime();
            Http.Reply posted = Http.postJson(
                    base + "/ntm/survey/" + code + "/responses",
                    "{" + answer + ",\"device\":\"replica-device-" + code + "-000000\",\"overall\":1}");
            assertThat(posted.status()).as(posted.text()).isEqualTo(201);
            System.out.printf(
                    "replicas: a survey answer for %s answered in %d ms (its replay by the standby included)%n",
                    code, (System.nanoTime() - sent) / 1_000_000);
            // at once, through the standby: one response of 1 in 5 makes the commune's satisfaction 0 %
            JsonNode read = Http.get(
                            base + "/collections/communes/items/" + c.get("id").asString())
                    .json();
            JsonNode pct = read.get("properties").get("satisfaction_pct");
            assertThat(pct != null && pct.isNumber() && pct.asDouble() == 0)
                    .as("commune %s read right after its answer: %s", code, pct)
                    .isTrue();
            if (++tried == 5) {
                break;
            }
        }
        assertThat(tried).isEqualTo(5);
    }

    @Test
    @Order(4)
    void aStandbyWhoseReplayIsPausedIsLeftOutOfReadsUntilItCatchesUp() throws Exception {
        awaitServing(true);
        String id = Http.get(base + "/collections/farms/items?limit=2")
                .json()
                .get("features")
                .get(1)
                .get("id")
                .asString();
        String marker = "paused-" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(standbyUrl);
                Statement st = c.createStatement()) {
            st.execute("SELECT pg_wal_replay_pause()");
        }
        long committed;
        try {
            try (Connection c = DriverManager.getConnection(primaryUrl);
                    Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE ruralatlas.farms SET name = '" + marker + "' WHERE farm_id = '" + id + "'");
                committed = System.nanoTime();
            }
            long seen = Waits.millisUntil(
                    committed,
                    () -> marker.equals(Http.get(base + "/collections/farms/items/" + id)
                            .json()
                            .get("properties")
                            .get("name")
                            .asString()));
            System.out.printf("replicas: with the standby's replay paused, the change read after %d ms%n", seen);
            awaitServing(false);
            JsonNode s = Http.asAdmin(base + "/actuator/health")
                    .json()
                    .get("components")
                    .get("featureStore")
                    .get("details")
                    .get("standbys")
                    .get(0);
            assertThat(s.get("reason").asString()).isNotBlank();
            assertThat(Http.get(base + "/actuator/health/readiness").status()).isEqualTo(200);
        } finally {
            try (Connection c = DriverManager.getConnection(standbyUrl);
                    Statement st = c.createStatement()) {
                st.execute("SELECT pg_wal_replay_resume()");
            }
        }
        long back = System.nanoTime();
        awaitServing(true);
        System.out.printf(
                "replicas: the standby serves again %d ms after its replay resumed%n",
                (System.nanoTime() - back) / 1_000_000);
        assertThat(Http.get(base + "/collections/farms/items/" + id)
                        .json()
                        .get("properties")
                        .get("name")
                        .asString())
                .isEqualTo(marker);
    }

    @Test
    @Order(5)
    void aStandbyStoppedUnderLoadCostsNoRequestAnErrorAndServesAgainOnceBack() throws Exception {
        awaitServing(true);
        Random random = new Random(5);
        OutageRecorder load = new OutageRecorder(base);
        long stopped;
        long started;
        try (load) {
            load.client("read", i -> "/collections/farms/items?limit=5&offset=" + (i * 7 % 2000), 5);
            load.client("read", i -> "/collections/tourism/items?limit=2&bbox=105,20,107,22&offset=" + (i % 50), 5);
            load.client(
                    "read",
                    i -> {
                        TileCoord t =
                                TileCoord.containing(16, 103 + 6 * random.nextDouble(), 10 + 12 * random.nextDouble());
                        return "/tiles/WebMercatorQuad/16/" + t.y() + "/" + t.x();
                    },
                    5);
            Thread.sleep(1000);
            standby.stop();
            stopped = load.now();
            awaitServing(false);
            Thread.sleep(1500);
            standby.restart();
            started = load.now();
            awaitServing(true);
            Thread.sleep(1000);
        }
        List<OutageRecorder.Answer> answers = load.answers("read");
        assertThat(answers)
                .filteredOn(a -> a.sentMs() > stopped && a.sentMs() < started)
                .hasSizeGreaterThan(10);
        assertThat(answers)
                .hasSizeGreaterThan(50)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 204));
        // back in use: new sessions on the restarted standby ran the reads
        assertThat(lastQueries(standby)).anyMatch(q -> q.contains("\"farms\"") || q.contains("ST_AsMVT"));
    }

    @Test
    @Order(6)
    void withThePrimaryStoppedReadsGoOnFromTheStandbyAndEveryWriteIs503UntilItIsBackWithNothingHalfWritten()
            throws Exception {
        awaitServing(true);
        Http.Reply added = answered(() -> Http.postJson(
                base + "/admin/accounts",
                "{\"name\": \"ed-away\", \"role\": \"editor\", \"provinces\": [\"19\"]}",
                "Authorization",
                "Bearer " + Http.ADMIN_TOKEN));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String editor = "Bearer " + added.json().get("token").get("token").asString();
        String farm = "/collections/farms/items/" + EditContract.FARM_19;
        String nameBefore =
                Http.get(base + farm).json().get("properties").get("name").asString();
        String code = currentCommune();
        JsonNode challenge =
                Http.get(base + "/ntm/survey/" + code + "/challenge").json();
        String answer = "{\"challenge\":\"" + challenge.get("challenge").asString() + "\",\"nonce\":\""
                + NtmContract.solve(
                        challenge.get("challenge").asString(),
                        challenge.get("difficulty").asInt())
                + "\",\"device\":\"away-device-" + code + "-0000000\",\"overall\":4}";
        Random random = new Random(6);
        OutageRecorder load = new OutageRecorder(base);
        long stopped;
        long started;
        List<Http.Reply> writes = new java.util.ArrayList<>();
        try (load) {
            load.client("read", i -> "/collections/farms/items?limit=5&offset=" + (i * 11 % 2000), 5);
            load.client(
                    "read",
                    i -> {
                        TileCoord t =
                                TileCoord.containing(16, 103 + 6 * random.nextDouble(), 10 + 12 * random.nextDouble());
                        return "/tiles/WebMercatorQuad/16/" + t.y() + "/" + t.x();
                    },
                    5);
            load.client(
                    "read",
                    i -> i % 10 == 0 ? "/downloads/farms.geojson?bbox=105,20,105.5,20.5" : "/ntm/assessments?limit=5",
                    50);
            Thread.sleep(1000);
            primary.stop();
            stopped = load.now();
            awaitPrimaryAway(true);
            assertThat(Http.get(base + "/actuator/health/readiness").status()).isEqualTo(200);
            readsWithATokenAndTheSurveyExportGoOn(editor, farm);
            String etag = Http.get(base + farm).header("ETag");
            long writing = System.nanoTime();
            writes.add(Http.mergePatch(base + farm, "{\"properties\":{\"name\":\"away-edit\"}}", editor, etag));
            writes.add(Http.mergePatch(
                    base + farm, "{\"properties\":{\"name\":\"away-edit\"}}", "Bearer " + Http.ADMIN_TOKEN, etag));
            writes.add(Http.postJson(base + "/ntm/survey/" + code + "/responses", answer));
            writes.add(Http.postJson(
                    base + "/admin/accounts",
                    "{\"name\": \"ed-while-away\", \"role\": \"editor\", \"provinces\": [\"24\"]}",
                    "Authorization",
                    "Bearer " + Http.ADMIN_TOKEN));
            writes.add(Http.postJson(base + "/account/tokens", "{\"label\": \"while away\"}", "Authorization", editor));
            long took = (System.nanoTime() - writing) / 1_000_000;
            System.out.printf("replicas: 5 writes refused with the primary away in %d ms%n", took);
            assertThat(took)
                    .as("five writes refused at once, not after a pool's wait")
                    .isLessThan(2500);
            Thread.sleep(1000);
            primary.restart();
            started = load.now();
            awaitPrimaryAway(false);
            Thread.sleep(500);
        }
        assertThat(writes).allSatisfy(w -> {
            assertThat(w.status()).as(w.text()).isEqualTo(503);
            assertThat(w.contentType()).startsWith("application/problem+json");
            assertThat(w.header("Retry-After")).isNotBlank();
        });
        List<OutageRecorder.Answer> answers = load.answers("read");
        assertThat(answers)
                .filteredOn(a -> a.sentMs() > stopped + 500 && a.sentMs() < started)
                .hasSizeGreaterThan(10);
        assertThat(answers)
                .hasSizeGreaterThan(50)
                .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(200, 204));
        // nothing of the refused writes is there, and each one succeeds now, without a restart (a client that honours
        // Retry-After while the pools reconnect): the survey's challenge was not used up by the refused answer, the
        // account's name is still free
        assertThat(Http.get(base + farm).json().get("properties").get("name").asString())
                .isEqualTo(nameBefore);
        String etag = Http.get(base + farm).header("ETag");
        Http.Reply edited =
                answered(() -> Http.mergePatch(base + farm, "{\"properties\":{\"name\":\"back-edit\"}}", editor, etag));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        Http.Reply surveyed = answered(() -> Http.postJson(base + "/ntm/survey/" + code + "/responses", answer));
        assertThat(surveyed.status()).as(surveyed.text()).isEqualTo(201);
        Http.Reply account = answered(() -> Http.postJson(
                base + "/admin/accounts",
                "{\"name\": \"ed-while-away\", \"role\": \"editor\", \"provinces\": [\"24\"]}",
                "Authorization",
                "Bearer " + Http.ADMIN_TOKEN));
        assertThat(account.status()).as(account.text()).isEqualTo(201);
        Http.Reply token = answered(
                () -> Http.postJson(base + "/account/tokens", "{\"label\": \"back\"}", "Authorization", editor));
        assertThat(token.status()).as(token.text()).isEqualTo(201);
    }

    /**
     * With the primary away: an account's token is checked on the standby (a read with it, and
     * {@code /account}, answer as usual; a token that is no one's is still refused), and the survey
     * export is read there, with test 3's answers in it.
     */
    private static void readsWithATokenAndTheSurveyExportGoOn(String token, String farm) {
        Http.Reply me = Http.get(base + "/account", "Accept", "application/json", "Authorization", token);
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        assertThat(me.json().get("name").asString()).isEqualTo("ed-away");
        Http.Reply item = Http.get(base + farm, "Accept", "application/geo+json", "Authorization", token);
        assertThat(item.status()).as(item.text()).isEqualTo(200);
        Http.Reply nobody = Http.get(
                base + "/account", "Accept", "application/json", "Authorization", "Bearer ra_" + "0".repeat(43));
        assertThat(nobody.status()).as(nobody.text()).isEqualTo(401);
        Http.Reply export = Http.get(base + "/ntm/survey-responses?f=csv", "Accept", "text/csv");
        assertThat(export.status()).as(export.text()).isEqualTo(200);
        assertThat(export.text()).startsWith("period,commune_code,");
        assertThat(export.text().lines().count()).as("test 3's answers").isGreaterThan(5);
    }

    /**
     * The answer to a write sent again, as a client honouring Retry-After would, while it is a 503
     * (a pool's first connection to a primary just back may take longer than a request waits on a
     * loaded machine), for 10 s at most.
     */
    private static Http.Reply answered(java.util.function.Supplier<Http.Reply> write) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Http.Reply r = write.get();
            if (r.status() != 503 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(200);
        }
    }

    /** A current rural commune of province 19 that nobody has answered the survey of yet in this class. */
    private static String currentCommune() {
        for (JsonNode c : Http.get(base + "/collections/communes/items?unit_type=xa&province_code=19&limit=100")
                .json()
                .get("features")) {
            JsonNode p = c.get("properties");
            if ((p.get("valid_to") == null || p.get("valid_to").isNull())
                    && (p.get("satisfaction_pct") == null
                            || p.get("satisfaction_pct").isNull())) {
                return p.get("code").asString();
            }
        }
        throw new AssertionError("no unanswered current commune in province 19");
    }

    /** Waits (10 s at most) until health says writes are refused with the primary away (and is UP), or no longer. */
    private static void awaitPrimaryAway(boolean away) throws InterruptedException {
        JsonNode h = Waits.until(
                "the primary " + (away ? "away" : "back"),
                10,
                () -> storeHealth(),
                s -> s.get("details").has("writes") == away);
        assertThat(h.get("status").asString()).isEqualTo("UP");
    }

    private static JsonNode storeHealth() {
        return Http.asAdmin(base + "/actuator/health").json().get("components").get("featureStore");
    }

    private static String tilePath(TileCoord t) {
        return "/collections/farms/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
    }

    /** Waits (10 s at most) until health says the standby serves reads, or does not. */
    private static void awaitServing(boolean serving) throws InterruptedException {
        Waits.until(
                "the standby " + (serving ? "serves" : "serves no") + " reads",
                10,
                () -> storeHealth().get("details").get("standbys").get(0),
                s -> s.get("servesReads").asBoolean() == serving);
    }

    /** The last statement of each of the server's sessions on {@code cluster}. */
    private static List<String> lastQueries(PrivateCluster cluster) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        cluster.url("replicas") + "?user=postgres&password=" + PrivateCluster.PASSWORD);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT query FROM pg_stat_activity WHERE datname = 'replicas' AND application_name = 'ruralatlas'"
                                + " AND pid <> pg_backend_pid()")) {
            List<String> all = new java.util.ArrayList<>();
            while (rs.next()) {
                all.add(rs.getString(1));
            }
            return all;
        }
    }
}
