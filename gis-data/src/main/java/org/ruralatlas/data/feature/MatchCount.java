package org.ruralatlas.data.feature;

/**
 * How many features match a query, as a store could tell within its bounds: {@code exact}, or
 * an estimate (the planner's, or an upper bound from an index) when counting exactly would have
 * read more than the bound or taken longer than the budget. An estimate is never shown as a count.
 */
public record MatchCount(long value, boolean exact) {

    public MatchCount {
        if (value < 0) {
            throw new IllegalArgumentException("a negative count");
        }
    }

    public static MatchCount exactly(long n) {
        return new MatchCount(n, true);
    }

    public static MatchCount estimated(long n) {
        return new MatchCount(Math.max(0, n), false);
    }
}
