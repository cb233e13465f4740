package org.ruralatlas.tiles;

import org.ruralatlas.data.geo.Bbox;

/**
 * A tile of the WebMercatorQuad tile matrix set (OGC 17-083r4): zoom {@code z}, column {@code x}
 * and row {@code y} from the top-left, each within {@code 0 ≤ x, y < 2^z}. Valid once built.
 */
public record TileCoord(int z, int x, int y) {

    /** The deepest zoom RuralAtlas serves. */
    public static final int MAX_ZOOM = 20;
    /** Latitude limit of Web Mercator, where the square world ends. */
    public static final double MAX_LATITUDE = 85.0511287798066;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be between 0 and " + MAX_ZOOM + ", not " + z);
        }
        long n = 1L << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException(
                    "tile " + z + "/" + x + "/" + y + " is outside the grid: x and y must be below " + n);
        }
    }

    /** The tile's bounds in longitude/latitude. */
    public Bbox bounds() {
        double n = 1L << z;
        return new Bbox(x / n * 360 - 180, latitude((y + 1) / n), (x + 1) / n * 360 - 180, latitude(y / n));
    }

    /** The tile at {@code zoom} that contains a longitude/latitude (clamped to the Web Mercator square). */
    public static TileCoord containing(int zoom, double lon, double lat) {
        int n = 1 << zoom;
        double clampedLat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
        double rad = Math.toRadians(clampedLat);
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
        return new TileCoord(zoom, Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y)));
    }

    /** The tile one zoom up that contains this one; this tile itself at zoom 0. */
    public TileCoord parent() {
        return z == 0 ? this : new TileCoord(z - 1, x / 2, y / 2);
    }

    private static double latitude(double fractionFromTop) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * fractionFromTop))));
    }
}
