package org.ruralatlas.server.health;

import java.util.Optional;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} (and the readiness group) is up only while the feature store answers:
 * the store's circuit says so from its background probe, so health answers at once, never
 * waiting for a connection that does not come.
 */
@Component
public class FeatureStoreHealthIndicator implements HealthIndicator {

    private final FeatureStore store;
    private final StoreCircuit circuit;

    public FeatureStoreHealthIndicator(FeatureStore store, StoreCircuit circuit) {
        this.store = store;
        this.circuit = circuit;
    }

    @Override
    public Health health() {
        Optional<StoreCircuit.Outage> outage = circuit.outage();
        if (outage.isEmpty()) {
            return Health.up().withDetail("store", store.description()).build();
        }
        return Health.down().withDetail("store", store.description()).withDetail("since", outage.get().since().toString())
                .withDetail("error", String.valueOf(outage.get().reason())).build();
    }
}
