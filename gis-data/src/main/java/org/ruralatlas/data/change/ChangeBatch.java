package org.ruralatlas.data.change;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ruralatlas.data.catalog.Layer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes a feed heard together, merged per layer before they are applied: a burst of
 * commits (an ETL job committing row by row) costs one drop per layer, not one per commit, so
 * the listener never falls behind the writers.
 */
public final class ChangeBatch {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeBatch.class);

    private final Map<String, DataChange> byLayer = new LinkedHashMap<>();

    /** Every layer wholly changed: what a feed reports when it may have missed changes. */
    public static ChangeBatch everyLayer(List<Layer> layers) {
        ChangeBatch batch = new ChangeBatch();
        layers.forEach(l -> batch.add(DataChange.wholeLayer(l.id())));
        return batch;
    }

    public void add(DataChange change) {
        byLayer.merge(change.layer(), change, DataChange::and);
    }

    public boolean isEmpty() {
        return byLayer.isEmpty();
    }

    /**
     * Hands each layer's merged change to the listener and empties the batch. A listener that
     * fails on one layer is logged and does not keep the other layers from theirs.
     */
    public void deliver(Consumer<DataChange> listener) {
        for (DataChange change : byLayer.values()) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.error("applying a change of {} failed", change.layer(), e);
            }
        }
        byLayer.clear();
    }
}
