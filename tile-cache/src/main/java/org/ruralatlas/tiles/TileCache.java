package org.ruralatlas.tiles;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two cache levels in front of a {@link TileProducer}: memory (Caffeine, bounded by bytes) and
 * disk ({@link DiskTiles}). Concurrent requests for a missing tile share one production (the
 * cache holds the tile's future). Data changes drop exactly the cached tiles whose buffered
 * area meets the changed boxes, at every zoom, in both levels; a tile read or produced while a
 * change arrives is served to its waiting requests but never kept, so no cache level holds a
 * tile older than the last change it was told about. A change of a whole layer empties its
 * sets' disk level at once (renamed aside, deleted in the background). A disk level that cannot
 * be cleaned never stops the memory level or other sets from being dropped: that set's disk
 * level is no longer used until a later drop of the whole set succeeds.
 *
 * <p>The disk level may be a folder that several servers share (issue 18). Another server may
 * still be making a tile from data older than a change when this one applies it, and write it
 * there afterwards, where this server would read it and keep it in memory. So with a
 * {@code settle} time, the longest such a production can take after a change (its statement
 * timeout plus its standby's lag), every change is applied a second time that long after the
 * first: what was written meanwhile from older data goes from disk and memory too. Until then a
 * tile read from disk is served but not {@link Tile#settled}, so it is not promised immutable.
 */
public final class TileCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TileCache.class);

    private final TileProducer producer;
    private final int maxTileBytes;
    private final Counter oversize;
    private final DiskTiles disk;
    private final AsyncCache<TileKey, Tile> memory;
    private final ExecutorService producers;
    private final List<TileSet> sets;
    /** Per set, bumped by every change of it: a tile is kept only if its set's epoch did not move since it was read or made. */
    private final Map<String, AtomicLong> epochs = new HashMap<>();
    /** Per set, when (System.nanoTime) its last change began. */
    private final Map<String, AtomicLong> lastChange = new HashMap<>();
    /** Sets whose disk level could not be cleaned after a change: read and written no more until a whole drop succeeds. */
    private final Set<String> diskOff = ConcurrentHashMap.newKeySet();
    /**
     * Orders keeping a tile against a change: a tile is kept (written to disk, left in memory) only
     * under the read lock and only if no change of its set began since its production started; a
     * change bumps the set's epoch under the write lock (a whole drop also renames the set's disk
     * folder aside there), then deletes from disk, then sweeps memory, tiles in production included.
     */
    private final ReadWriteLock changes = new ReentrantReadWriteLock();

    private final Counter memoryHits;
    private final Counter diskHits;
    private final Counter produced;
    private final Counter dropped;
    private final MeterRegistry meters;
    /** Applies each change a second time, {@code settle} after the first; null when the disk level is this server's alone. */
    private final ScheduledExecutorService again;

    private final Duration settle;

    /**
     * @param disk the second level, or null for none
     * @param memoryBytes the most bytes of tiles kept in memory; 0 turns the cache off entirely
     *     (every request produces its tile: for measuring production)
     * @param threads how many tiles may be produced at once
     * @param maxTileBytes the byte cap per tile: a bigger tile is made again, coarser, up to three times
     */
    public TileCache(
            TileProducer producer,
            DiskTiles disk,
            long memoryBytes,
            int threads,
            int maxTileBytes,
            Collection<TileSet> sets,
            MeterRegistry meters) {
        this(producer, disk, memoryBytes, threads, maxTileBytes, sets, meters, Duration.ZERO);
    }

    /**
     * @param settle for a disk level shared with other servers: how long after a change one of them
     *     may still write a tile made from the data before it; each change is applied again that
     *     long after. Zero: the disk level is this cache's alone
     */
    public TileCache(
            TileProducer producer,
            DiskTiles disk,
            long memoryBytes,
            int threads,
            int maxTileBytes,
            Collection<TileSet> sets,
            MeterRegistry meters,
            Duration settle) {
        this.producer = producer;
        this.maxTileBytes = maxTileBytes;
        this.disk = memoryBytes > 0 ? disk : null;
        this.sets = List.copyOf(sets);
        this.sets.forEach(set -> {
            epochs.put(set.id(), new AtomicLong());
            lastChange.put(set.id(), new AtomicLong(System.nanoTime() - settle.toNanos()));
        });
        this.meters = meters;
        AtomicInteger n = new AtomicInteger();
        this.producers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tile-producer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.memory = memoryBytes <= 0
                ? null
                : Caffeine.newBuilder()
                        .maximumWeight(memoryBytes)
                        .weigher((TileKey k, Tile t) -> t.bytes().length + 100)
                        .executor(Runnable::run)
                        .buildAsync();
        this.memoryHits = Counter.builder("ruralatlas.tiles.requests")
                .tag("answer", "memory")
                .register(meters);
        this.diskHits = Counter.builder("ruralatlas.tiles.requests")
                .tag("answer", "disk")
                .register(meters);
        this.produced = Counter.builder("ruralatlas.tiles.requests")
                .tag("answer", "produced")
                .register(meters);
        this.oversize = Counter.builder("ruralatlas.tiles.coarsened")
                .description("tiles made again with coarser generalisation to stay under the byte cap")
                .register(meters);
        this.dropped = Counter.builder("ruralatlas.tiles.invalidated")
                .description("cached tiles dropped after data changes")
                .register(meters);
        this.settle = settle;
        this.again = settle.isZero() || this.disk == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "tile-changes-again");
                    t.setDaemon(true);
                    return t;
                });
        if (memory != null) {
            Gauge.builder(
                            "ruralatlas.tiles.memory.bytes",
                            memory,
                            m -> m.synchronous()
                                    .policy()
                                    .eviction()
                                    .map(e -> e.weightedSize().orElse(0))
                                    .orElse(0L))
                    .register(meters);
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
        List<CompletableFuture<Tile>> created = new ArrayList<>(1);
        CompletableFuture<Tile> future = memory.get(key, (k, executor) -> {
            CompletableFuture<Tile> f = new CompletableFuture<>();
            created.add(f);
            return f;
        });
        if (created.isEmpty()) {
            memoryHits.increment();
        } else {
            startLoad(set, key, created.get(0));
        }
        return join(future);
    }

    /**
     * Loads the tile into its future only once the future is in the memory level: started from
     * inside Caffeine's mapping function, a quick load could finish, pass its epoch check and be
     * inserted after a change's sweep had already gone past its not-yet-visible entry.
     */
    private void startLoad(TileSet set, TileKey key, CompletableFuture<Tile> future) {
        try {
            producers.execute(() -> {
                try {
                    future.complete(load(set, key));
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
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
        long start = epochs.get(set.id()).get();
        // read from the disk level within the settle time of a change: possibly another server's tile from before it
        boolean settled =
                again == null || System.nanoTime() - lastChange.get(set.id()).get() >= settle.toNanos();
        Optional<byte[]> stored = read(key);
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
        return Tile.of(bytes, settled || stored.isEmpty());
    }

    /** The tile from the disk level, when there is one and it is in use for the tile's set. */
    private Optional<byte[]> read(TileKey key) {
        return disk == null || diskOff.contains(key.set()) ? Optional.empty() : disk.read(key);
    }

    /**
     * Writes a produced tile to disk if no change of its set began since {@code start}; true when
     * the tile may be kept. A failed write leaves the tile in memory only.
     */
    private boolean keep(TileKey key, long start, byte[] produced) {
        changes.readLock().lock();
        try {
            if (epochs.get(key.set()).get() != start) {
                return false;
            }
            if (produced != null && disk != null && !diskOff.contains(key.set())) {
                try {
                    disk.write(key, produced);
                } catch (UncheckedIOException e) {
                    LOG.warn("cannot write tile {} to the disk cache: {}", key, e.getMessage());
                }
            }
            return true;
        } finally {
            changes.readLock().unlock();
        }
    }

    /** Bumps the sets' epochs, so nothing read or made before is kept; {@code whole}: their disk levels are emptied too, at once. */
    private void beginChange(List<TileSet> changed, boolean whole) {
        changes.writeLock().lock();
        try {
            for (TileSet set : changed) {
                if (whole && disk != null) {
                    dropDisk(set);
                }
                epochs.get(set.id()).incrementAndGet();
                lastChange.get(set.id()).set(System.nanoTime());
            }
        } finally {
            changes.writeLock().unlock();
        }
    }

    /** Empties a set's disk level at once; if that fails the level is no longer used, so nothing older is served from it. */
    private void dropDisk(TileSet set) {
        try {
            disk.dropSet(set.id());
            if (diskOff.remove(set.id())) {
                LOG.info("the disk cache of tile set {} is in use again", set.id());
            }
        } catch (RuntimeException e) {
            diskOff.add(set.id());
            LOG.error(
                    "cannot drop the disk cache of tile set {} ({}); its tiles are no longer read from or written to {}",
                    set.id(),
                    e.getMessage(),
                    disk.dir());
        }
    }

    /**
     * Deletes the set's tiles within the per-zoom ranges from disk; if that fails part way, the
     * whole set is dropped from disk instead (too much, never too little). Returns how many went.
     */
    private int deleteFromDisk(TileSet set, int[][][] ranges) {
        if (disk == null || diskOff.contains(set.id())) {
            return 0;
        }
        int count = 0;
        try {
            for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
                if (ranges[z] != null) {
                    count += disk.delete(set.id(), z, ranges[z]);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "deleting changed tiles of {} from disk failed ({}); dropping the set's disk cache",
                    set.id(),
                    e.getMessage());
            beginChange(List.of(set), true);
        }
        return count;
    }

    /** Removes the sets' tiles that match from memory, those still being produced included; returns how many. */
    private int deleteFromMemory(List<TileSet> changed, Predicate<TileKey> matches) {
        if (memory == null) {
            return 0;
        }
        Set<String> ids = new HashSet<>();
        changed.forEach(set -> ids.add(set.id()));
        int count = 0;
        for (Iterator<TileKey> keys = memory.asMap().keySet().iterator(); keys.hasNext(); ) {
            TileKey key = keys.next();
            if (ids.contains(key.set()) && matches.test(key)) {
                keys.remove();
                count++;
            }
        }
        return count;
    }

    /**
     * Makes sure the tile is on disk, producing it if needed, without touching the memory level
     * (seeding must not push out what users are looking at); true when it was produced.
     */
    public boolean seed(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        if (disk == null || diskOff.contains(set.id()) || disk.read(key).isPresent()) {
            return false;
        }
        long start = epochs.get(set.id()).get();
        keep(key, start, produce(set, t));
        return true;
    }

    /**
     * The size of the tile as cached (memory, then disk), or -1 when neither level holds it:
     * for estimating what an area costs to download without producing anything.
     */
    public long cachedSize(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        CompletableFuture<Tile> inMemory = memory == null ? null : memory.getIfPresent(key);
        if (inMemory != null && inMemory.isDone() && !inMemory.isCompletedExceptionally()) {
            return inMemory.join().bytes().length;
        }
        return disk == null || diskOff.contains(set.id()) ? -1 : disk.size(key);
    }

    /** The tile as cached (memory, then disk), without producing it; empty when neither level holds it. */
    public Optional<Tile> cached(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        CompletableFuture<Tile> inMemory = memory == null ? null : memory.getIfPresent(key);
        if (inMemory != null && inMemory.isDone() && !inMemory.isCompletedExceptionally()) {
            return Optional.of(inMemory.join());
        }
        return read(key).map(Tile::of);
    }

    /** The tile's bytes for an export: from disk, else produced (and kept on disk), never via memory. */
    public byte[] fetch(TileSet set, TileCoord t) {
        TileKey key = new TileKey(set.id(), t);
        long start = epochs.get(set.id()).get();
        Optional<byte[]> stored = read(key);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] bytes = produce(set, t);
        keep(key, start, bytes);
        return bytes;
    }

    /** Drops the set's cached tiles over the area's box and zooms, in both levels; returns how many. */
    public int truncate(TileSet set, TileArea area) {
        int[][][] ranges = new int[TileCoord.MAX_ZOOM + 1][][];
        for (int z = area.minZoom(); z <= area.maxZoom(); z++) {
            ranges[z] = new int[][] {WebMercator.range(z, area.box())};
        }
        return drop(List.of(set), ranges);
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
            sample.stop(Timer.builder("ruralatlas.tiles.production")
                    .tag("zoom", Integer.toString(t.z()))
                    .description("time to produce one tile")
                    .register(meters));
        }
    }

    /**
     * Drops every cached tile of every set holding {@code layerId} whose area (buffer included)
     * meets one of the longitude/latitude boxes, at every zoom; returns how many were dropped.
     */
    public int invalidate(String layerId, List<Envelope> boxes) {
        int[][][] ranges = new int[TileCoord.MAX_ZOOM + 1][][];
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            int[][] perZoom = new int[boxes.size()][];
            for (int i = 0; i < boxes.size(); i++) {
                perZoom[i] = WebMercator.range(z, boxes.get(i));
            }
            ranges[z] = perZoom;
        }
        return drop(setsHolding(layerId), ranges);
    }

    /** Drops the sets' tiles within the per-zoom ranges (null: none at that zoom): epochs first, then disk, then memory. */
    private int drop(List<TileSet> changed, int[][][] ranges) {
        later(() -> dropNow(changed, ranges));
        return dropNow(changed, ranges);
    }

    private int dropNow(List<TileSet> changed, int[][][] ranges) {
        beginChange(changed, false);
        int count = 0;
        for (TileSet set : changed) {
            count += deleteFromDisk(set, ranges);
        }
        // memory last: a tile read from disk before its delete is swept here
        count += deleteFromMemory(
                changed,
                key -> ranges[key.tile().z()] != null
                        && inside(key.tile(), ranges[key.tile().z()]));
        dropped.increment(count);
        return count;
    }

    /**
     * Drops every cached tile of the sets holding {@code layerId} (a change whose extent is
     * unknown): their disk folders are renamed aside at once, whatever is being written, and
     * their memory tiles swept, for every set even if one's disk cannot be dropped.
     */
    public void invalidateLayer(String layerId) {
        List<TileSet> changed = setsHolding(layerId);
        later(() -> dropWholeNow(changed));
        dropWholeNow(changed);
    }

    /**
     * Drops every cached tile of the sets holding {@code layerId}, once: for what changed while
     * this server was not running (at its start), which the servers that were running apply again
     * themselves; unlike {@link #invalidateLayer}, not applied again after the settle time.
     */
    public void dropLayer(String layerId) {
        dropWholeNow(setsHolding(layerId));
    }

    private void dropWholeNow(List<TileSet> changed) {
        beginChange(changed, true);
        deleteFromMemory(changed, key -> true);
    }

    /** A change applied again once every server sharing the disk level has stopped writing tiles from before it. */
    private void later(Runnable change) {
        if (again == null) {
            return;
        }
        try {
            again.schedule(
                    () -> {
                        try {
                            change.run();
                        } catch (RuntimeException e) {
                            LOG.warn("applying a change to the tiles again failed: {}", e.toString());
                        }
                    },
                    settle.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private List<TileSet> setsHolding(String layerId) {
        return sets.stream().filter(s -> s.contains(layerId)).toList();
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
        if (again != null) {
            again.shutdownNow();
        }
        producers.shutdownNow();
        try {
            producers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
