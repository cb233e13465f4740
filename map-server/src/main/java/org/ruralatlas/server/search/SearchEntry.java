package org.ruralatlas.server.search;

import java.util.List;

/**
 * One searchable feature: what a result shows (name, a label placing it, e.g. "Phúc Hoà, Bắc
 * Ninh", a point inside it and its bbox for zooming) and the folded words it is found by: its
 * names, and its context (commune, province, codes), which match with less weight.
 *
 * @param weight the layer's weight in ranking (a commune outranks a farm of the same name)
 * @param popularity a small tie-breaker within equal matches (OCOP stars, NTM level)
 */
record SearchEntry(
        String layer,
        String id,
        String name,
        String label,
        double[] point,
        double[] bbox,
        double weight,
        double popularity,
        String nameKey,
        String toneKey,
        List<String> nameWords,
        List<String> contextWords) {

    boolean intersects(org.ruralatlas.data.geo.Bbox box) {
        org.locationtech.jts.geom.Envelope own = new org.locationtech.jts.geom.Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
        return box.envelopes().stream().anyMatch(own::intersects);
    }
}
