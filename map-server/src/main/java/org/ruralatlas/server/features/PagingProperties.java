package org.ruralatlas.server.features;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How pages of items are linked and counted ({@code ruralatlas.paging.*}).
 *
 * @param cursorKey the key that signs the {@code cursor} of next links (HMAC-SHA256), at least 32
 *     characters; unset, a random key per process, so cursors do not outlive a restart: set the
 *     same key on every replica behind a load balancer
 * @param exactCountUpTo the most matches counted exactly for {@code numberMatched}; beyond, the
 *     planner's estimate is given as {@code numberMatchedEstimate}
 * @param countBudget the longest the exact count may take on PostGIS before the estimate is given instead
 */
@ConfigurationProperties("ruralatlas.paging")
public record PagingProperties(
        String cursorKey,
        @DefaultValue("100000") long exactCountUpTo,
        @DefaultValue("250ms") Duration countBudget) {

    public PagingProperties {
        if (cursorKey != null && !cursorKey.isEmpty() && cursorKey.length() < 32) {
            throw new IllegalArgumentException("ruralatlas.paging.cursor-key must be at least 32 characters");
        }
        if (exactCountUpTo < 0) {
            throw new IllegalArgumentException("ruralatlas.paging.exact-count-up-to must not be negative");
        }
        if (countBudget.isNegative() || countBudget.isZero()) {
            throw new IllegalArgumentException("ruralatlas.paging.count-budget must be positive");
        }
    }
}
