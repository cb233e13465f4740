package org.ruralatlas.server.tiles;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.tiles.TileSet;

/**
 * The data version of each tile set as the tile cache has applied it, for tile URLs that carry
 * it ({@code ?v=}) and may then be kept as immutable by browsers and CDNs. A layer's version is
 * recorded only after the cache has dropped the tiles of the change that made it, and is never
 * ahead of the tiles: a change's own write counter (PostGIS notifications, the same on every
 * replica), else the store's version read <em>before</em> the drop (a change of unknown extent,
 * a start): tiles made after the drop reflect that version or a later one. So a URL naming the
 * current version never gets a tile older than it; a tile newer than its URL's version is the
 * worst that can be kept.
 */
public final class TileVersions {

    private final Map<String, String> layers = new ConcurrentHashMap<>();

    /** A layer's tiles were dropped for data at {@code version} (a write counter, or the store's version tag read before the drop). */
    void applied(String layer, String version) {
        layers.put(layer, version);
    }

    /** A layer's version at the start, unless a change heard since has recorded its own. */
    void start(String layer, String version) {
        layers.putIfAbsent(layer, version);
    }

    /** A layer's tiles were dropped for a change whose write counter is {@code counter}. */
    static String counter(long counter) {
        return "n" + counter;
    }

    /** A layer's version tag, read before its tiles were dropped. */
    static String tag(String tag) {
        return "t" + tag;
    }

    /** The set's version: short, the same on every replica that applied the same changes; empty until each layer has one. */
    public String of(TileSet set) {
        StringBuilder key = new StringBuilder();
        for (Layer l : set.layers()) {
            String v = layers.get(l.id());
            if (v == null) {
                return "";
            }
            key.append(l.id()).append('=').append(v).append(';');
        }
        return Sha256.hex(key.toString(), 8);
    }
}
