package org.ruralatlas.tiles;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.geo.XyMapping;

/**
 * The WebMercatorQuad grid's arithmetic (EPSG:3857 on the WGS 84 sphere radius, OGC 17-083r4
 * annex D.1): metres from longitude/latitude, tile envelopes, and which tiles a box touches.
 * Plain formulas, so the GeoPackage path needs no projection library and matches PostGIS's
 * {@code ST_Transform(…, 3857)} and {@code ST_TileEnvelope} to the centimetre.
 */
public final class WebMercator {

    /** Half the width of the square world in metres: π × 6,378,137. */
    public static final double HALF_WORLD = Math.PI * 6378137.0;
    /** MVT coordinates per tile side, and the clip buffer around a tile in the same units (as ST_AsMVTGeom's defaults). */
    public static final int EXTENT = 4096;

    public static final int BUFFER = 64;

    private WebMercator() {}

    public static double x(double lon) {
        return lon * HALF_WORLD / 180;
    }

    public static double y(double lat) {
        double clamped = Math.max(-TileCoord.MAX_LATITUDE, Math.min(TileCoord.MAX_LATITUDE, lat));
        return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2)) * 6378137.0;
    }

    /** The tile's square in EPSG:3857 metres. */
    public static Envelope envelope(TileCoord t) {
        double size = 2 * HALF_WORLD / (1L << t.z());
        double minx = -HALF_WORLD + t.x() * size;
        double maxy = HALF_WORLD - t.y() * size;
        return new Envelope(minx, minx + size, maxy - size, maxy);
    }

    /** The tile's square grown by {@code units} of its {@link #EXTENT}, in metres. */
    public static Envelope buffered(TileCoord t, int units) {
        Envelope e = envelope(t);
        e.expandBy(e.getWidth() * units / EXTENT);
        return e;
    }

    /** The tile's square grown by {@link #BUFFER}, in longitude/latitude, for the store query. */
    public static Envelope lonLatQueryBox(TileCoord t) {
        Envelope m = buffered(t, BUFFER);
        return new Envelope(lon(m.getMinX()), lon(m.getMaxX()), lat(m.getMinY()), lat(m.getMaxY()));
    }

    public static double lon(double x) {
        return Math.max(-180, Math.min(180, x * 180 / HALF_WORLD));
    }

    public static double lat(double y) {
        return Math.toDegrees(Math.atan(Math.sinh(y / 6378137.0)));
    }

    /** A copy of a longitude/latitude geometry in EPSG:3857 metres. */
    public static Geometry project(Geometry lonLat) {
        return ((XyMapping) (lon, lat) -> new double[] {x(lon), y(lat)}).applyTo(lonLat);
    }

    /** Tile columns or rows {@code [first, last]} at zoom {@code z} that a longitude/latitude box touches, buffer included. */
    public static int[] range(int z, Envelope lonLat) {
        Envelope grown = new Envelope(lonLat);
        // a change just outside a tile still shows in its buffer
        double pad = 360.0 / (1L << z) * BUFFER / EXTENT;
        grown.expandBy(pad);
        TileCoord min = TileCoord.containing(z, grown.getMinX(), grown.getMaxY());
        TileCoord max = TileCoord.containing(z, grown.getMaxX(), grown.getMinY());
        return new int[] {min.x(), min.y(), max.x(), max.y()};
    }
}
