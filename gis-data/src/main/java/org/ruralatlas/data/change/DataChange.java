package org.ruralatlas.data.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * A committed write to a layer: the longitude/latitude boxes of the rows it touched (old and new
 * geometries), or none when the extent is unknown (a truncate, a file replaced), which means the
 * whole layer; the layer version the write produced (0 when the store has no such counter); and
 * when the database committed it, to measure how late the news arrived.
 */
public record DataChange(String layer, List<Envelope> boxes, long version, Instant at) {

    /** The most boxes a change carries; more are merged by 1-degree cell, then into their extent (as the V7 triggers do). */
    public static final int MAX_BOXES = 50;

    public DataChange {
        boxes = List.copyOf(boxes);
    }

    /** A change of the whole layer at an unknown version: what a listener reports when it may have missed changes. */
    public static DataChange wholeLayer(String layer) {
        return new DataChange(layer, List.of(), 0, Instant.now());
    }

    public boolean wholeLayer() {
        return boxes.isEmpty();
    }

    /**
     * This change and a later one of the same layer as one: the boxes of both (the whole layer if
     * either is), the later version, and the earlier commit time, so the lag counts from the
     * oldest write it covers.
     */
    public DataChange and(DataChange later) {
        if (!later.layer.equals(layer)) {
            throw new IllegalArgumentException("changes of " + layer + " and " + later.layer + " cannot be merged");
        }
        List<Envelope> merged = List.of();
        if (!wholeLayer() && !later.wholeLayer()) {
            List<Envelope> all = new ArrayList<>(boxes);
            all.addAll(later.boxes);
            merged = bounded(all);
        }
        return new DataChange(layer, merged, Math.max(version, later.version), at.isBefore(later.at) ? at : later.at);
    }

    /** At most {@link #MAX_BOXES} boxes covering the given ones: merged by the 1-degree cell of their corner, else their extent. */
    static List<Envelope> bounded(List<Envelope> boxes) {
        if (boxes.size() <= MAX_BOXES) {
            return boxes;
        }
        Map<Long, Envelope> cells = new LinkedHashMap<>();
        for (Envelope b : boxes) {
            long cell = (long) Math.floor(b.getMinX()) * 1000 + (long) Math.floor(b.getMinY());
            cells.computeIfAbsent(cell, k -> new Envelope()).expandToInclude(b);
        }
        if (cells.size() <= MAX_BOXES) {
            return List.copyOf(cells.values());
        }
        Envelope extent = new Envelope();
        boxes.forEach(extent::expandToInclude);
        return List.of(extent);
    }
}
