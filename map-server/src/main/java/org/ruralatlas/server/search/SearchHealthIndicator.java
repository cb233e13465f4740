package org.ruralatlas.server.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health details of search: what the index holds against its memory budget, and which layers
 * did not fit and are not searched. Up even then: search still answers for the other layers.
 */
@Component
public class SearchHealthIndicator implements HealthIndicator {

    private final SearchIndexer indexer;

    public SearchHealthIndicator(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public Health health() {
        SearchIndex index = indexer.current();
        return Health.up()
                .withDetail("features", index.size())
                .withDetail("estimatedBytes", index.estimatedBytes())
                .withDetail("budgetBytes", indexer.budget())
                .withDetail("layersNotSearched", index.layersLeftOut())
                .build();
    }
}
