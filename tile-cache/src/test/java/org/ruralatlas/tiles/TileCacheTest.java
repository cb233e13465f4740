package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;

/** The two cache levels over real tiles of the sample GeoPackage. */
class TileCacheTest {

    @TempDir
    Path dir;

    GeoPackageFeatureStore store;
    SimpleMeterRegistry meters;
    TileCache cache;
    TileSet tourism;

    @BeforeEach
    void open() {
        store = new GeoPackageFeatureStore(SampleData.copyTo(dir.resolve("data/sample.gpkg")));
        LayerCatalog catalog = LayerCatalog.load();
        tourism = TileSet.of(catalog.require("tourism"));
        meters = new SimpleMeterRegistry();
        cache = new TileCache(
                new StoreTileProducer(store), new DiskTiles(dir), 64 << 20, 2, 1 << 20, List.of(tourism), meters);
    }

    @AfterEach
    void close() {
        cache.close();
        store.close();
    }

    double count(String answer) {
        return meters.get("ruralatlas.tiles.requests")
                .tag("answer", answer)
                .counter()
                .count();
    }

    @Test
    void aTileIsProducedOnceThenServedFromMemoryThenFromDiskAfterARestart() {
        TileCoord t = TileCoord.containing(12, 105.85, 21.03);
        Tile first = cache.get(tourism, t);
        Tile second = cache.get(tourism, t);
        assertThat(second.bytes()).isEqualTo(first.bytes());
        assertThat(count("produced")).isEqualTo(1);
        assertThat(count("memory")).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("tourism/12/" + t.x() + "/" + t.y() + ".mvt")))
                .isTrue();
        TileCache restarted = new TileCache(
                new StoreTileProducer(store),
                new DiskTiles(dir),
                64 << 20,
                2,
                1 << 20,
                List.of(tourism),
                new SimpleMeterRegistry());
        assertThat(restarted.get(tourism, t).etag()).isEqualTo(first.etag());
        restarted.close();
    }

    @Test
    void aChangeDropsExactlyTheTilesUnderItAtEveryZoom() {
        TileCoord hanoi = TileCoord.containing(12, 105.85, 21.03);
        TileCoord saigon = TileCoord.containing(12, 106.70, 10.78);
        cache.get(tourism, hanoi);
        cache.get(tourism, hanoi.parent());
        cache.get(tourism, saigon);
        assertThat(count("produced")).isEqualTo(3);
        Envelope inside = new Envelope(WebMercator.lonLatQueryBox(hanoi).centre());
        int dropped = cache.invalidate("tourism", List.of(inside));
        // both Hanoi tiles, each in memory and on disk
        assertThat(dropped).isEqualTo(4);
        assertThat(Files.exists(dir.resolve("tourism/12/" + hanoi.x() + "/" + hanoi.y() + ".mvt")))
                .isFalse();
        assertThat(Files.exists(dir.resolve("tourism/12/" + saigon.x() + "/" + saigon.y() + ".mvt")))
                .isTrue();
        cache.get(tourism, saigon);
        assertThat(count("produced")).isEqualTo(3);
        cache.get(tourism, hanoi);
        assertThat(count("produced")).isEqualTo(4);
        assertThat(cache.invalidate("farms", List.of(inside)))
                .as("other layers' sets keep their tiles")
                .isZero();
    }

    @Test
    void aTileOverTheByteCapIsMadeCoarser() {
        TileCoord t = TileCoord.containing(8, 105.85, 21.03);
        byte[] normal = cache.get(tourism, t).bytes();
        SimpleMeterRegistry m = new SimpleMeterRegistry();
        TileCache capped =
                new TileCache(new StoreTileProducer(store), null, 64 << 20, 2, normal.length / 2, List.of(tourism), m);
        byte[] coarse = capped.get(tourism, t).bytes();
        capped.close();
        assertThat(coarse.length).isPositive().isLessThan(normal.length);
        assertThat(m.get("ruralatlas.tiles.coarsened").counter().count()).isPositive();
    }

    @Test
    void seedingFillsTheDiskButNotMemoryAndSkipsWhatIsThere() {
        TileArea area = new TileArea(new Envelope(105.7, 106.0, 20.9, 21.1), null, 10, 12);
        TileSeeder.Progress p = new TileSeeder(cache, 2).seed(tourism, area, x -> {});
        assertThat(p.finished()).isTrue();
        assertThat(p.done()).isEqualTo(area.upperBound());
        assertThat(p.produced()).isEqualTo(p.done());
        TileSeeder.Progress again = new TileSeeder(cache, 2).seed(tourism, area, x -> {});
        assertThat(again.produced()).isZero();
        cache.get(tourism, TileCoord.containing(12, 105.85, 21.03));
        assertThat(count("disk")).isEqualTo(1);
        assertThat(cache.truncate(tourism, area)).isEqualTo((int) area.upperBound() + 1);
    }
}
