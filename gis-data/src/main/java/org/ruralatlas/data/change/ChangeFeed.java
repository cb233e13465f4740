package org.ruralatlas.data.change;

/** A running subscription to a store's changes; closing it stops the listening thread. */
public interface ChangeFeed extends AutoCloseable {

    ChangeFeed NONE = () -> { };

    @Override
    void close();
}
