package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 12, finding 5 on the embedded store: the GeoPackage file taken away under the server (a
 * disk unmounted, the file moved or replaced) gives 503 problem+json with Retry-After, never a
 * 500; cached tiles are still served; it answers again once the file is back.
 */
@IntegrationTest
class GeoPackageOutageTest {

    @TempDir
    static Path dir;

    private static ConfigurableApplicationContext server;
    private static String base;
    private static Path gpkg;

    @BeforeAll
    static void start() {
        gpkg = SampleData.copyTo(dir.resolve("atlas.gpkg"));
        server = Servers.start(dir, "--ruralatlas.geopackage.path=" + gpkg);
        base = Servers.base(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGeoPackageTakenAwayGets503WithRetryAfterAndCachedTilesStillAnswer() throws Exception {
        String cached = "/tiles/WebMercatorQuad/7/56/101";
        assertThat(Http.bytes(base + cached).status()).isIn(200, 204);
        assertThat(Http.get(base + "/collections/farms/items?limit=1").status()).isEqualTo(200);

        Path away = dir.resolve("elsewhere.gpkg");
        Files.move(gpkg, away);
        long moved = System.nanoTime();
        Http.Reply items;
        do {
            Thread.sleep(20);
            items = Http.get(base + "/collections/farms/items?limit=1");
        } while (items.status() == 200 && System.nanoTime() - moved < 5_000_000_000L);
        long noticedMs = (System.nanoTime() - moved) / 1_000_000;
        assertThat(noticedMs).as("ms until the missing file is noticed").isLessThan(1000);
        assertProblem503(items);
        assertProblem503(Http.get(base + "/collections/farms/items?limit=1&offset=3"));
        Http.BinaryReply tile = Http.bytes(base + "/tiles/WebMercatorQuad/16/29000/52000");
        assertThat(tile.status()).isEqualTo(503);
        assertThat(tile.header("Retry-After")).isNotEmpty();
        assertThat(tile.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Http.bytes(base + cached).status()).isIn(200, 204);
        Http.Reply health = Http.get(base + "/actuator/health");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.header("Retry-After")).isNotEmpty();
        assertThat(health.json().get("status").asString())
                .as("what a monitor reads")
                .isEqualTo("DOWN");
        assertThat(Http.get(base + "/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(Http.get(base + "/actuator/health/liveness").status()).isEqualTo(200);

        Files.move(away, gpkg);
        long returned = System.nanoTime();
        do {
            Thread.sleep(20);
            items = Http.get(base + "/collections/farms/items?limit=1");
        } while (items.status() != 200 && System.nanoTime() - returned < 5_000_000_000L);
        assertThat((System.nanoTime() - returned) / 1_000_000)
                .as("ms until it answers again")
                .isLessThan(2000);
        assertThat(Http.get(base + "/actuator/health").status()).isEqualTo(200);
    }

    private static void assertProblem503(Http.Reply r) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isNotEmpty();
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(503);
    }
}
