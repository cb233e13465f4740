package org.ruralatlas.server.stats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.NtmFigures;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.ReportedFigures;
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

    private final NtmRecords records;
    private final NtmFigures figures;
    private final SurveyService surveys;

    /** What the records say, per data version, date, set and province. */
    private final Cache<String, NtmFigures.Computed> bases =
            Caffeine.newBuilder().maximumSize(256).build();

    /** Commune values for the tiles' colours, per data version and question. */
    private final Cache<String, Map<String, Object>> communeValues =
            Caffeine.newBuilder().maximumSize(256).build();

    public NtmStatsService(NtmRecords records, SurveyService surveys) {
        this.records = records;
        this.figures = new NtmFigures(records);
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

    public Computed computed(LocalDate asOf, String criteriaSet, String province) {
        boolean current = NtmFigures.current(asOf);
        String key = records.version("communes", "provinces", "ntm_assessments", "unit_lineage") + "|" + asOf + "|"
                + criteriaSet + "|" + province;
        NtmFigures.Computed base = bases.get(key, k -> figures.computed(asOf, criteriaSet, province));
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
        return communeValues.get(
                key, k -> figures.communeValues(asOf, criteriaSet, province, NtmFigures.Value.of(value), criterion));
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

    /** The reports on or before {@code asOf}: see {@link NtmFigures#reported}. */
    public List<ReportedFigures> reported(LocalDate asOf, String province) {
        return figures.reported(asOf, province);
    }
}
