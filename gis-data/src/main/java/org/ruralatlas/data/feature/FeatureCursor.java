package org.ruralatlas.data.feature;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Features read one at a time from an open statement, so that a response or an export never
 * holds more than one feature in memory. Close it to release the connection.
 */
public interface FeatureCursor extends Iterator<Feature>, AutoCloseable {

    @Override
    void close();

    /** Reads every remaining feature into {@code action}, then closes. */
    default void drainTo(Consumer<Feature> action) {
        try (this) {
            forEachRemaining(action);
        }
    }
}
