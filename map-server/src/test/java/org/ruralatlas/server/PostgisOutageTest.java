package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12, finding 5: the database stopped under load (its own cluster, {@code pg_ctl stop -m
 * fast}, as an administrator or a crash would). Data requests and missing tiles get nothing but
 * 503 problem+json with Retry-After, each within a second, while cached tiles are still served;
 * health says DOWN within a second and answers at once; two seconds after the database is back,
 * everything answers again.
 */
@IntegrationTest
class PostgisOutageTest {

    @TempDir
    static Path dir;

    private static PrivateCluster cluster;
    private static ConfigurableApplicationContext server;
    private static String base;

    @BeforeAll
    static void start() {
        cluster = PrivateCluster.start();
        String url = cluster.createDatabase("outage", true);
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url})).isZero();
        server = Servers.start(dir, "--ruralatlas.db.url=" + url);
        base = Servers.base(server);
    }

    @AfterAll
    static void stop() throws Exception {
        Servers.close(server, cluster);
    }

    @Test
    void aStoppedDatabaseGetsOnly503WithRetryAfterAtOnceCachedTilesStillAnswerAndRecoveryTakesUnderTwoSeconds()
            throws Exception {
        List<String> cached = List.of(
                "/tiles/WebMercatorQuad/6/28/50",
                "/tiles/WebMercatorQuad/8/113/203",
                "/collections/communes/tiles/WebMercatorQuad/10/454/813");
        for (String tile : cached) {
            assertThat(Http.bytes(base + tile).status()).isIn(200, 204);
        }
        // warm: the first answers of a fresh server (pools, JIT) are not what is measured
        for (int i = 0; i < 5; i++) {
            assertThat(Http.get(base + "/collections/farms/items?limit=5&offset=" + i)
                            .status())
                    .isEqualTo(200);
            assertThat(Http.get(base + "/collections/communes/items/07330@2025-07-01")
                            .status())
                    .isEqualTo(200);
        }
        Random random = new Random(12);
        long stopping;
        long stopped;
        long restarting;
        long back;
        OutageRecorder load = new OutageRecorder(base);
        try (load) {
            load.client("data", i -> "/collections/farms/items?limit=5&offset=" + (i * 7 % 2000), 10);
            load.client("data", i -> "/collections/tourism/items?limit=2&bbox=105,20,107,22&offset=" + (i % 50), 10);
            load.client("data", i -> "/collections/communes/items/07330@2025-07-01", 10);
            load.client("data", i -> "/ntm/communes?codes=07330", 10);
            load.client(
                    "tile",
                    i -> {
                        TileCoord t =
                                TileCoord.containing(16, 103 + 6 * random.nextDouble(), 10 + 12 * random.nextDouble());
                        return "/tiles/WebMercatorQuad/16/" + t.y() + "/" + t.x();
                    },
                    10);
            load.client("cached", i -> cached.get(i % cached.size()), 10);
            load.client("health", i -> "/actuator/health", 50);
            Thread.sleep(2000);
            stopping = load.now();
            cluster.stop();
            stopped = load.now();
            Thread.sleep(3000);
            restarting = load.now();
            cluster.restart();
            back = load.now();
            Thread.sleep(4000);
        }

        List<OutageRecorder.Answer> data = load.answers("data");
        List<OutageRecorder.Answer> tiles = load.answers("tile");
        String timeline = "stop begun at " + stopping + " ms, done at " + stopped + " ms, restart begun at "
                + restarting + " ms, database back at " + back + " ms";
        // before the stop everything answered
        assertThat(data)
                .filteredOn(a -> a.sentMs() + a.tookMs() < stopping)
                .hasSizeGreaterThan(5)
                .allMatch(a -> a.status() == 200);
        // while the database was away: 503 problem+json with Retry-After, each within a second, nothing
        // else. Away means answered before the restart began: pg_ctl start accepts connections up to a
        // tenth of a second before it returns, and a request answered then rightly succeeds.
        List<OutageRecorder.Answer> away = data.stream()
                .filter(a -> a.sentMs() > stopped + 50 && a.sentMs() + a.tookMs() < restarting)
                .toList();
        assertThat(away).as(timeline).hasSizeGreaterThan(10);
        assertThat(away.stream().filter(a -> !a.problem503()))
                .as("data answers other than 503 problem+json while away; " + timeline)
                .isEmpty();
        assertThat(tiles.stream()
                        .filter(a -> a.sentMs() > stopped + 50 && a.sentMs() + a.tookMs() < restarting)
                        .toList())
                .as(timeline)
                .isNotEmpty()
                .allMatch(a -> a.status() == 200 || a.status() == 204 || a.problem503());
        for (OutageRecorder.Answer a : concat(data, tiles)) {
            assertThat(a.status()).as(a + "; " + timeline).isIn(200, 204, 503);
            if (a.status() == 503) {
                assertThat(a.problem503()).as(a.toString()).isTrue();
            }
            // while the database is away (a request under way when the stop began is answered when
            // the database ends its session; one sent once it is back counts towards recovery)
            if (a.status() == 503 && a.sentMs() > stopping && a.sentMs() < back) {
                assertThat(a.tookMs()).as(a + "; " + timeline).isLessThan(1000);
            }
        }
        // cached tiles kept answering
        assertThat(load.answers("cached"))
                .filteredOn(a -> a.sentMs() > stopped && a.sentMs() < restarting)
                .isNotEmpty()
                .allMatch(a -> a.status() == 200 || a.status() == 204);
        // health: at once, DOWN (503 with Retry-After) within a second of the stop, UP again after
        List<OutageRecorder.Answer> health = load.answers("health");
        assertThat(health).allMatch(a -> a.tookMs() < 1000);
        long down = health.stream()
                .filter(a -> a.sentMs() > stopping && a.status() == 503)
                .mapToLong(a -> a.sentMs() + a.tookMs())
                .min()
                .orElseThrow();
        assertThat(down - stopped).as("health DOWN after the stop (ms)").isLessThan(1000);
        assertThat(health)
                .filteredOn(a -> a.status() == 503)
                .allMatch(a -> !a.retryAfter().isEmpty());
        // recovery: every data request sent two seconds after the database is back succeeds
        long lastFailure = data.stream()
                .filter(a -> a.status() != 200)
                .mapToLong(OutageRecorder.Answer::sentMs)
                .max()
                .orElseThrow();
        System.out.printf(
                "outage: stop took %d ms, health DOWN %d ms after it, last failed data request %d ms after the database was back%n",
                stopped - stopping, down - stopped, lastFailure - back);
        assertThat(lastFailure - back).as("recovery (ms)").isLessThan(2000);
        assertThat(data)
                .filteredOn(a -> a.sentMs() > back + 2000)
                .hasSizeGreaterThan(10)
                .allMatch(a -> a.status() == 200);
        assertThat(health.get(health.size() - 1).status()).isEqualTo(200);
    }

    private static List<OutageRecorder.Answer> concat(List<OutageRecorder.Answer> a, List<OutageRecorder.Answer> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
