package org.ruralatlas.data.feature;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.geo.Bbox;

/**
 * What to read from a layer: features intersecting {@code bbox} (null: anywhere), valid at some
 * day of {@code time} (null: any time), whose properties equal the given values (already typed for
 * the property), ordered by id, from {@code offset}, at most {@code limit}. Built from validated
 * input only.
 */
public record FeatureQuery(Layer layer, Bbox bbox, TimeInterval time, Map<String, Object> equalTo, long offset, int limit) {

    /** No limit: every matching feature. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public FeatureQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (time != null && layer.temporal() == null) {
            throw new IllegalArgumentException(layer.id() + " has no temporal properties");
        }
        for (String name : equalTo.keySet()) {
            PropertySpec p = layer.property(name)
                    .orElseThrow(() -> new IllegalArgumentException(layer.id() + " has no property " + name));
            if (!p.queryable()) {
                throw new IllegalArgumentException(name + " is not queryable in " + layer.id());
            }
        }
        equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
    }

    /** Every feature of the layer. */
    public static FeatureQuery all(Layer layer) {
        return new FeatureQuery(layer, null, null, Map.of(), 0, UNLIMITED);
    }

    public FeatureQuery withBbox(Bbox box) {
        return new FeatureQuery(layer, box, time, equalTo, offset, limit);
    }

    /** Only features whose validity interval meets {@code interval}; for layers with temporal properties. */
    public FeatureQuery withTime(TimeInterval interval) {
        return new FeatureQuery(layer, bbox, interval, equalTo, offset, limit);
    }

    public FeatureQuery withEqual(String property, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(equalTo);
        m.put(property, value);
        return new FeatureQuery(layer, bbox, time, m, offset, limit);
    }

    public FeatureQuery page(long newOffset, int newLimit) {
        return new FeatureQuery(layer, bbox, time, equalTo, newOffset, newLimit);
    }
}
