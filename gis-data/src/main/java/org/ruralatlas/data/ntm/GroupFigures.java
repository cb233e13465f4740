package org.ruralatlas.data.ntm;

import java.util.Map;

/**
 * The figures of one group of communes (a province, or all of them): how many there are, how
 * many reach each level or above, the average number of criteria met, and per criterion or
 * indicator how many were assessed and how many passed.
 */
public record GroupFigures(
        String groupCode,
        long communes,
        Map<Level, Long> atLeast,
        Double averageCriteria,
        Map<String, PassRate> passRates) {

    /** Communes assessed on a criterion or indicator, and how many pass it. */
    public record PassRate(long assessed, long passed) {
        /** Percentage of the assessed communes that pass, to one decimal; null when none was assessed. */
        public Double percent() {
            return assessed == 0 ? null : Shares.percent(passed, assessed);
        }
    }

    public long count(Level level) {
        return atLeast.getOrDefault(level, 0L);
    }

    /** Share of the group's communes at {@code level} or above, in percent to one decimal. */
    public Double share(Level level) {
        return communes == 0 ? null : Shares.percent(count(level), communes);
    }
}
