package org.ruralatlas.data.feature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.Bbox;

/**
 * What to read from a layer: features intersecting {@code bbox} (null: anywhere), valid at some
 * day of {@code time} (null: any time), whose properties equal the given values (already typed for
 * the property), selected by a CQL2 {@code filter} bound to the layer (null: all), ordered by
 * {@code sortBy} and then by id (no keys: by id), after the position {@code after} in that order
 * (null: from the first), from {@code offset}, at most {@code limit}, each feature with the parts
 * {@code selection} names. All these conditions hold together (AND). Built from validated input only.
 */
public record FeatureQuery(
        Layer layer,
        Bbox bbox,
        TimeInterval time,
        Map<String, Object> equalTo,
        Filter filter,
        List<SortKey> sortBy,
        PropertySelection selection,
        Keyset after,
        long offset,
        int limit) {

    /** No limit: every matching feature. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public FeatureQuery {
        sortBy = sortBy == null ? List.of() : sortBy;
        selection = selection == null ? PropertySelection.ALL : selection;
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        if (time != null && layer.temporal() == null) {
            throw new IllegalArgumentException(layer.id() + " has no temporal properties");
        }
        for (String name : equalTo.keySet()) {
            PropertySpec p = layer.property(name)
                    .orElseThrow(() -> new IllegalArgumentException(layer.id() + " has no property " + name));
            if (!p.queryable() || !p.simple()) {
                throw new IllegalArgumentException(name + " is not queryable by equality in " + layer.id());
            }
        }
        if (filter != null && !filter.layer().id().equals(layer.id())) {
            throw new IllegalArgumentException(
                    "the filter is bound to " + filter.layer().id() + ", not " + layer.id());
        }
        sortBy.forEach(k -> SortKey.check(layer, k.property()));
        if (after != null) {
            after.check(sortBy);
        }
        equalTo = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(equalTo));
        sortBy = List.copyOf(sortBy);
    }

    /** A query from the first feature of its order. */
    public FeatureQuery(
            Layer layer,
            Bbox bbox,
            TimeInterval time,
            Map<String, Object> equalTo,
            Filter filter,
            List<SortKey> sortBy,
            PropertySelection selection,
            long offset,
            int limit) {
        this(layer, bbox, time, equalTo, filter, sortBy, selection, null, offset, limit);
    }

    /** A query without filter, sort keys or property selection. */
    public FeatureQuery(
            Layer layer, Bbox bbox, TimeInterval time, Map<String, Object> equalTo, long offset, int limit) {
        this(layer, bbox, time, equalTo, null, List.of(), PropertySelection.ALL, offset, limit);
    }

    /** Every feature of the layer. */
    public static FeatureQuery all(Layer layer) {
        return new FeatureQuery(layer, null, null, Map.of(), 0, UNLIMITED);
    }

    public FeatureQuery withBbox(Bbox box) {
        return new FeatureQuery(layer, box, time, equalTo, filter, sortBy, selection, after, offset, limit);
    }

    /** Only features whose validity interval meets {@code interval}; for layers with temporal properties. */
    public FeatureQuery withTime(TimeInterval interval) {
        return new FeatureQuery(layer, bbox, interval, equalTo, filter, sortBy, selection, after, offset, limit);
    }

    public FeatureQuery withEqual(String property, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(equalTo);
        m.put(property, value);
        return new FeatureQuery(layer, bbox, time, m, filter, sortBy, selection, after, offset, limit);
    }

    /** Only the features {@code f} selects (with whatever else the query says). */
    public FeatureQuery withFilter(Filter f) {
        return new FeatureQuery(layer, bbox, time, equalTo, f, sortBy, selection, after, offset, limit);
    }

    /** Ordered by {@code keys}, then by id. */
    public FeatureQuery sortedBy(List<SortKey> keys) {
        return new FeatureQuery(layer, bbox, time, equalTo, filter, keys, selection, null, offset, limit);
    }

    /** Each feature with only the parts {@code s} names. */
    public FeatureQuery selecting(PropertySelection s) {
        return new FeatureQuery(layer, bbox, time, equalTo, filter, sortBy, s, after, offset, limit);
    }

    public FeatureQuery page(long newOffset, int newLimit) {
        return new FeatureQuery(layer, bbox, time, equalTo, filter, sortBy, selection, after, newOffset, newLimit);
    }

    /** The features after {@code position} in this query's order (null: from the first). */
    public FeatureQuery startingAfter(Keyset position) {
        return new FeatureQuery(layer, bbox, time, equalTo, filter, sortBy, selection, position, offset, limit);
    }

    /**
     * What a store reads to answer this query: the output's properties, and the sort keys and id
     * the position of each feature is made of ({@link Keyset#of}), which a property selection may leave out.
     */
    public Layer readLayer() {
        Layer out = outputLayer();
        if (out == layer) {
            return out;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        out.properties().forEach(p -> names.add(p.name()));
        names.addAll(Keyset.properties(this));
        return layer.narrowedTo(names, out.hasGeometry());
    }

    /** The layer as the features of this query come out: what writers are given to lay out their columns. */
    public Layer outputLayer() {
        return selection.applyTo(layer);
    }
}
