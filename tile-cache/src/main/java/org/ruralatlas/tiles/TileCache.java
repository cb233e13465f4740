package org.ruralatlas.tiles;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.locationtech.jts.geom.Envelope;

/**
 * Two cache levels in front of a {@link TileProducer}: memory (Caffeine, bounded by bytes) and
 * disk ({@link DiskTiles}). Concurrent requests for a missing tile share one production (the
 * cache holds the tile's future). Data changes drop exactly the cached tiles whose buffered
 * area meets the changed boxes, at every zoom, in both levels; a tile read or produced while a
 * change arrives is served to its waiting requests but never kept, so no cache level holds a
 * tile older than the last change it was told about.
 */
public final class TileCache implements AutoCloseable {

    private final TileProducer producer;
    private final int maxTileBytes;
    private final Counter oversize;
    private final DiskTiles disk;
    private final AsyncCache<TileKey, Tile> memory;
    private final ExecutorService producers;
    private final List<TileSet> sets;
    private final AtomicLong epoch = new AtomicLong();
    /**
     * Orders keeping a tile against a change: a tile is kept (written to disk, left in memory) only
     * under the read lock and only if no change began since its production started; a change
     * bumps the epoch under the write lock, then deletes from disk, then sweeps memory.
     */
    private final java.util.concurrent.locks.ReadWriteLock changes = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final Counter memoryHits;
    private final Counter diskHits;
    private final Counter produced;
    private final Counter dropped;
    private final MeterRegistry meters;

    /**
     * @param disk the second level, or null for none
     * @param memoryBytes the most bytes of tiles kept in memory; 0 turns the cache off entirely
     *     (every request produces its tile: for measuring production)
     * @param threads how many tiles may be produced at once
     * @param maxTileBytes the byte cap per tile: a bigger tile is made again, coarser, up to three times
     */
    public TileCache(TileProducer producer, DiskTiles disk, long memoryBytes, int threads, int maxTileBytes, Collection<TileSet> sets,
            MeterRegistry meters) {
        this.producer = producer;
        this.maxTileBytes = maxTileBytes;
        this.disk = memoryBytes > 0 ? disk : null;
        this.sets = List.copyOf(sets);
        this.meters = meters;
        AtomicInteger n = new AtomicInteger();
        this.producers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tile-producer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.memory = memoryBytes <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(memoryBytes)
                .weigher((TileKey k, Tile t) -> t.bytes().length + 100)
                .executor(Runnable::run)
                .buildAsync();
        this.memoryHits = Counter.builder("ruralatlas.tiles.requests").tag("answer", "memory").register(meters);
        this.diskHits = Counter.builder("ruralatlas.tiles.requests").tag("answer", "disk").register(meters);
        this.produced = Counter.builder("ruralatlas.tiles.requests").tag("answer", "produced").register(meters);
        this.oversize = Counter.builder("ruralatlas.tiles.coarsened")
                .description("tiles made again with coarser generalisation to stay under the byte cap").register(meters);
        this.dropped = Counter.builder("ruralatlas.tiles.invalidated").description("cached tiles dropped after data changes")
                .register(meters);
        if (memory != null) {
            Gauge.builder("ruralatlas.tiles.memory.bytes", memory,
                    m -> m.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L)).register(meters);
        }
    }

    /** The disk level's folder, when there is one. */
    public Optional<java.nio.file.Path> diskDir() {
        return disk == null ? Optional.empty() : Optional.of(disk.dir());
    }

    public List<TileSet> sets() {
        return sets;
    }

    public Optional<TileSet> set(String id) {
        return sets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The tile, from memory, disk or freshly produced. */
    public Tile get(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        if (memory == null) {
            produced.increment();
            // still through the producer pool: it bounds the database work however many requests come
            return join(CompletableFuture.supplyAsync(() -> Tile.of(produce(set, t)), producers));
        }
        boolean[] loaded = {false};
        CompletableFuture<Tile> future = memory.get(key, (k, executor) -> {
            loaded[0] = true;
            return CompletableFuture.supplyAsync(() -> load(set, k), producers);
        });
        if (!loaded[0]) {
            memoryHits.increment();
        }
        return join(future);
    }

    private static Tile join(CompletableFuture<Tile> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Tile load(TileSet set, TileKey key) {
        long start = epoch.get();
        Optional<byte[]> stored = disk == null ? Optional.empty() : disk.read(key);
        byte[] bytes;
        if (stored.isPresent()) {
            diskHits.increment();
            bytes = stored.get();
        } else {
            produced.increment();
            bytes = produce(set, key.tile());
        }
        if (!keep(key, start, stored.isPresent() ? null : bytes)) {
            // data changed while this tile was read or made: hand it to its waiting requests, keep it nowhere
            memory.synchronous().invalidate(key);
        }
        return Tile.of(bytes);
    }

    /** Writes a produced tile to disk if no change began since {@code start}; true when the tile may be kept. */
    private boolean keep(TileKey key, long start, byte[] produced) {
        changes.readLock().lock();
        try {
            if (epoch.get() != start) {
                return false;
            }
            if (produced != null && disk != null) {
                disk.write(key, produced);
            }
            return true;
        } finally {
            changes.readLock().unlock();
        }
    }

    private void beginChange() {
        changes.writeLock().lock();
        try {
            epoch.incrementAndGet();
        } finally {
            changes.writeLock().unlock();
        }
    }

    /**
     * Makes sure the tile is on disk, producing it if needed, without touching the memory level
     * (seeding must not push out what users are looking at); true when it was produced.
     */
    public boolean seed(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        if (disk == null || disk.read(key).isPresent()) {
            return false;
        }
        long start = epoch.get();
        keep(key, start, produce(set, t));
        return true;
    }

    /** The tile's bytes for an export: from disk, else produced (and kept on disk), never via memory. */
    public byte[] fetch(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        Optional<byte[]> stored = disk == null ? Optional.empty() : disk.read(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        long start = epoch.get();
        byte[] bytes = produce(set, t);
        keep(key, start, bytes);
        return bytes;
    }

    /** Drops the set's cached tiles over the area's box and zooms, in both levels; returns how many. */
    public int truncate(TileSet set, TileArea area) {
        beginChange();
        int count = 0;
        int[][] ranges = new int[TileCoord.MAX_ZOOM + 1][];
        for (int z = area.minZoom(); z <= area.maxZoom(); z++) {
            ranges[z] = WebMercator.range(z, area.box());
            if (disk != null) {
                count += disk.delete(set.id(), z, ranges[z][0], ranges[z][1], ranges[z][2], ranges[z][3]);
            }
        }
        if (memory != null) {
            for (TileKey key : List.copyOf(memory.synchronous().asMap().keySet())) {
                int[] r = ranges[key.tile().z()];
                if (key.set().equals(set.id()) && r != null && inside(key.tile(), new int[][] {r})) {
                    memory.synchronous().invalidate(key);
                    count++;
                }
            }
        }
        return count;
    }

    private byte[] produce(TileSet set, TileCoord t) {
        Timer.Sample sample = Timer.start(meters);
        try {
            Generalisation g = Generalisation.at(t.z());
            byte[] bytes = producer.produce(set, t, g);
            while (bytes.length > maxTileBytes && g.level() < 3) {
                oversize.increment();
                g = g.coarser();
                bytes = producer.produce(set, t, g);
            }
            return bytes;
        } finally {
            sample.stop(Timer.builder("ruralatlas.tiles.production").tag("zoom", Integer.toString(t.z()))
                    .description("time to produce one tile").register(meters));
        }
    }

    /**
     * Drops every cached tile of every set holding {@code layerId} whose area (buffer included)
     * meets one of the longitude/latitude boxes, at every zoom; returns how many were dropped.
     */
    public int invalidate(String layerId, List<Envelope> boxes) {
        beginChange();
        List<TileSet> affected = sets.stream().filter(s -> s.contains(layerId)).toList();
        int[][][] ranges = new int[TileCoord.MAX_ZOOM + 1][][];
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            List<int[]> perZoom = new ArrayList<>();
            for (Envelope box : boxes) {
                perZoom.add(WebMercator.range(z, box));
            }
            ranges[z] = perZoom.toArray(new int[0][]);
        }
        int count = 0;
        for (TileSet s : affected) {
            if (disk != null) {
                for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
                    for (int[] r : ranges[z]) {
                        count += disk.delete(s.id(), z, r[0], r[1], r[2], r[3]);
                    }
                }
            }
            // memory last: a tile read from disk before the delete is swept here
            if (memory != null) {
                for (TileKey key : List.copyOf(memory.synchronous().asMap().keySet())) {
                    if (key.set().equals(s.id()) && inside(key.tile(), ranges[key.tile().z()])) {
                        memory.synchronous().invalidate(key);
                        count++;
                    }
                }
            }
        }
        dropped.increment(count);
        return count;
    }

    /** Drops every cached tile of the sets holding {@code layerId} (a change whose extent is unknown). */
    public void invalidateLayer(String layerId) {
        beginChange();
        for (TileSet s : sets) {
            if (s.contains(layerId)) {
                if (disk != null) {
                    disk.deleteSet(s.id());
                }
                if (memory != null) {
                    memory.synchronous().asMap().keySet().removeIf(k -> k.set().equals(s.id()));
                }
            }
        }
    }

    private static boolean inside(TileCoord t, int[][] ranges) {
        for (int[] r : ranges) {
            if (t.x() >= r[0] && t.x() <= r[2] && t.y() >= r[1] && t.y() <= r[3]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        producers.shutdownNow();
        try {
            producers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
