package org.ruralatlas.data.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;

/**
 * One key of an ordering ({@code sortby}, OGC API – Features Part 8 style {@code -area_ha,name}):
 * a queryable of a simple type, ascending unless {@code descending}. Both stores sort texts by
 * code point, numbers, dates and booleans by value, and missing values after every value
 * (before, descending); the feature id always comes last so that pages never overlap.
 */
public record SortKey(String property, boolean descending) {

    private static final Set<PropertyType> SORTABLE = Set.of(
            PropertyType.STRING, PropertyType.INTEGER, PropertyType.NUMBER, PropertyType.BOOLEAN, PropertyType.DATE);

    /** {@code name,-area_ha,+code}: comma-separated queryables, each with an optional + or - (descending). */
    public static List<SortKey> parse(Layer layer, String text) {
        List<SortKey> keys = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            boolean descending = p.startsWith("-");
            String name =
                    p.startsWith("-") || p.startsWith("+") ? p.substring(1).strip() : p;
            if (keys.stream().anyMatch(k -> k.property().equals(name))) {
                throw new IllegalArgumentException("sortby names " + name + " twice");
            }
            keys.add(new SortKey(name, descending));
            check(layer, name);
        }
        return List.copyOf(keys);
    }

    /** Refuses a property that is not a queryable of a type with an order. */
    static void check(Layer layer, String name) {
        PropertySpec p = layer.property(name).orElse(null);
        if (p == null || !p.queryable() || !SORTABLE.contains(p.type())) {
            throw new IllegalArgumentException(
                    "sortby: " + (name.isEmpty() ? "an empty name" : name) + " is not a property " + layer.id()
                            + " can be sorted by; use " + sortable(layer) + ", each with - in front for descending");
        }
    }

    private static List<String> sortable(Layer layer) {
        return layer.queryables().stream()
                .filter(p -> SORTABLE.contains(p.type()))
                .map(PropertySpec::name)
                .toList();
    }
}
