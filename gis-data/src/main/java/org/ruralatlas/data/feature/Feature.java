package org.ruralatlas.data.feature;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature as both stores return it: its id, its geometry in CRS84 (null for records) and its
 * properties in catalogue order, typed as {@link org.ruralatlas.data.catalog.PropertyType} says.
 */
public record Feature(String id, Geometry geometry, Map<String, Object> properties) {

    public Feature {
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }
}
