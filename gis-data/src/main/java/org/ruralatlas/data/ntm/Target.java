package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import org.ruralatlas.data.feature.Feature;

/**
 * A programme target as the catalogue holds it (Decision 924: at least 97 % of communes meet
 * indicator 8.4), and how far a group of communes is from it. Targets are data: their figures
 * and sources are edited in {@code ntm_targets}, never in code.
 */
public record Target(
        String id,
        String nameVi,
        String nameEn,
        String metric,
        String level,
        String base,
        String criteriaSet,
        String criterion,
        String comparator,
        double threshold,
        String unit,
        LocalDate due,
        String scope,
        boolean verified,
        String source) {

    static Target of(Feature f) {
        Props p = new Props(f.properties());
        return new Target(
                f.id(),
                p.string("name_vi"),
                p.string("name_en"),
                p.string("metric"),
                p.string("level"),
                p.string("base"),
                p.string("criteria_set"),
                p.string("criterion"),
                p.string("comparator"),
                p.decimal("threshold"),
                p.string("unit"),
                p.date("due"),
                p.string("scope"),
                Boolean.TRUE.equals(p.bool("verified")),
                p.string("source"));
    }

    /** The group's value for this target, the gap (value − threshold, in the threshold's unit) and whether it is met. */
    public record Status(Double value, Double gap, Boolean met) {}

    public Status evaluate(GroupFigures g) {
        Double value = switch (metric) {
            case "level_share" -> share(g);
            case "criterion_pass_rate" -> {
                GroupFigures.PassRate r = g.passRates().get(criterion);
                yield r == null ? null : r.percent();
            }
            case "average_criteria" -> g.averageCriteria();
            default -> null;
        };
        return of(value);
    }

    /** The status of a value computed elsewhere (e.g. satisfaction from surveys). */
    public Status of(Double value) {
        if (value == null) {
            return new Status(null, null, null);
        }
        double gap = Math.round((value - threshold) * 10) / 10.0;
        boolean met = "<=".equals(comparator) ? value <= threshold : value >= threshold;
        return new Status(value, gap, met);
    }

    private Double share(GroupFigures g) {
        Level l = Level.of(level);
        if ("ntm".equals(base)) {
            long ntm = g.count(Level.NTM);
            return ntm == 0 ? null : Shares.percent(g.count(l), ntm);
        }
        return g.share(l);
    }
}
