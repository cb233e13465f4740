package org.ruralatlas.server.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The server's background workers (change feeds, the search indexer, the store's probe) and
 * whether each still runs: health (and the liveness group) is DOWN as soon as one has stopped,
 * so that a supervisor restarts a server that would otherwise go on answering with stale tiles,
 * downloads or search results.
 */
@Component
public class Workers implements HealthIndicator {

    private final Map<String, BooleanSupplier> workers = new ConcurrentSkipListMap<>();

    /** Watches a worker under {@code name}; {@code running} must stay true while the server runs. */
    public void register(String name, BooleanSupplier running) {
        workers.put(name, running);
    }

    @Override
    public Health health() {
        List<String> stopped = workers.entrySet().stream()
                .filter(w -> !w.getValue().getAsBoolean())
                .map(Map.Entry::getKey)
                .toList();
        if (stopped.isEmpty()) {
            return Health.up()
                    .withDetail("running", List.copyOf(workers.keySet()))
                    .build();
        }
        return Health.down().withDetail("stopped", stopped).build();
    }
}
