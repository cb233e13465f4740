package org.ruralatlas.data.change;

import java.time.Instant;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * A committed write to a layer: the longitude/latitude boxes of the rows it touched (old and new
 * geometries), or none when the extent is unknown (a truncate, a file replaced), which means the
 * whole layer; the layer version the write produced (0 when the store has no such counter); and
 * when the database saw it, to measure how late the news arrived.
 */
public record DataChange(String layer, List<Envelope> boxes, long version, Instant at) {

    public DataChange {
        boxes = List.copyOf(boxes);
    }

    public boolean wholeLayer() {
        return boxes.isEmpty();
    }
}
