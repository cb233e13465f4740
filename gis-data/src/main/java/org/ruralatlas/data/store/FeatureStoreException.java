package org.ruralatlas.data.store;

/** A store could not answer: the database is unreachable, a statement failed, a file is unreadable. */
public class FeatureStoreException extends RuntimeException {

    public FeatureStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeatureStoreException(String message) {
        super(message);
    }
}
