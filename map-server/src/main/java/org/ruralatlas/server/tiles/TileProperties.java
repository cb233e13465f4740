package org.ruralatlas.server.tiles;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vector tiles ({@code ruralatlas.tiles.*}).
 *
 * @param cacheDir the disk cache (second level); unset: a folder per data store under the
 *     system's temporary directory
 * @param memoryBytes the most bytes of tiles kept in memory (first level); 0 turns caching off,
 *     so every request produces its tile (for measuring production); unset: a quarter of the
 *     heap, at most 256 MB, so a small heap is not filled with tiles
 * @param threads tiles produced at once; 0 means the number of processors
 * @param maxTileBytes the most bytes a tile should have: a bigger one is made again with coarser
 *     generalisation (bigger minimum feature size, sparser points), up to three times
 * @param freshness {@code notified} (default): tiles are dropped when the database announces a
 *     write, milliseconds after its commit; {@code strict}: every tile request also checks the
 *     layers' write counters first, so no tile from before a committed write is ever served
 *     (PostGIS; one small query per request)
 * @param maxAge how long browsers and proxies may reuse a tile without asking; 0 makes them
 *     revalidate every time (a 304 costs little), so no one sees a tile older than the data
 * @param versionedMaxAge the same for a tile URL carrying its set's current data version
 *     ({@code ?v=}, as the tilesets and TileJSON give it): such a URL never names other bytes, so
 *     it is {@code immutable} and may be kept long (a change gives the tilesets a new version)
 */
@ConfigurationProperties("ruralatlas.tiles")
public record TileProperties(
        Path cacheDir,
        @DefaultValue("-1") long memoryBytes,
        @DefaultValue("0") int threads,
        @DefaultValue("524288") int maxTileBytes,
        @DefaultValue("0s") Duration maxAge,
        @DefaultValue("365d") Duration versionedMaxAge,
        @DefaultValue("notified") String freshness) {

    public TileProperties {
        if (!freshness.equals("notified") && !freshness.equals("strict")) {
            throw new IllegalArgumentException(
                    "ruralatlas.tiles.freshness must be notified or strict, not " + freshness);
        }
    }

    /** The Cache-Control header of a tile: revalidate every time, or reuse for {@code maxAge}. */
    public String cacheControl() {
        return (maxAge.isZero()
                        ? org.springframework.http.CacheControl.noCache()
                        : org.springframework.http.CacheControl.maxAge(maxAge))
                .cachePublic()
                .getHeaderValue();
    }

    /** The Cache-Control header of a tile whose URL carries the current data version. */
    public String versionedCacheControl() {
        return org.springframework.http.CacheControl.maxAge(versionedMaxAge)
                .cachePublic()
                .immutable()
                .getHeaderValue();
    }

    /** The memory cache's size in bytes: as configured, or a quarter of the heap up to 256 MB. */
    public long memoryCacheBytes() {
        return memoryBytes >= 0
                ? memoryBytes
                : Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    public int producerThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
