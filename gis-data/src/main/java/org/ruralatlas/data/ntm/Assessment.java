package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ruralatlas.data.feature.Feature;

/**
 * A commune's assessment against a criteria set ({@code ntm_assessments}): its level, how many
 * criteria it meets, and which criteria and indicators it passes and fails. A number in neither
 * list is unknown, never failed.
 *
 * @param criteriaPassed null when the record holds no list (likewise the other three lists)
 */
public record Assessment(
        String assessmentId,
        String unitId,
        String communeCode,
        String provinceCode,
        String criteriaSet,
        LocalDate assessedOn,
        String level,
        Integer criteriaMet,
        Integer criteriaTotal,
        List<String> criteriaPassed,
        List<String> criteriaFailed,
        List<String> indicatorsPassed,
        List<String> indicatorsFailed,
        Provenance provenance) {

    /**
     * Which of a commune's assessments is its standing: the latest {@code assessed_on}, then the smallest id (a later
     * one is recorded beside, not over, the earlier). {@code max} by this is the newest; edits follow the same rule.
     */
    public static final Comparator<Assessment> NEWEST = Comparator.comparing(
                    Assessment::assessedOn, Comparator.nullsFirst(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(Assessment::assessmentId, Comparator.reverseOrder());

    static Assessment of(Feature f) {
        Props p = new Props(f.properties());
        return new Assessment(
                p.string("assessment_id"),
                p.string("unit_id"),
                p.string("commune_code"),
                p.string("province_code"),
                p.string("criteria_set"),
                p.date("assessed_on"),
                p.string("ntm_level"),
                p.integer("criteria_met"),
                p.integer("criteria_total"),
                p.strings("criteria_passed"),
                p.strings("criteria_failed"),
                p.strings("indicators_passed"),
                p.strings("indicators_failed"),
                p.provenance());
    }

    /** The criteria and indicators it passes. */
    public Set<String> passed() {
        return union(criteriaPassed, indicatorsPassed);
    }

    /** The criteria and indicators it fails. */
    public Set<String> failed() {
        return union(criteriaFailed, indicatorsFailed);
    }

    /** Whether it passes a criterion or indicator: true, false, or null when it does not say. */
    public Boolean result(String number) {
        return passed().contains(number) ? Boolean.TRUE : failed().contains(number) ? Boolean.FALSE : null;
    }

    private static Set<String> union(List<String> a, List<String> b) {
        Set<String> out = new LinkedHashSet<>();
        if (a != null) {
            out.addAll(a);
        }
        if (b != null) {
            out.addAll(b);
        }
        return out;
    }
}
