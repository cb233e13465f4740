package org.ruralatlas.data.change;

/** A running subscription to a store's changes; closing it stops the listening thread. */
public interface ChangeFeed extends AutoCloseable {

    ChangeFeed NONE = () -> {};

    /** False once the listening thread has ended, by accident or by {@link #close}; a store with no feed has nothing to end. */
    default boolean alive() {
        return true;
    }

    @Override
    void close();
}
