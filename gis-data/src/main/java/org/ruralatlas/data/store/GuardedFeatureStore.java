package org.ruralatlas.data.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.change.DataChange;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;

/**
 * A store behind its {@link StoreCircuit}: while the store is known to be away every call fails
 * at once with {@link StoreUnavailableException}; a call that fails otherwise has the circuit
 * probe at once. Health is the circuit's, so asking it never waits for a connection. Reads go on
 * while a streaming standby serves them, the primary away or not; writes are not this class's
 * (they use the primary's pool, and fail at once while it is away).
 */
public final class GuardedFeatureStore implements FeatureStore {

    /** How often the store is probed, and how long a probe may take before the store counts as away. */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final FeatureStore store;
    private final Runnable probe;
    private final StoreCircuit circuit;

    /** Guards {@code store}, probing it with its own {@link FeatureStore#checkHealth}. */
    public GuardedFeatureStore(FeatureStore store) {
        this(store, store::checkHealth);
    }

    /** Guards {@code store}, probing it with {@code probe} (closed with the store when it is closeable). */
    public GuardedFeatureStore(FeatureStore store, Runnable probe) {
        this(store, probe, () -> false);
    }

    /** The same, with reads let through while {@code standbyServes} says a standby serves them. */
    public GuardedFeatureStore(FeatureStore store, Runnable probe, java.util.function.BooleanSupplier standbyServes) {
        this.store = store;
        this.probe = probe;
        this.circuit = new StoreCircuit(probe, PROBE_INTERVAL, PROBE_TIMEOUT, standbyServes).start();
    }

    public StoreCircuit circuit() {
        return circuit;
    }

    @Override
    public FeatureCursor query(FeatureQuery query) {
        return guard(() -> store.query(query));
    }

    @Override
    public long count(FeatureQuery query) {
        return guard(() -> store.count(query));
    }

    @Override
    public org.ruralatlas.data.feature.MatchCount countUpTo(
            FeatureQuery query, long exactUpTo, java.time.Duration budget) {
        return guard(() -> store.countUpTo(query, exactUpTo, budget));
    }

    @Override
    public Optional<Feature> get(Layer layer, String id) {
        return guard(() -> store.get(layer, id));
    }

    @Override
    public Optional<Bbox> extent(Layer layer) {
        return guard(() -> store.extent(layer));
    }

    @Override
    public Optional<TimeInterval> temporalExtent(Layer layer) {
        return guard(() -> store.temporalExtent(layer));
    }

    @Override
    public LayerVersion version(Layer layer) {
        return guard(() -> store.version(layer));
    }

    @Override
    public ChangeFeed watch(List<Layer> layers, Consumer<DataChange> listener) {
        return store.watch(layers, listener);
    }

    /** The store's search by name, behind the same circuit as its other reads. */
    @Override
    public Optional<org.ruralatlas.data.search.NameSearch> nameSearch(
            org.ruralatlas.data.catalog.LayerCatalog catalog) {
        return store.nameSearch(catalog).map(search -> new org.ruralatlas.data.search.NameSearch() {
            @Override
            public List<java.util.Set<String>> dictionary(List<String> typed, int typosFrom, int max) {
                return guard(() -> search.dictionary(typed, typosFrom, max));
            }

            @Override
            public List<Candidate> candidates(
                    Layer layer,
                    List<java.util.Set<String>> words,
                    Bbox bbox,
                    java.time.LocalDate day,
                    int max,
                    java.util.Set<String> properties) {
                return guard(() -> search.candidates(layer, words, bbox, day, max, properties));
            }
        });
    }

    @Override
    public <T extends FeatureStore> Optional<T> as(Class<T> kind) {
        return store.as(kind);
    }

    /** Throws when the circuit says the store is away; never waits. */
    @Override
    public void checkHealth() {
        circuit.check();
    }

    @Override
    public String description() {
        return store.description();
    }

    @Override
    public void close() {
        circuit.close();
        if (probe instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // a probe's connection that will not close is of no further concern
            }
        }
        store.close();
    }

    private <T> T guard(Supplier<T> call) {
        return circuit.read(call);
    }
}
