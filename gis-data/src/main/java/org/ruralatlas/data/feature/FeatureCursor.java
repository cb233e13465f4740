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

    /**
     * How many features match the query regardless of offset and limit, when the store learned it
     * while reading (PostGIS counts a bbox page in the same statement); empty when it did not, or
     * when the page came back empty. Ask after the last feature has been read.
     */
    default java.util.OptionalLong numberMatched() {
        return java.util.OptionalLong.empty();
    }

    /** Reads every remaining feature into {@code action}, then closes. */
    default void drainTo(Consumer<Feature> action) {
        try (this) {
            forEachRemaining(action);
        }
    }
}
