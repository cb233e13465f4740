package org.ruralatlas.server.ogcapi;

import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;

/**
 * The query parameters of items (and of filtered downloads) that the OpenAPI document describes
 * and {@code ItemsRequest} reads: the filtering ones, and a layer's properties that filter by
 * equality ({@code ?commodity=vai_thieu}). Kept here, with the document, so that describing them
 * needs no dependency on the features package.
 */
public final class ItemsParameters {

    /** Filtering and shaping parameters besides paging, bbox and datetime. */
    public static final List<String> FILTERING =
            List.of("filter", "filter-lang", "filter-crs", "sortby", "properties", "skipGeometry");

    private ItemsParameters() {}

    /** The layer's properties that filter by equality: queryable, of a simple type. */
    public static List<String> equality(Layer layer) {
        return layer.queryables().stream()
                .filter(ItemsParameters::filtersByEquality)
                .map(PropertySpec::name)
                .toList();
    }

    /** Whether a property filters by equality. */
    public static boolean filtersByEquality(PropertySpec p) {
        return p.queryable() && p.simple();
    }
}
