package org.ruralatlas.server.tiles;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Strict freshness ({@code ruralatlas.tiles.freshness=strict}, PostGIS): before a tile is
 * answered, the layers' write counters are read from the database and compared with the last
 * change the cache has applied; a request that outruns a notification waits for it (a second at
 * most, then that layer's tiles are dropped). So no tile is served from before a committed
 * write, at the price of one small query per tile request. In the default mode ({@code
 * notified}) a request arriving in the milliseconds between a commit and its notification may
 * still get the previous tile. With standbys serving reads a change reaches the cache only once
 * they have replayed it (or {@code ruralatlas.db.replica-wait} has passed), so the wait is that
 * much longer: dropping the tiles sooner would have them made again from a standby behind the write.
 */
public final class TileFreshness {

    private static final Logger LOG = LoggerFactory.getLogger(TileFreshness.class);
    private static final long WAIT_NANOS = 1_000_000_000L;

    private final long waitNanos;
    private final PostgisFeatureStore postgis;
    private final TileCache cache;
    private final StoreCircuit circuit;
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    TileFreshness(
            FeatureStore store, TileCache cache, boolean strict, StoreCircuit circuit, java.time.Duration replicaWait) {
        this.postgis = strict ? store.as(PostgisFeatureStore.class).orElse(null) : null;
        this.waitNanos = WAIT_NANOS + (postgis != null && postgis.replicas().size() > 0 ? replicaWait.toNanos() : 0);
        this.cache = cache;
        this.circuit = circuit;
        if (strict && postgis == null) {
            LOG.warn(
                    "ruralatlas.tiles.freshness=strict needs PostGIS; on {} changes are noticed within 100 ms",
                    store.description());
        }
    }

    /** The versions the cache starts from: called once changes are heard and stale disk tiles are gone. */
    void start() {
        if (postgis != null) {
            applied.putAll(postgis.versionNumbers());
        }
    }

    /** The current version of a layer as the database has it, for a change whose version is unknown. */
    long current(String layer) {
        return postgis == null ? 0 : postgis.versionNumbers().getOrDefault(layer, 0L);
    }

    /** The cache has dropped the tiles of this layer's writes up to {@code version}. */
    void applied(String layer, long version) {
        applied.merge(layer, version, Math::max);
    }

    /**
     * Returns once every committed write to the set's layers has reached the cache. While the
     * database is away nothing can be committed, so cached tiles are served as they are.
     */
    void await(TileSet set) {
        if (postgis == null || !circuit.available()) {
            return;
        }
        Map<String, Long> now = postgis.versionNumbers();
        for (Layer l : set.layers()) {
            long v = now.getOrDefault(l.id(), 0L);
            long deadline = System.nanoTime() + waitNanos;
            while (applied.getOrDefault(l.id(), 0L) < v) {
                if (System.nanoTime() > deadline) {
                    LOG.warn(
                            "no notification for {} version {} within {} ms: dropping its tiles",
                            l.id(),
                            v,
                            waitNanos / 1_000_000);
                    cache.invalidateLayer(l.id());
                    applied(l.id(), v);
                    break;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
