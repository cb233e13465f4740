package org.ruralatlas.data.feature;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;

/**
 * Which parts of each feature to return ({@code properties} and {@code skipGeometry}): the
 * named properties (null: all) and the geometry or not. The id property is always returned: it
 * is the feature's identity, and every file format keys its rows by it.
 */
public record PropertySelection(List<String> properties, boolean geometry) {

    /** Everything. */
    public static final PropertySelection ALL = new PropertySelection(null, true);

    public PropertySelection {
        properties = properties == null ? null : List.copyOf(new LinkedHashSet<>(properties));
    }

    /**
     * {@code properties} (comma-separated names of {@code layer}, null for all) and {@code
     * skipGeometry}; an unknown name is an {@link IllegalArgumentException} listing the known ones.
     */
    public static PropertySelection parse(Layer layer, String properties, boolean skipGeometry) {
        List<String> names = null;
        if (properties != null) {
            names = new ArrayList<>();
            for (String part : properties.split(",", -1)) {
                String name = part.strip();
                if (layer.property(name).isEmpty()) {
                    throw new IllegalArgumentException("properties: " + (name.isEmpty() ? "an empty name" : name)
                            + " is not a property of " + layer.id() + "; it has "
                            + layer.properties().stream()
                                    .map(PropertySpec::name)
                                    .toList());
                }
                names.add(name);
            }
        }
        return new PropertySelection(names, !skipGeometry);
    }

    /** True when nothing is left out. */
    public boolean all() {
        return properties == null && geometry;
    }

    /** {@code layer} as this selection sees it: the id and the selected properties, in catalogue order; no geometry when skipped. */
    public Layer applyTo(Layer layer) {
        if (all() || !layer.hasGeometry() && properties == null) {
            return layer;
        }
        Set<String> keep = new LinkedHashSet<>();
        keep.add(layer.idProperty());
        if (properties == null) {
            layer.properties().forEach(p -> keep.add(p.name()));
        } else {
            keep.addAll(properties);
        }
        return layer.narrowedTo(keep, geometry && layer.hasGeometry());
    }
}
