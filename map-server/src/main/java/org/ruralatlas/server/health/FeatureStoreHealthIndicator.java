package org.ruralatlas.server.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.ruralatlas.data.store.postgis.Replicas;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} (and the readiness group) is up only while the feature store answers:
 * the store's circuit says so from its background probe, so health answers at once, never
 * waiting for a connection that does not come. Streaming standbys ({@code ruralatlas.db.read-urls})
 * show in the details (whether each serves reads, its lag, why not) but never make it DOWN: while
 * the primary answers, reads go there when no standby can take them. The primary away while a
 * standby serves reads is UP too, with {@code writes} saying why they are refused: the server
 * still answers every read, so a load balancer or orchestrator must keep sending them.
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
        Health.Builder health = outage.isEmpty()
                ? Health.up().withDetail("store", store.description())
                : (circuit.readable() ? Health.up() : Health.down())
                        .withDetail("store", store.description())
                        .withDetail("since", outage.get().since().toString())
                        .withDetail("error", String.valueOf(outage.get().reason()));
        outage.filter(o -> circuit.readable())
                .ifPresent(o -> health.withDetail(
                        "writes", "refused (503) while the primary is away; reads from the standbys"));
        store.as(PostgisFeatureStore.class)
                .map(PostgisFeatureStore::replicas)
                .filter(r -> r.size() > 0)
                .ifPresent(r -> health.withDetail(
                        "standbys",
                        r.status().stream()
                                .map(FeatureStoreHealthIndicator::standby)
                                .toList()));
        return health.build();
    }

    private static Map<String, Object> standby(Replicas.Status s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("servesReads", s.usable());
        m.put("lagSeconds", s.lagSeconds());
        if (s.reason() != null) {
            m.put("reason", s.reason());
        }
        return m;
    }
}
