package org.ruralatlas.server.config;

import org.ruralatlas.data.store.FeatureStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a store that cannot be opened (unreachable database, no PostGIS, old schema, bad file) into its sentence. */
public class FeatureStoreFailureAnalyzer extends AbstractFailureAnalyzer<FeatureStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FeatureStoreException cause) {
        return new FailureAnalysis(cause.getMessage(), "", cause);
    }
}
