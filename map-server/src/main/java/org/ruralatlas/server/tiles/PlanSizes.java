package org.ruralatlas.server.tiles;

/**
 * What an offline plan's tiles weigh, per zoom: the cached tiles' real sizes, and for the others
 * the mean of the cached ones at that zoom (else of all cached ones, else a fixed guess).
 */
final class PlanSizes {

    /**
     * The bytes assumed for a tile when no tile of the area is cached yet: the sample's Bắc Ninh at
     * zooms 6-14 averages 1,000 bytes a tile (1,446 tiles, empty ones included); denser data costs more.
     */
    static final double ESTIMATED_TILE_BYTES = 1024;

    private final long[] cachedBytes;
    private final long[] cachedTiles;
    private final long[] allTiles;

    PlanSizes(int zooms) {
        cachedBytes = new long[zooms];
        cachedTiles = new long[zooms];
        allTiles = new long[zooms];
    }

    /** One tile of zoom {@code z}: its size when cached, else negative. */
    void count(int z, long size) {
        allTiles[z]++;
        if (size >= 0) {
            cachedBytes[z] += size;
            cachedTiles[z]++;
        }
    }

    long knownTiles() {
        return java.util.stream.LongStream.of(cachedTiles).sum();
    }

    /** The bytes of every tile counted from {@code minZoom}: known where cached, estimated elsewhere. */
    double estimate(int minZoom) {
        long knownBytes = java.util.stream.LongStream.of(cachedBytes).sum();
        long known = knownTiles();
        double overallMean = known == 0 ? ESTIMATED_TILE_BYTES : (double) knownBytes / known;
        double bytes = knownBytes;
        for (int z = minZoom; z < allTiles.length; z++) {
            double mean = cachedTiles[z] == 0 ? overallMean : (double) cachedBytes[z] / cachedTiles[z];
            bytes += mean * (allTiles[z] - cachedTiles[z]);
        }
        return bytes;
    }
}
