package org.ruralatlas.server.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.Level;
import org.ruralatlas.data.ntm.ReportedFigures;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.server.ntm.Targets;
import org.ruralatlas.server.ogcapi.Link;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /stats/ntm} as JSON: computed figures per province, or the reports as published. */
final class StatsJson {

    private StatsJson() {}

    /** A count and its share in percent (null when not reported or not computable). */
    record CountPct(Long count, Double pct) {}

    /** Computed statistics: what they are, from what, per province and in total, and the targets. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Computed(
            String source,
            LocalDate asOf,
            String criteriaSet,
            String grouping,
            String basis,
            boolean levelsAreCumulative,
            boolean sample,
            String sampleNote,
            String satisfactionPeriod,
            List<Group> provinces,
            Group total,
            List<Targets.Json> targets,
            List<Link> links) {

        static Computed of(NtmStatsService.Computed c, List<Target> targets) {
            return new Computed(
                    "computed",
                    c.asOf(),
                    c.criteriaSet(),
                    c.grouping(),
                    c.basis(),
                    true,
                    true,
                    "current-period assessments in the bundled data are illustrative (sample=true)",
                    c.total().satisfaction().period(),
                    c.groups().stream().map(Group::of).toList(),
                    Group.of(c.total()),
                    targets.stream().map(Targets::json).toList(),
                    List.of(new Link(
                            org.ruralatlas.server.ogcapi.Urls.base() + "/stats/ntm?source=reported&as_of=" + c.asOf(),
                            "alternate",
                            "application/json",
                            "The figures provinces reported, for the same date")));
        }
    }

    /** A province (or the total): its communes, levels, criteria, pass rates, satisfaction and targets. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Group(
            String code,
            String name,
            long communesTotal,
            Map<String, CountPct> atLeast,
            Double averageCriteria,
            Map<String, PassRate> passRates,
            Satisfaction satisfaction,
            Map<String, Target.Status> targets) {

        static Group of(NtmStatsService.Group g) {
            GroupFigures f = g.figures();
            Map<String, CountPct> levels = new LinkedHashMap<>();
            for (Level l : List.of(Level.NTM, Level.ADVANCED, Level.MODEL, Level.MODERN_PILOT)) {
                levels.put(l.id(), new CountPct(f.count(l), f.share(l)));
            }
            Map<String, PassRate> pass = new LinkedHashMap<>();
            f.passRates().forEach((n, r) -> pass.put(n, new PassRate(r.assessed(), r.passed(), r.percent())));
            return new Group(
                    g.code(),
                    g.name(),
                    f.communes(),
                    levels,
                    f.averageCriteria(),
                    pass,
                    new Satisfaction(
                            g.satisfaction().period(),
                            g.satisfaction().responses(),
                            g.satisfaction().satisfactionPct()),
                    g.targets());
        }
    }

    /** Communes assessed on a criterion or indicator, how many pass, and that share. */
    record PassRate(long assessed, long passed, Double pct) {}

    /** This quarter's survey figures of the group. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Satisfaction(String period, long responses, Double satisfactionPct) {}

    /** The reports as published: the dated ones and, apart, the undated. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Reported(String source, LocalDate asOf, String basis, List<Report> reports, List<Report> undatedReports) {

        static Reported of(LocalDate asOf, List<ReportedFigures> reported) {
            return new Reported(
                    "reported",
                    asOf,
                    "figures as provinces published them, for the unit they were published for (pre-2025 provinces "
                            + "and districts), latest report on or before as_of; shares are the published counts' quotients; "
                            + "never combined with computed figures; reports without a date are listed apart, as undated_reports",
                    reported.stream()
                            .filter(r -> r.sourceDate() != null)
                            .map(Report::of)
                            .toList(),
                    reported.stream()
                            .filter(r -> r.sourceDate() == null)
                            .map(Report::of)
                            .toList());
        }
    }

    /** A report as published, for the unit it was published for. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Report(
            String reportId,
            String provinceName,
            String provinceCodePre2025,
            @JsonProperty("province_code_2025") String provinceCode2025,
            String scope,
            String reportPeriod,
            Long communesTotal,
            CountPct ntm,
            CountPct advanced,
            CountPct model,
            Double averageCriteria,
            String notes,
            String source,
            LocalDate sourceDate) {

        static Report of(ReportedFigures r) {
            return new Report(
                    r.reportId(),
                    r.provinceName(),
                    r.provinceCodePre2025(),
                    r.provinceCode2025(),
                    r.scope(),
                    r.period(),
                    r.communesTotal(),
                    new CountPct(r.ntm(), r.ntmPct()),
                    new CountPct(r.advanced(), r.advancedPct()),
                    new CountPct(r.model(), r.modelPct()),
                    r.averageCriteria(),
                    r.notes(),
                    r.source(),
                    r.sourceDate());
        }
    }

    /** {@code /stats/ntm/communes}: commune code → value, and what the value is. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CommuneValues(
            LocalDate asOf,
            String value,
            @JsonInclude(JsonInclude.Include.NON_NULL) String criterion,
            @JsonInclude(JsonInclude.Include.NON_NULL) String criteriaSet,
            String key,
            Map<String, ?> values) {}
}
