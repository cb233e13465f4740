package org.ruralatlas.data.store;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.function.Supplier;
import org.ruralatlas.data.feature.Feature;

/**
 * Opens a layer's features only when a writer gets to that layer, and closes them (a cursor holds
 * a connection) as soon as it is done, so writing many layers holds one source connection at a time.
 */
public final class LayerInput {

    /** What a writer does with one layer's features; returns how many it wrote. */
    @FunctionalInterface
    public interface Writer {
        long write(Iterator<Feature> features) throws SQLException;
    }

    private LayerInput() {}

    public static long drain(Supplier<? extends Iterator<Feature>> input, Writer writer) throws SQLException {
        Iterator<Feature> features = input.get();
        try {
            return writer.write(features);
        } finally {
            if (features instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new FeatureStoreException("closing a layer's input failed", e);
                }
            }
        }
    }
}
