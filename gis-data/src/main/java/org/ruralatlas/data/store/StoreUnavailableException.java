package org.ruralatlas.data.store;

/** The store is known to be away ({@link StoreCircuit}): refused at once, without trying it. */
public class StoreUnavailableException extends FeatureStoreException {

    public StoreUnavailableException(String message) {
        super(message);
    }
}
