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
     * The position in the query's order of the feature {@link #next()} returned last, for a page
     * that starts after it ({@link FeatureQuery#startingAfter}); empty before the first, or from
     * a cursor that does not know positions.
     */
    default java.util.Optional<Keyset> position() {
        return java.util.Optional.empty();
    }

    /**
     * How many features the query matches in all, page and offset aside, when the store learned it
     * while reading its first row at no further cost (a PostGIS page of a CQL2 filter collects
     * every match before it orders them); empty otherwise, or before the first row is read.
     */
    default java.util.OptionalLong matched() {
        return java.util.OptionalLong.empty();
    }

    /** Reads every remaining feature into {@code action}, then closes. */
    default void drainTo(Consumer<Feature> action) {
        try (this) {
            forEachRemaining(action);
        }
    }
}
