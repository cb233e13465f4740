package org.ruralatlas.server.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health details of search: whether the database or the in-memory index answers; for the index,
 * what it holds against its memory budget, and which layers did not fit and are not searched. Up
 * even then: search still answers for the other layers.
 */
@Component
public class SearchHealthIndicator implements HealthIndicator {

    private final Search search;

    public SearchHealthIndicator(Search search) {
        this.search = search;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(search.details()).build();
    }
}
