package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * NTM figures per province for a date, from one source at a time: computed from the communes valid
 * that day and their assessments ({@link #computed}), or reported as the provinces published them
 * ({@link #reported}); the two are never blended. Also the per-commune values a choropleth colours
 * by ({@link #communeValues}). Reads through {@link NtmRecords}, so both stores answer the same.
 */
public final class NtmFigures {

    /** The day the 34 provinces and 3,321 communes replaced the 63 provinces and their communes. */
    public static final LocalDate REORGANISATION = LocalDate.of(2025, 7, 1);

    private final NtmRecords records;

    public NtmFigures(NtmRecords records) {
        this.records = records;
    }

    /**
     * What the records say for a date, set and province: the groups' names (the 34 provinces from
     * 2025-07-01, the 63 before), their figures and the total, and each rural commune's province
     * (for figures added per commune, such as satisfaction).
     */
    public record Computed(
            Map<String, String> names,
            List<GroupFigures> groups,
            GroupFigures total,
            Map<String, String> provinceOfCommune) {}

    /** Whether {@code day} falls after the 2025 reorganisation (the 34 provinces). */
    public static boolean current(LocalDate day) {
        return !day.isBefore(REORGANISATION);
    }

    /** The computed figures of the rural communes valid on {@code asOf}, of one province or (null) all. */
    public Computed computed(LocalDate asOf, String criteriaSet, String province) {
        Map<String, String> names = provinceNames(asOf);
        Map<String, Assessment> assessments = assessmentsByUnit(criteriaSet);
        NtmStatistics stats = new NtmStatistics();
        names.keySet().stream()
                .filter(c -> province == null || c.equals(province))
                .forEach(stats::declareGroup);
        Map<String, String> provinceOfCommune = new HashMap<>();
        for (Commune c : ruralCommunes(asOf, null)) {
            provinceOfCommune.put(c.code(), c.provinceCode());
            if (province != null && !province.equals(c.provinceCode()) || c.level() == null) {
                continue;
            }
            Assessment a = criteriaSet.equals(c.criteriaSet()) ? assessments.get(c.unitId()) : null;
            stats.add(new CommuneResult(
                    c.provinceCode(),
                    c.level(),
                    c.criteriaMet(),
                    a == null ? Set.of() : a.passed(),
                    a == null ? Set.of() : a.failed()));
        }
        return new Computed(names, stats.byGroup(), stats.total(), provinceOfCommune);
    }

    /** Province code → name: the provinces valid on {@code day}, or before 2025-07-01 the old ones of the lineage. */
    public Map<String, String> provinceNames(LocalDate day) {
        Map<String, String> names = new LinkedHashMap<>();
        if (current(day)) {
            for (var p : records.list("provinces", Map.of(), day)) {
                Props v = new Props(p.properties());
                names.put(v.string("code"), v.string("name"));
            }
        } else {
            for (var l : records.list("unit_lineage", Map.of("unit_level", "province"))) {
                LineageStep s = LineageStep.of(l);
                names.put(s.oldCode(), s.oldName());
            }
        }
        return names;
    }

    /**
     * The reports dated on or before {@code asOf}, the newest per reported unit (pre-2025 code and
     * scope), then the undated ones (facts with no date, so never placed in time). A province is
     * the 2025 code from 2025-07-01 on, the pre-2025 code before.
     */
    public List<ReportedFigures> reported(LocalDate asOf, String province) {
        return latest(
                records.list("reported_province_figures", Map.of()).stream()
                        .map(ReportedFigures::of)
                        .toList(),
                asOf,
                province);
    }

    /** {@link #reported}, of the reports given. */
    static List<ReportedFigures> latest(List<ReportedFigures> reports, LocalDate asOf, String province) {
        boolean current = current(asOf);
        Map<String, ReportedFigures> latest = new LinkedHashMap<>();
        List<ReportedFigures> undated = new ArrayList<>();
        for (ReportedFigures r : reports) {
            if (r.sourceDate() != null && r.sourceDate().isAfter(asOf)
                    || province != null && !province.equals(current ? r.provinceCode2025() : r.provinceCodePre2025())) {
                continue;
            }
            if (r.sourceDate() == null) {
                undated.add(r);
                continue;
            }
            latest.merge(
                    r.provinceCodePre2025() + "|" + r.scope(),
                    r,
                    (before, now) -> before.sourceDate().isBefore(now.sourceDate()) ? now : before);
        }
        List<ReportedFigures> out = new ArrayList<>(latest.values());
        out.addAll(undated);
        return out;
    }

    /** What {@link #communeValues} gives per commune. */
    public enum Value {
        /** the NTM level */
        LEVEL,
        /** the number of criteria met */
        CRITERIA_MET,
        /** whether the latest assessment meets one criterion or indicator */
        CRITERION;

        /** level, criteria_met or criterion; null when it is none of them. */
        public static Value of(String id) {
            for (Value v : values()) {
                if (v.name().toLowerCase(java.util.Locale.ROOT).equals(id)) {
                    return v;
                }
            }
            return null;
        }
    }

    /**
     * Commune code → level, criteria met, or whether it meets {@code criterion} (null: unknown), for
     * the rural communes valid on {@code asOf}, in code order.
     */
    public Map<String, Object> communeValues(
            LocalDate asOf, String criteriaSet, String province, Value value, String criterion) {
        Map<String, Assessment> assessments = value == Value.CRITERION ? assessmentsByUnit(criteriaSet) : Map.of();
        Map<String, Object> values = new TreeMap<>();
        for (Commune c : ruralCommunes(asOf, province)) {
            Assessment a = assessments.get(c.unitId());
            values.put(
                    c.code(),
                    switch (value) {
                        case LEVEL -> c.level();
                        case CRITERIA_MET -> c.criteriaMet();
                        case CRITERION -> a == null ? null : a.result(criterion);
                    });
        }
        return Collections.unmodifiableMap(values);
    }

    private List<Commune> ruralCommunes(LocalDate day, String province) {
        Map<String, Object> equal = new LinkedHashMap<>();
        equal.put("unit_type", "xa");
        equal.put("province_code", province);
        return records.list("communes", equal, day).stream().map(Commune::of).toList();
    }

    private Map<String, Assessment> assessmentsByUnit(String criteriaSet) {
        Map<String, Assessment> byUnit = new HashMap<>();
        // each unit's standing, as its commune shows it (the newest, whatever order the store lists them in)
        records.assessments(Map.of("criteria_set", criteriaSet))
                .forEach(a -> byUnit.merge(a.unitId(), a, BinaryOperator.maxBy(Assessment.NEWEST)));
        return byUnit;
    }
}
