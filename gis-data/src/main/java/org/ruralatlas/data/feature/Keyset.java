package org.ruralatlas.data.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a page starts in a query's order: the values of the last feature of the page before, one
 * per sort key and then its id (keyset or "seek" paging). A store reads only the features after
 * it in the order, from its indexes, so the thousandth page costs what the first does, and a row
 * inserted or deleted before it does not shift the pages after it, as it would with an offset.
 * Values are typed as the layer's properties (text, long, double, boolean, date); a sort key's
 * value may be null (missing values have their place in the order), the id never is.
 */
public record Keyset(List<Object> values) {

    public Keyset {
        values = Collections.unmodifiableList(new ArrayList<>(values));
        if (values.isEmpty() || values.get(values.size() - 1) == null) {
            throw new IllegalArgumentException("a keyset ends with an id");
        }
    }

    /** The position of {@code f}, read with every property {@code q} sorts by, in {@code q}'s order. */
    public static Keyset of(FeatureQuery q, Feature f) {
        List<Object> values = new ArrayList<>();
        for (SortKey k : q.sortBy()) {
            values.add(f.properties().get(k.property()));
        }
        values.add(f.properties().get(q.layer().idProperty()));
        return new Keyset(values);
    }

    /** The names of the properties a keyset of {@code q} holds: the sort keys, then the id. */
    public static List<String> properties(FeatureQuery q) {
        List<String> names = new ArrayList<>();
        q.sortBy().forEach(k -> names.add(k.property()));
        names.add(q.layer().idProperty());
        return names;
    }

    /** Refuses a keyset that does not fit an order by {@code sortBy} and the id. */
    void check(List<SortKey> sortBy) {
        if (values.size() != sortBy.size() + 1) {
            throw new IllegalArgumentException(
                    "a keyset of " + values.size() + " values for " + sortBy.size() + " sort keys");
        }
    }
}
