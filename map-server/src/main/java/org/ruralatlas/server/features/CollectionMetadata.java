package org.ruralatlas.server.features;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.springframework.stereotype.Component;

/**
 * A collection's extents, computed from its data and kept until the layer's version changes, so
 * metadata requests cost one version lookup rather than a scan.
 */
@Component
public class CollectionMetadata {

    /** Spatial and temporal extent of a layer at one version. */
    public record Extent(LayerVersion version, Optional<Bbox> spatial, Optional<TimeInterval> temporal) {}

    private final FeatureStore store;
    private final Map<String, Extent> cache = new ConcurrentHashMap<>();

    public CollectionMetadata(FeatureStore store) {
        this.store = store;
    }

    public Extent extent(Layer layer) {
        LayerVersion now = store.version(layer);
        Extent cached = cache.get(layer.id());
        if (cached != null && cached.version().equals(now)) {
            return cached;
        }
        Extent fresh = new Extent(now, store.extent(layer), store.temporalExtent(layer));
        cache.put(layer.id(), fresh);
        return fresh;
    }
}
