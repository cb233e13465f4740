package org.ruralatlas.data.store;

import java.util.Optional;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.geo.Bbox;

/**
 * Where features live. PostGIS in production, a GeoPackage file as the zero-setup default: both
 * answer every query (bbox, datetime, equality, CQL2 filter, sort keys, property selection) with
 * the same features in the same order, so the HTTP layer never needs to know which one it talks
 * to. A filter that cannot be evaluated (an overflow in its arithmetic) is refused by either with
 * {@link org.ruralatlas.data.filter.BadFilterException}.
 */
public interface FeatureStore extends AutoCloseable {

    /** Streams the matching features, ordered by the query's sort keys and then by id. The caller closes the cursor. */
    FeatureCursor query(FeatureQuery query);

    /** How many features match, ignoring offset, limit and position: exactly, however long that takes (exports, statistics). */
    long count(FeatureQuery query);

    /**
     * How many features match, ignoring offset, limit and position, at a cost bounded whatever the
     * layer's size: exact when there are at most {@code exactUpTo} and counting them takes at most
     * {@code budget} (PostGIS; the embedded store, small by design, is bounded in rows only),
     * otherwise an estimate marked as such. What a page of items reports.
     */
    org.ruralatlas.data.feature.MatchCount countUpTo(FeatureQuery query, long exactUpTo, java.time.Duration budget);

    /** The feature with this id, if any. */
    Optional<Feature> get(Layer layer, String id);

    /** The bounding box of the layer's geometries; empty when the layer has none. */
    Optional<Bbox> extent(Layer layer);

    /** The first and last day any feature is valid, for layers with temporal properties; null ends are open. */
    Optional<org.ruralatlas.data.feature.TimeInterval> temporalExtent(Layer layer);

    /** The current version of a layer's data, for ETags and Last-Modified. */
    LayerVersion version(Layer layer);

    /**
     * Calls {@code listener} after every committed write to one of {@code layers}, whoever made it,
     * from a thread of the store's own, until the returned feed is closed. Writes committed close
     * together may come as one change per layer covering them all; a change that may have been
     * missed comes as a whole-layer change.
     */
    default org.ruralatlas.data.change.ChangeFeed watch(
            java.util.List<Layer> layers, java.util.function.Consumer<org.ruralatlas.data.change.DataChange> listener) {
        return org.ruralatlas.data.change.ChangeFeed.NONE;
    }

    /**
     * This store as the given kind (PostGIS for its pool and write counters, GeoPackage for its
     * file), seen through any wrapper such as {@link GuardedFeatureStore}; empty when it is another kind.
     */
    default <T extends FeatureStore> Optional<T> as(Class<T> kind) {
        return kind.isInstance(this) ? Optional.of(kind.cast(this)) : Optional.empty();
    }

    /**
     * The store's own search by name, when it has one (PostGIS); empty when the caller must index
     * the features itself (the embedded GeoPackage). {@code catalog} gives the layers that label a
     * feature (communes, provinces).
     */
    default Optional<org.ruralatlas.data.search.NameSearch> nameSearch(
            org.ruralatlas.data.catalog.LayerCatalog catalog) {
        return Optional.empty();
    }

    /** Throws {@link FeatureStoreException} when the store cannot answer now. */
    void checkHealth();

    /** A short, password-free description for logs and health output, e.g. "PostGIS 3.3 at …". */
    String description();

    @Override
    void close();
}
