package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.LayerCatalog;

/**
 * Two servers' caches on one disk folder (issue 18): server B, not yet told of a change, finishes
 * a tile it began from the data before it and writes it to the shared folder after A has applied
 * the change; A reads it from there and keeps it in memory. With a settle time A applies the
 * change again and serves the new tile from then on, even if B is never told (its feed is down);
 * until then the tile it read from the folder is not {@link Tile#settled} (never marked immutable).
 */
class TileCacheSharedDiskTest {

    @TempDir
    Path dir;

    final AtomicLong data = new AtomicLong(1);

    @Test
    void aTileAnotherServerWroteFromOlderDataAfterAChangeGoesWhenTheChangeIsAppliedAgain() throws Exception {
        TileSet farms = TileSet.of(LayerCatalog.load().require("farms"));
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        TileProducer slow = (set, tile, g) -> {
            long version = data.get();
            begun.countDown();
            try {
                finish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return bytes(version);
        };
        TileProducer quick = (set, tile, g) -> bytes(data.get());
        Duration settle = Duration.ofSeconds(2);
        try (TileCache a = new TileCache(
                        quick,
                        new DiskTiles(dir),
                        16 << 20,
                        2,
                        1 << 20,
                        List.of(farms),
                        new SimpleMeterRegistry(),
                        settle);
                TileCache b = new TileCache(
                        slow,
                        new DiskTiles(dir),
                        16 << 20,
                        2,
                        1 << 20,
                        List.of(farms),
                        new SimpleMeterRegistry(),
                        settle)) {
            TileCoord t = TileCoord.containing(14, 105.85, 21.03);
            CompletableFuture<Tile> onB = CompletableFuture.supplyAsync(() -> b.get(farms, t));
            assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
            data.set(2);
            long applied = System.nanoTime();
            a.invalidate("farms", List.of(new Envelope(105.84, 105.86, 21.02, 21.04)));
            finish.countDown();
            assertThat(version(onB.get(10, TimeUnit.SECONDS))).isEqualTo(1);
            Path file = dir.resolve("farms/14/" + t.x() + "/" + t.y() + ".mvt");
            assertThat(version(Files.readAllBytes(file)))
                    .as("B's old tile, in the shared folder after A's change")
                    .isEqualTo(1);
            Tile fromFolder = a.get(farms, t);
            long stale = version(fromFolder);
            assertThat(fromFolder.settled())
                    .as("read from the shared folder within the settle time: not promised unchanging")
                    .isFalse();
            // A read it from the folder: the second application of the change, settle after the first, takes it away
            long fresh;
            Tile made;
            while ((fresh = version(made = a.get(farms, t))) != 2) {
                assertThat(System.nanoTime() - applied)
                        .as("A still serves the old tile")
                        .isLessThan(settle.toNanos() + 5_000_000_000L);
                Thread.sleep(20);
            }
            long after = (System.nanoTime() - applied) / 1_000_000;
            assertThat(after)
                    .as("not before the settle time: the test met the race it is about")
                    .isGreaterThanOrEqualTo(settle.toMillis());
            assertThat(stale).isEqualTo(1);
            assertThat(fresh).isEqualTo(2);
            assertThat(made.settled()).as("made by A itself after the change").isTrue();
            for (int i = 0; i < 5; i++) {
                assertThat(version(a.get(farms, t))).isEqualTo(2);
            }
            assertThat(version(Files.readAllBytes(file)))
                    .as("the shared folder's tile")
                    .isEqualTo(2);
        }
    }

    private static byte[] bytes(long version) {
        return Long.toString(version).getBytes(StandardCharsets.US_ASCII);
    }

    private static long version(Tile tile) {
        return version(tile.bytes());
    }

    private static long version(byte[] bytes) {
        return Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
    }
}
