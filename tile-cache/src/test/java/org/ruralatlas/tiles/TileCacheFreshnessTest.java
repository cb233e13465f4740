package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.LayerCatalog;

/**
 * Changes applied while tiles are produced, read and written: once a change is applied, no tile
 * made from the data before it is served or kept, in memory or on disk, in any set holding the
 * layer, whatever happens to the disk. The producer here makes each tile from a data version
 * (the tile's bytes are the version) and takes a while, so productions straddle changes.
 */
class TileCacheFreshnessTest {

    @TempDir
    Path dir;

    final AtomicLong data = new AtomicLong(1);
    final Random random = new Random(12);
    TileSet all;
    TileSet farms;
    TileSet tourism;
    TileCache cache;

    @BeforeEach
    void open() {
        LayerCatalog catalog = LayerCatalog.load();
        all = new TileSet(TileSet.ALL, List.of(catalog.require("farms"), catalog.require("tourism")));
        farms = TileSet.of(catalog.require("farms"));
        tourism = TileSet.of(catalog.require("tourism"));
        cache = cache(new DiskTiles(dir));
    }

    TileCache cache(DiskTiles disk) {
        TileProducer producer = (set, tile, g) -> {
            long version = data.get();
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Long.toString(version).getBytes(StandardCharsets.US_ASCII);
        };
        return new TileCache(
                producer, disk, 16 << 20, 4, 1 << 20, List.of(all, farms, tourism), new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    static long version(Tile tile) {
        return Long.parseLong(new String(tile.bytes(), StandardCharsets.US_ASCII));
    }

    List<TileCoord> someTiles() {
        List<TileCoord> tiles = new ArrayList<>();
        for (int z = 10; z <= 14; z++) {
            TileCoord t = TileCoord.containing(z, 105.85, 21.03);
            for (int dx = 0; dx < 4; dx++) {
                tiles.add(new TileCoord(z, t.x() + dx, t.y()));
            }
        }
        return tiles;
    }

    @Test
    void noTileFromBeforeAChangeSurvivesItWhileTilesAreProducedAndWritten() throws Exception {
        List<TileCoord> tiles = someTiles();
        List<TileSet> sets = List.of(all, farms, tourism);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int seed = c;
            load.add(clients.submit(() -> {
                Random r = new Random(seed);
                while (running.get()) {
                    TileSet set = sets.get(r.nextInt(sets.size()));
                    TileCoord t = tiles.get(r.nextInt(tiles.size()));
                    if (r.nextInt(4) == 0) {
                        cache.seed(set, t);
                    } else {
                        cache.get(set, t);
                    }
                }
                return null;
            }));
        }
        try {
            for (int change = 0; change < 200; change++) {
                long committed = data.incrementAndGet();
                // as the listener applies it: the whole layer (a reconnect, a truncate) or boxes over the tiles
                if (change % 2 == 0) {
                    cache.invalidateLayer("farms");
                } else {
                    cache.invalidate("farms", List.of(new Envelope(105.0, 107.5, 20.0, 22.0)));
                }
                TileSet set = random.nextBoolean() ? all : farms;
                TileCoord t = tiles.get(random.nextInt(tiles.size()));
                assertThat(version(cache.get(set, t)))
                        .as("change %d: %s %s", change, set.id(), t)
                        .isGreaterThanOrEqualTo(committed);
                if (change % 40 == 39) {
                    for (TileSet s : List.of(all, farms)) {
                        for (TileCoord each : tiles) {
                            assertThat(version(cache.get(s, each)))
                                    .as("change %d: %s %s", change, s.id(), each)
                                    .isGreaterThanOrEqualTo(committed);
                        }
                    }
                    assertThat(versionsOnDisk(all))
                            .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(committed));
                    assertThat(versionsOnDisk(farms))
                            .allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(committed));
                }
            }
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> f : load) {
            f.get(); // no client saw an exception
        }
    }

    /** The versions of the tiles on disk for a set (a file being renamed aside or deleted meanwhile is skipped). */
    List<Long> versionsOnDisk(TileSet set) throws Exception {
        Path root = dir.resolve(set.id());
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Long> versions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mvt")).toList()) {
                try {
                    versions.add(Long.parseLong(Files.readString(f)));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // dropped meanwhile
                }
            }
        } catch (java.io.UncheckedIOException gone) {
            // the set's folder went meanwhile
        }
        return versions;
    }

    @Test
    void aDiskThatCannotBeDroppedNeverLeavesMemoryOrOtherSetsStale() throws Exception {
        TileCoord t = TileCoord.containing(12, 105.85, 21.03);
        assertThat(version(cache.get(all, t))).isEqualTo(1);
        assertThat(version(cache.get(farms, t))).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("farms/12/" + t.x() + "/" + t.y() + ".mvt")))
                .isTrue();
        // a plain file where the dropped folders go: no set can be renamed aside any more
        Files.writeString(dir.resolve(".dropped"), "in the way");
        data.set(2);
        cache.invalidateLayer("farms");
        assertThat(version(cache.get(all, t)))
                .as("memory swept, the old disk tile not served")
                .isEqualTo(2);
        assertThat(version(cache.get(farms, t))).as("the other set dropped too").isEqualTo(2);
        assertThat(Files.readString(dir.resolve("farms/12/" + t.x() + "/" + t.y() + ".mvt")))
                .as("left on disk, unused")
                .isEqualTo("1");
        // a restart-free recovery: the next whole drop that succeeds puts the disk level back in use
        Files.delete(dir.resolve(".dropped"));
        data.set(3);
        cache.invalidateLayer("farms");
        assertThat(version(cache.get(farms, t))).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("farms/12/" + t.x() + "/" + t.y() + ".mvt")))
                .isEqualTo("3");
    }

    @Test
    void droppedSetsAreDeletedInTheBackgroundAndLeftoversAtTheNextStart() throws Exception {
        TileCoord t = TileCoord.containing(12, 105.85, 21.03);
        cache.get(farms, t);
        cache.invalidateLayer("farms");
        assertThat(Files.exists(dir.resolve("farms"))).isFalse();
        awaitEmpty(dir.resolve(".dropped"));
        // what a crash left behind
        Path leftover = dir.resolve(".dropped/farms-1-1/12/3/4.mvt");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "1");
        new DiskTiles(dir);
        awaitEmpty(dir.resolve(".dropped"));
    }

    static void awaitEmpty(Path folder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    return;
                }
            }
            assertThat(System.nanoTime())
                    .as(folder + " still holds dropped tiles")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
