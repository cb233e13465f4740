package org.ruralatlas.server.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.ntm.Assessments;
import org.ruralatlas.data.ntm.CommuneResult;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.NtmStatistics;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.data.survey.SurveyAggregate;
import org.ruralatlas.server.survey.SurveyService;
import org.springframework.stereotype.Service;

/**
 * NTM statistics per province for a date, from one source at a time: {@code computed} from the
 * communes valid that day and their criteria assessments, or {@code reported} as the provinces
 * published them. The two are never blended: a reported figure is shown for the unit it was
 * reported for, with its source, and a computed one says what it was computed from.
 */
@Service
public class NtmStatsService {

    /** The day the 34 provinces and 3,321 communes replaced the 63 provinces and their communes. */
    public static final LocalDate REORGANISATION = LocalDate.of(2025, 7, 1);

    private final NtmRecords records;
    private final SurveyService surveys;

    /** What the features say, per data version, date, set and province. */
    private final Cache<String, Base> bases =
            Caffeine.newBuilder().maximumSize(256).build();

    /** Commune values for the tiles' colours, per data version and question. */
    private final Cache<String, Map<String, Object>> communeValues =
            Caffeine.newBuilder().maximumSize(256).build();

    public NtmStatsService(NtmRecords records, SurveyService surveys) {
        this.records = records;
        this.surveys = surveys;
    }

    /** A province (or the total) and its figures. */
    public record Group(
            String code,
            String name,
            GroupFigures figures,
            Map<String, Target.Status> targets,
            SurveyAggregate satisfaction) {}

    /** Computed statistics: the groups, the total, and what they were computed from. */
    public record Computed(
            LocalDate asOf, String criteriaSet, String grouping, List<Group> groups, Group total, String basis) {}

    /** What the features say for a date, set and province, before satisfaction is added: cached per data version. */
    private record Base(
            Map<String, String> names,
            List<GroupFigures> groups,
            GroupFigures total,
            Map<String, String> provinceOfCommune) {}

    public Computed computed(LocalDate asOf, String criteriaSet, String province) {
        boolean current = !asOf.isBefore(REORGANISATION);
        String key = records.version("communes", "provinces", "ntm_assessments", "unit_lineage") + "|" + asOf + "|"
                + criteriaSet + "|" + province;
        Base base = bases.get(key, k -> base(asOf, criteriaSet, province, current));
        Map<String, long[]> satisfaction = new HashMap<>();
        String period = surveys.currentPeriod();
        long[] allSatisfaction = new long[2];
        if (current) {
            for (SurveyAggregate s : surveys.aggregates(period, null)) {
                String group = base.provinceOfCommune().get(s.communeCode());
                if (group != null && (province == null || province.equals(group))) {
                    long[] acc = satisfaction.computeIfAbsent(group, k -> new long[2]);
                    acc[0] += s.responses();
                    acc[1] += s.satisfied();
                    allSatisfaction[0] += s.responses();
                    allSatisfaction[1] += s.satisfied();
                }
            }
        }
        List<Target> targets = records.targets();
        List<Group> groups = new ArrayList<>();
        for (GroupFigures g : base.groups()) {
            groups.add(group(g, base.names().get(g.groupCode()), targets, satisfaction.get(g.groupCode()), period));
        }
        Group total = group(
                base.total(),
                province == null ? "Việt Nam" : base.names().get(province),
                targets,
                province == null ? allSatisfaction : satisfaction.get(province),
                period);
        String basis = current
                ? "computed from the communes valid on " + asOf + " (rural communes, unit_type xa) and their "
                        + criteriaSet + " assessments; levels are cumulative (model counts as advanced and NTM)"
                : "computed from commune versions valid on " + asOf
                        + ": the store holds no assessments of pre-2025 communes, "
                        + "so these groups are empty; use source=reported for the figures provinces published";
        return new Computed(asOf, criteriaSet, current ? "provinces_2025" : "provinces_pre2025", groups, total, basis);
    }

    /**
     * Commune code → level, criteria met, or whether it meets {@code criterion} (null: unknown),
     * for the rural communes valid on {@code asOf}; cached per data version.
     */
    public Map<String, Object> communeValues(
            LocalDate asOf, String criteriaSet, String province, String value, String criterion) {
        String key = records.version("communes", "ntm_assessments") + "|" + asOf + "|" + criteriaSet + "|" + province
                + "|" + value + "|" + criterion;
        return communeValues.get(key, k -> {
            Map<String, Feature> assessments = new HashMap<>();
            if (criterion != null) {
                records.list("ntm_assessments", Map.of("criteria_set", criteriaSet))
                        .forEach(a -> assessments.put((String) a.properties().get("unit_id"), a));
            }
            Map<String, Object> values = new java.util.TreeMap<>();
            Map<String, Object> equal = new LinkedHashMap<>();
            equal.put("unit_type", "xa");
            equal.put("province_code", province);
            for (Feature c : records.list("communes", equal, asOf)) {
                Map<String, Object> p = c.properties();
                Object v = switch (value) {
                    case "level" -> p.get("ntm_level");
                    case "criteria_met" -> p.get("criteria_met");
                    default ->
                        assessments.containsKey(c.id()) ? Assessments.result(assessments.get(c.id()), criterion) : null;
                };
                values.put((String) p.get("code"), v);
            }
            return java.util.Collections.unmodifiableMap(values);
        });
    }

    private Base base(LocalDate asOf, String criteriaSet, String province, boolean current) {
        Map<String, String> names = new LinkedHashMap<>();
        if (current) {
            for (Feature p : records.list("provinces", Map.of(), asOf)) {
                names.put((String) p.properties().get("code"), (String)
                        p.properties().get("name"));
            }
        } else {
            for (Feature l : records.list("unit_lineage", Map.of("unit_level", "province"))) {
                names.put((String) l.properties().get("old_code"), (String)
                        l.properties().get("old_name"));
            }
        }
        Map<String, Feature> assessments = new HashMap<>();
        for (Feature a : records.list("ntm_assessments", Map.of("criteria_set", criteriaSet))) {
            assessments.put((String) a.properties().get("unit_id"), a);
        }
        NtmStatistics stats = new NtmStatistics();
        names.keySet().stream()
                .filter(c -> province == null || c.equals(province))
                .forEach(stats::declareGroup);
        Map<String, String> provinceOfCommune = new HashMap<>();
        for (Feature c : records.list("communes", Map.of("unit_type", "xa"), asOf)) {
            Map<String, Object> p = c.properties();
            String group = (String) p.get("province_code");
            provinceOfCommune.put((String) p.get("code"), group);
            if (province != null && !province.equals(group) || p.get("ntm_level") == null) {
                continue;
            }
            Feature a = assessments.get(c.id());
            Set<String> passed = new LinkedHashSet<>();
            Set<String> failed = new LinkedHashSet<>();
            if (a != null && criteriaSet.equals(p.get("criteria_set"))) {
                passed.addAll(Assessments.strings(a.properties().get("criteria_passed")));
                passed.addAll(Assessments.strings(a.properties().get("indicators_passed")));
                failed.addAll(Assessments.strings(a.properties().get("criteria_failed")));
                failed.addAll(Assessments.strings(a.properties().get("indicators_failed")));
            }
            Number met = (Number) p.get("criteria_met");
            stats.add(new CommuneResult(
                    group, (String) p.get("ntm_level"), met == null ? null : met.intValue(), passed, failed));
        }
        return new Base(names, stats.byGroup(), stats.total(), provinceOfCommune);
    }

    private static Group group(GroupFigures g, String name, List<Target> targets, long[] satisfaction, String period) {
        Map<String, Target.Status> status = new LinkedHashMap<>();
        SurveyAggregate survey = satisfaction == null
                ? new SurveyAggregate(null, period, 0, 0, Map.of())
                : new SurveyAggregate(null, period, satisfaction[0], satisfaction[1], Map.of());
        for (Target t : targets) {
            status.put(t.id(), "satisfaction_pct".equals(t.metric()) ? t.of(survey.satisfactionPct()) : t.evaluate(g));
        }
        return new Group(g.groupCode(), name, g, status, survey);
    }

    /** Changes whenever a survey response is stored, for ETags of statistics that include satisfaction. */
    public String surveyVersion() {
        long n = 0;
        long satisfied = 0;
        for (SurveyAggregate a : surveys.aggregates(surveys.currentPeriod(), null)) {
            n += a.responses();
            satisfied += a.satisfied();
        }
        return surveys.currentPeriod() + ":" + n + ":" + satisfied;
    }

    /** A province's report as published, for the unit it was published for. */
    public record Reported(
            String reportId,
            String provinceName,
            String provinceCodePre2025,
            String provinceCode2025,
            String scope,
            String period,
            Long communesTotal,
            Long ntm,
            Long advanced,
            Long model,
            Double ntmPct,
            Double advancedPct,
            Double modelPct,
            Double averageCriteria,
            String notes,
            String source,
            LocalDate sourceDate) {}

    /**
     * The reports dated on or before {@code asOf}, the newest per reported unit, then the undated
     * ones (plans, lists of notable communes: facts with no date, so never placed in time); shares
     * are those the published counts give (144/182 = 79.1 %), never re-estimated.
     */
    public List<Reported> reported(LocalDate asOf, String province) {
        boolean current = !asOf.isBefore(REORGANISATION);
        Map<String, Reported> latest = new LinkedHashMap<>();
        List<Reported> undated = new ArrayList<>();
        for (Feature f : records.list("reported_province_figures", Map.of())) {
            Map<String, Object> p = f.properties();
            LocalDate date = (LocalDate) p.get("source_date");
            if (date != null && date.isAfter(asOf)) {
                continue;
            }
            String pre = (String) p.get("province_code_pre2025");
            String now = (String) p.get("province_code_2025");
            if (province != null && !province.equals(current ? now : pre)) {
                continue;
            }
            Long total = (Long) p.get("communes_total");
            Long ntm = (Long) p.get("communes_ntm");
            Long adv = (Long) p.get("communes_advanced");
            Long model = (Long) p.get("communes_model");
            Reported r = new Reported(
                    f.id(),
                    (String) p.get("province_name"),
                    pre,
                    now,
                    (String) p.get("scope"),
                    (String) p.get("report_period"),
                    total,
                    ntm,
                    adv,
                    model,
                    pct(ntm, total),
                    pct(adv, total),
                    pct(model, total),
                    (Double) p.get("average_criteria"),
                    (String) p.get("notes"),
                    (String) p.get("source"),
                    date);
            if (date == null) {
                undated.add(r);
                continue;
            }
            String key = pre + "|" + p.get("scope");
            Reported before = latest.get(key);
            if (before == null || before.sourceDate().isBefore(date)) {
                latest.put(key, r);
            }
        }
        List<Reported> out = new ArrayList<>(latest.values());
        out.addAll(undated);
        return out;
    }

    private static Double pct(Long part, Long whole) {
        return part == null || whole == null || whole == 0 ? null : org.ruralatlas.data.ntm.Shares.percent(part, whole);
    }
}
