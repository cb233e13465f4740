package org.ruralatlas.tiles;

/**
 * Makes one Mapbox Vector Tile (2.1) from the current data: PostGIS with {@code ST_AsMVT}, or
 * any feature store through JTS. Both follow {@link Generalisation} so that they give the same
 * features and attributes. An empty array means the tile has no features.
 */
public interface TileProducer extends AutoCloseable {

    byte[] produce(TileSet set, TileCoord tile, Generalisation generalisation);

    /** Releases what the producer holds (a connection pool of its own). */
    @Override
    default void close() {}
}
