package org.ruralatlas.tiles;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Where seeding, truncating or an offline package works: a longitude/latitude box, optionally
 * narrowed to a shape (a province), over a zoom range. {@link #tiles()} walks its tiles lazily,
 * zoom by zoom and row by row, so any area is handled in constant memory; with a shape, tiles
 * that miss it are skipped.
 */
public final class TileArea implements Iterable<TileCoord> {

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private final Envelope box;
    private final PreparedGeometry shape;
    private final int minZoom;
    private final int maxZoom;

    public TileArea(Envelope box, Geometry shape, int minZoom, int maxZoom) {
        if (minZoom < 0 || maxZoom > TileCoord.MAX_ZOOM || minZoom > maxZoom) {
            throw new IllegalArgumentException("zooms must satisfy 0 <= from <= to <= " + TileCoord.MAX_ZOOM);
        }
        this.box = new Envelope(box);
        this.shape = shape == null ? null : PreparedGeometryFactory.prepare(shape);
        this.minZoom = minZoom;
        this.maxZoom = maxZoom;
    }

    public Envelope box() {
        return new Envelope(box);
    }

    public int minZoom() {
        return minZoom;
    }

    public int maxZoom() {
        return maxZoom;
    }

    /** How many tiles the box covers over the zoom range (an upper bound when there is a shape). */
    public long upperBound() {
        long n = 0;
        for (int z = minZoom; z <= maxZoom; z++) {
            int[] r = range(z);
            n += (long) (r[2] - r[0] + 1) * (r[3] - r[1] + 1);
        }
        return n;
    }

    public boolean covers(TileCoord t) {
        if (shape == null) {
            return true;
        }
        Envelope e = WebMercator.lonLatQueryBox(t);
        return shape.intersects(FACTORY.toGeometry(e));
    }

    private int[] range(int z) {
        TileCoord min = TileCoord.containing(z, box.getMinX(), box.getMaxY());
        TileCoord max = TileCoord.containing(z, box.getMaxX(), box.getMinY());
        return new int[] {min.x(), min.y(), max.x(), max.y()};
    }

    /** The area's tiles, lazily: zoom by zoom, row by row. */
    public Iterable<TileCoord> tiles() {
        return this;
    }

    @Override
    public Iterator<TileCoord> iterator() {
        return new Iterator<>() {
            int z = minZoom;
            int[] r = range(minZoom);
            int x = r[0];
            int y = r[1];
            TileCoord next = advance();

            private TileCoord advance() {
                while (z <= maxZoom) {
                    if (y > r[3]) {
                        z++;
                        if (z > maxZoom) {
                            return null;
                        }
                        r = range(z);
                        x = r[0];
                        y = r[1];
                        continue;
                    }
                    TileCoord t = new TileCoord(z, x, y);
                    if (++x > r[2]) {
                        x = r[0];
                        y++;
                    }
                    if (covers(t)) {
                        return t;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public TileCoord next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                TileCoord t = next;
                next = advance();
                return t;
            }
        };
    }
}
