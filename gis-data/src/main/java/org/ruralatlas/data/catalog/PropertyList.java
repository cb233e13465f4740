package org.ruralatlas.data.catalog;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A layer's properties in catalogue order, unmodifiable, that also finds one by name at once: an
 * import looks up every column of every row (issue 14: a linear search showed in its profile).
 * Equal to any list of the same properties in the same order.
 */
final class PropertyList extends AbstractList<PropertySpec> implements RandomAccess {

    private final List<PropertySpec> items;
    private final Map<String, PropertySpec> byName;

    /** The properties, each name once (else {@link IllegalArgumentException} naming {@code layer}). */
    PropertyList(String layer, List<PropertySpec> properties) {
        this.items = List.copyOf(properties);
        this.byName = new HashMap<>(items.size() * 2);
        for (PropertySpec p : items) {
            if (byName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("layer " + layer + " declares " + p.name() + " twice");
            }
        }
    }

    /** The property called {@code name}, or null. */
    PropertySpec byName(String name) {
        return byName.get(name);
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    @Override
    public PropertySpec get(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }
}
