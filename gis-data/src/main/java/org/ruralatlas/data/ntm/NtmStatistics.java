package org.ruralatlas.data.ntm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Statistics computed from commune results, per group and overall. Plain arithmetic over the
 * records the caller streams in, so the same code serves both stores and any grouping (the 34
 * current provinces, the 63 pre-2025 ones).
 */
public final class NtmStatistics {

    /** Group code of the figures over all groups. */
    public static final String ALL = "all";

    private final Map<String, Accumulator> groups = new TreeMap<>();
    private final Accumulator all = new Accumulator();

    /** Adds one commune to its group and to the total. */
    public void add(CommuneResult r) {
        groups.computeIfAbsent(r.groupCode(), k -> new Accumulator()).add(r);
        all.add(r);
    }

    /** A group with no commune still appears (with zero communes) when named here. */
    public void declareGroup(String code) {
        groups.computeIfAbsent(code, k -> new Accumulator());
    }

    /** Figures per group, in group-code order. */
    public List<GroupFigures> byGroup() {
        List<GroupFigures> out = new ArrayList<>();
        groups.forEach((code, acc) -> out.add(acc.figures(code)));
        return out;
    }

    public GroupFigures total() {
        return all.figures(ALL);
    }

    private static final class Accumulator {
        long communes;
        long criteriaSum;
        long criteriaCount;
        final Map<Level, Long> atLeast = new EnumMap<>(Level.class);
        final Map<String, long[]> rates = new TreeMap<>(NtmStatistics::compareNumbers);

        void add(CommuneResult r) {
            communes++;
            for (Level l : Level.values()) {
                if (l != Level.NONE && r.atLeast(l)) {
                    atLeast.merge(l, 1L, Long::sum);
                }
            }
            if (r.criteriaMet() != null) {
                criteriaSum += r.criteriaMet();
                criteriaCount++;
            }
            for (String n : r.passed()) {
                long[] c = rates.computeIfAbsent(n, k -> new long[2]);
                c[0]++;
                c[1]++;
            }
            for (String n : r.failed()) {
                rates.computeIfAbsent(n, k -> new long[2])[0]++;
            }
        }

        GroupFigures figures(String code) {
            Map<Level, Long> levels = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                if (l != Level.NONE) {
                    levels.put(l, atLeast.getOrDefault(l, 0L));
                }
            }
            Map<String, GroupFigures.PassRate> pass = new LinkedHashMap<>();
            rates.forEach((n, c) -> pass.put(n, new GroupFigures.PassRate(c[0], c[1])));
            return new GroupFigures(
                    code,
                    communes,
                    levels,
                    criteriaCount == 0 ? null : Shares.average(criteriaSum, criteriaCount),
                    pass);
        }
    }

    /** Orders criterion numbers as numbers: 2 before 10, 8 before 8.1 before 8.4 before 9. */
    public static int compareNumbers(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(parse(x[i]), parse(y[i]));
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(x.length, y.length);
        return c != 0 ? c : a.compareTo(b);
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
