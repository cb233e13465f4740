package org.ruralatlas.server.health;

import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} is up only while the feature store answers a query. */
@Component
public class FeatureStoreHealthIndicator implements HealthIndicator {

    private final FeatureStore store;

    public FeatureStoreHealthIndicator(FeatureStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.checkHealth();
            return Health.up().withDetail("store", store.description()).build();
        } catch (FeatureStoreException e) {
            return Health.down().withDetail("store", store.description()).withDetail("error", e.getMessage()).build();
        }
    }
}
