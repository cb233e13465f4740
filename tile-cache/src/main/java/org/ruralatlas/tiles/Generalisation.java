package org.ruralatlas.tiles;

import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;

/**
 * How a layer is thinned for a zoom so that low-zoom tiles stay small, the same in both
 * producers: besides each layer's zoom range, polygons and lines whose box is under
 * {@link #MIN_UNITS} MVT units on both sides are dropped (they would collapse in the 4096 grid);
 * points are thinned below zoom {@link #THIN_BELOW} to the first (by id) in each cell of a
 * 64 × 64 grid per tile; the rest is snapped to the 4096 grid, which removes the vertices a
 * screen cannot show (a Douglas-Peucker pass before the snap made no measurable difference and
 * was removed). Tiles carry the id and the catalogue's display properties, nothing else.
 * {@code level} above 0 is the coarser generalisation for tiles over the byte cap.
 */
public record Generalisation(int z, int level) {

    /** The usual generalisation at zoom z. */
    public static Generalisation at(int z) {
        return new Generalisation(z, 0);
    }

    /**
     * One step coarser, for a tile over the byte cap: features must be four times bigger, point
     * cells twice as wide, and points are thinned at every zoom.
     */
    public Generalisation coarser() {
        return new Generalisation(z, level + 1);
    }

    /** Features smaller than this many MVT units in both directions are left out. */
    public static final double MIN_UNITS = 2;
    /** Point layers are thinned below this zoom. */
    public static final int THIN_BELOW = 12;
    /** Cells per tile side when thinning points. */
    public static final int THIN_CELLS = 64;

    /** The smallest box side kept, in degrees of longitude (compared with the lon/lat box). */
    public double minDegrees() {
        return 360.0 / (1L << z) / WebMercator.EXTENT * MIN_UNITS * (1L << (2 * level));
    }

    /** Thinning cell side in metres. */
    public double cell() {
        return 2 * WebMercator.HALF_WORLD / (1L << z) / THIN_CELLS * (1L << level);
    }

    public boolean thins(Layer layer) {
        return "Point".equals(layer.geometryType()) && (z < THIN_BELOW || level > 0) && !aggregates(layer);
    }

    /** Whether the layer's tiles at this zoom hold counts per {@link TileCells cell}, not single features. */
    public boolean aggregates(Layer layer) {
        return layer.tiles().aggregatesAt(z);
    }

    /** The attributes of a tile feature: the id property first, then the display properties. */
    public static List<PropertySpec> attributes(Layer layer) {
        return layer.properties().stream()
                .filter(p -> p.name().equals(layer.idProperty()) || p.display())
                .toList();
    }
}
