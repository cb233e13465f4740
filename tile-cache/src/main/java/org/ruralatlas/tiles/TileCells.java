package org.ruralatlas.tiles;

import org.locationtech.jts.geom.Envelope;

/**
 * The grid of a tile's aggregate cells: {@value #PER_TILE} × {@value #PER_TILE} per tile at
 * every zoom, numbered from the world's top-left corner as tiles are. A feature belongs to the
 * cell of its representative point, the centre of its longitude/latitude box, projected to Web
 * Mercator. The same formulas are in PostGIS migration V13 ({@code cell_x}, {@code cell_y}),
 * which keeps the counts per cell, so both stores put every feature in the same cell.
 */
public final class TileCells {

    /** Cells per tile side. */
    public static final int PER_TILE = 64;

    private TileCells() {}

    /** The cell column at zoom {@code z} of a longitude/latitude box's centre. */
    public static long column(Envelope lonLat, int z) {
        double x = WebMercator.x((lonLat.getMinX() + lonLat.getMaxX()) / 2);
        return (long) Math.floor((x + WebMercator.HALF_WORLD) / (2 * WebMercator.HALF_WORLD) * across(z));
    }

    /** The cell row at zoom {@code z} of a longitude/latitude box's centre. */
    public static long row(Envelope lonLat, int z) {
        double y = WebMercator.y((lonLat.getMinY() + lonLat.getMaxY()) / 2);
        return (long) Math.floor((WebMercator.HALF_WORLD - y) / (2 * WebMercator.HALF_WORLD) * across(z));
    }

    /** The centre of a cell in EPSG:3857 metres, where a cell of many features is drawn. */
    public static double[] centre(long column, long row, int z) {
        double size = 2 * WebMercator.HALF_WORLD / across(z);
        return new double[] {
            -WebMercator.HALF_WORLD + (column + 0.5) * size, WebMercator.HALF_WORLD - (row + 0.5) * size
        };
    }

    /** Cells across the world at zoom {@code z}. */
    static double across(int z) {
        return (double) (1L << z) * PER_TILE;
    }
}
