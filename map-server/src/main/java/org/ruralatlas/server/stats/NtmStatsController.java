package org.ruralatlas.server.stats;

import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.data.io.CsvRows;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.Level;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.NtmStatistics;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ntm.Targets;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /stats/ntm}: NTM statistics per province for a date, computed or reported (JSON, CSV,
 * HTML), with each province's distance from each programme target; and {@code /stats/ntm/communes},
 * a compact code → value map (level, criteria met, or one criterion's pass/fail) for choropleths.
 */
@RestController
public class NtmStatsController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");
    private static final String[] LAYERS = {
        "communes", "provinces", "ntm_assessments", "ntm_targets", "reported_province_figures", "unit_lineage"
    };

    private final NtmStatsService stats;
    private final NtmRecords records;
    private final Pages pages;

    private final StatsReports reports;

    public NtmStatsController(NtmStatsService stats, NtmRecords records, Pages pages) {
        this.stats = stats;
        this.records = records;
        this.pages = pages;
        this.reports = new StatsReports(records);
    }

    @QueryParameters({"as_of", "source", "province", "criteria_set", "f", "lang"})
    @GetMapping("/stats/ntm")
    public ResponseEntity<?> ntm(HttpServletRequest request) {
        OutputFormat format = OutputFormat.of(request, OutputFormat.JSON, OutputFormat.CSV, OutputFormat.HTML);
        LocalDate asOf = asOf(request);
        String source = request.getParameter("source") == null ? "computed" : request.getParameter("source");
        if (!source.equals("computed") && !source.equals("reported")) {
            throw ApiException.badParameter("source", "source takes computed or reported: the two are never mixed");
        }
        String province = province(request);
        String set = criteriaSet(request);
        Conditional conditional = Conditional.of(
                request, records.version(LAYERS) + "|" + stats.surveyVersion(), records.lastModified(LAYERS), format);
        return conditional.notModified(request).orElseGet(() -> {
            Map<String, Object> body;
            Table table;
            java.util.function.BiFunction<Words, List<Link>, StatsReport> report;
            if (source.equals("reported")) {
                List<NtmStatsService.Reported> reported = stats.reported(asOf, province);
                body = reportedBody(asOf, reported);
                table = reportedTable(asOf, reported);
                report = (words, links) -> reports.reported(asOf, reported, words, links);
            } else {
                NtmStatsService.Computed c = stats.computed(asOf, set, province);
                body = computedBody(c);
                table = computedTable(asOf, c);
                report = (words, links) -> reports.computed(c, numbers(c), records.targets(), words, links);
            }
            if (format == OutputFormat.CSV) {
                StreamedBody csvBody = out -> {
                    CsvRows rows = new CsvRows(new OutputStreamWriter(out, StandardCharsets.UTF_8)).row(table.header());
                    for (List<Object> r : table.rows()) {
                        rows.row(r);
                    }
                    rows.flush();
                };
                return conditional
                        .on(ResponseEntity.ok())
                        .contentType(CSV)
                        .header(
                                "Content-Disposition",
                                "inline; filename=\"ruralatlas-ntm-" + source + "-" + asOf + ".csv\"")
                        .body(csvBody);
            }
            if (format == OutputFormat.HTML) {
                List<Link> links = List.of(
                        new Link(Urls.withFormat(request, "json"), "alternate", "application/json", "JSON"),
                        new Link(Urls.withFormat(request, "csv"), "alternate", "text/csv", "CSV"));
                Words words = pages.words(request);
                return conditional
                        .on(ResponseEntity.ok())
                        .contentType(Pages.HTML)
                        .body(pages.page("stats/ntm.jte", words, report.apply(words, links)));
            }
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    /** The statistics as rows: what the CSV holds and the page shows. */
    private record Table(List<String> header, List<List<Object>> rows) {}

    private static Table reportedTable(LocalDate asOf, List<NtmStatsService.Reported> reported) {
        List<String> header = List.of(
                "source",
                "as_of",
                "report_id",
                "province_name",
                "province_code_pre2025",
                "province_code_2025",
                "scope",
                "report_period",
                "communes_total",
                "ntm",
                "ntm_pct",
                "advanced",
                "advanced_pct",
                "model",
                "model_pct",
                "average_criteria",
                "source_name",
                "source_date");
        List<List<Object>> rows = new ArrayList<>();
        for (NtmStatsService.Reported r : reported) {
            rows.add(List.of(
                    "reported",
                    asOf,
                    r.reportId(),
                    r.provinceName(),
                    r.provinceCodePre2025(),
                    r.provinceCode2025(),
                    str(r.scope()),
                    str(r.period()),
                    str(r.communesTotal()),
                    str(r.ntm()),
                    str(r.ntmPct()),
                    str(r.advanced()),
                    str(r.advancedPct()),
                    str(r.model()),
                    str(r.modelPct()),
                    str(r.averageCriteria()),
                    r.source(),
                    str(r.sourceDate())));
        }
        return new Table(header, rows);
    }

    /** The criteria and indicators some group has a pass rate for, in number order. */
    private static Set<String> numbers(NtmStatsService.Computed c) {
        Set<String> numbers = new TreeSet<>(NtmStatistics::compareNumbers);
        c.groups().forEach(g -> numbers.addAll(g.figures().passRates().keySet()));
        return numbers;
    }

    private Table computedTable(LocalDate asOf, NtmStatsService.Computed c) {
        Set<String> numbers = numbers(c);
        List<Target> targets = records.targets();
        List<String> header = new ArrayList<>(List.of(
                "source",
                "as_of",
                "grouping",
                "province_code",
                "province_name",
                "communes_total",
                "ntm",
                "ntm_pct",
                "advanced",
                "advanced_pct",
                "model",
                "model_pct",
                "average_criteria",
                "satisfaction_responses",
                "satisfaction_pct"));
        numbers.forEach(n -> header.add("pass_pct_" + n));
        targets.forEach(t -> header.add("target_gap_" + t.id()));
        List<List<Object>> rows = new ArrayList<>();
        List<NtmStatsService.Group> all = new ArrayList<>(c.groups());
        all.add(c.total());
        for (NtmStatsService.Group g : all) {
            GroupFigures f = g.figures();
            List<Object> row = new ArrayList<>(List.of(
                    "computed",
                    asOf,
                    c.grouping(),
                    g.code(),
                    str(g.name()),
                    f.communes(),
                    f.count(Level.NTM),
                    str(f.share(Level.NTM)),
                    f.count(Level.ADVANCED),
                    str(f.share(Level.ADVANCED)),
                    f.count(Level.MODEL),
                    str(f.share(Level.MODEL)),
                    str(f.averageCriteria()),
                    g.satisfaction().responses(),
                    str(g.satisfaction().satisfactionPct())));
            numbers.forEach(n -> {
                GroupFigures.PassRate r = f.passRates().get(n);
                row.add(r == null ? "" : str(r.percent()));
            });
            targets.forEach(t -> row.add(str(g.targets().get(t.id()).gap())));
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private Map<String, Object> computedBody(NtmStatsService.Computed c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "computed");
        body.put("as_of", c.asOf());
        body.put("criteria_set", c.criteriaSet());
        body.put("grouping", c.grouping());
        body.put("basis", c.basis());
        body.put("levels_are_cumulative", true);
        body.put("sample", true);
        body.put("sample_note", "current-period assessments in the bundled data are illustrative (sample=true)");
        body.put("satisfaction_period", c.total().satisfaction().period());
        List<Map<String, Object>> groups = new ArrayList<>();
        c.groups().forEach(g -> groups.add(group(g)));
        body.put("provinces", groups);
        body.put("total", group(c.total()));
        body.put("targets", records.targets().stream().map(Targets::json).toList());
        body.put(
                "links",
                List.of(new Link(
                        Urls.base() + "/stats/ntm?source=reported&as_of=" + c.asOf(),
                        "alternate",
                        "application/json",
                        "The figures provinces reported, for the same date")));
        return body;
    }

    private static Map<String, Object> group(NtmStatsService.Group g) {
        GroupFigures f = g.figures();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", g.code());
        m.put("name", g.name());
        m.put("communes_total", f.communes());
        Map<String, Object> levels = new LinkedHashMap<>();
        for (Level l : List.of(Level.NTM, Level.ADVANCED, Level.MODEL, Level.MODERN_PILOT)) {
            levels.put(l.id(), pair("count", f.count(l), "pct", f.share(l)));
        }
        m.put("at_least", levels);
        m.put("average_criteria", f.averageCriteria());
        Map<String, Object> pass = new LinkedHashMap<>();
        f.passRates().forEach((n, r) -> {
            Map<String, Object> rate = pair("assessed", r.assessed(), "passed", r.passed());
            rate.put("pct", r.percent());
            pass.put(n, rate);
        });
        m.put("pass_rates", pass);
        Map<String, Object> satisfaction = pair(
                "period",
                g.satisfaction().period(),
                "responses",
                g.satisfaction().responses());
        satisfaction.put("satisfaction_pct", g.satisfaction().satisfactionPct());
        m.put("satisfaction", satisfaction);
        Map<String, Object> targets = new LinkedHashMap<>();
        g.targets().forEach((id, s) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("value", s.value());
            t.put("gap", s.gap());
            t.put("met", s.met());
            targets.put(id, t);
        });
        m.put("targets", targets);
        return m;
    }

    private static Map<String, Object> reportedBody(LocalDate asOf, List<NtmStatsService.Reported> reported) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "reported");
        body.put("as_of", asOf);
        body.put(
                "basis",
                "figures as provinces published them, for the unit they were published for (pre-2025 provinces "
                        + "and districts), latest report on or before as_of; shares are the published counts' quotients; "
                        + "never combined with computed figures; reports without a date are listed apart, as undated_reports");
        List<Map<String, Object>> reports = new ArrayList<>();
        List<Map<String, Object>> undated = new ArrayList<>();
        for (NtmStatsService.Reported r : reported) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("report_id", r.reportId());
            m.put("province_name", r.provinceName());
            m.put("province_code_pre2025", r.provinceCodePre2025());
            m.put("province_code_2025", r.provinceCode2025());
            m.put("scope", r.scope());
            m.put("report_period", r.period());
            m.put("communes_total", r.communesTotal());
            m.put("ntm", pair("count", r.ntm(), "pct", r.ntmPct()));
            m.put("advanced", pair("count", r.advanced(), "pct", r.advancedPct()));
            m.put("model", pair("count", r.model(), "pct", r.modelPct()));
            m.put("average_criteria", r.averageCriteria());
            m.put("notes", r.notes());
            m.put("source", r.source());
            m.put("source_date", r.sourceDate());
            (r.sourceDate() == null ? undated : reports).add(m);
        }
        body.put("reports", reports);
        body.put("undated_reports", undated);
        return body;
    }

    /** {@code /stats/ntm/communes?value=level|criteria_met|criterion&criterion=8.4}: code → value for the current communes. */
    @QueryParameters({"value", "criterion", "criteria_set", "as_of", "province"})
    @GetMapping("/stats/ntm/communes")
    public ResponseEntity<?> communes(HttpServletRequest request) {
        LocalDate asOf = asOf(request);
        String set = criteriaSet(request);
        String province = province(request);
        String value = request.getParameter("value") == null ? "level" : request.getParameter("value");
        String criterion = request.getParameter("criterion");
        if (!List.of("level", "criteria_met", "criterion").contains(value)) {
            throw ApiException.badParameter("value", "value takes level, criteria_met or criterion");
        }
        if (value.equals("criterion") == (criterion == null)) {
            throw ApiException.badParameter("criterion", "criterion is required with value=criterion, and only then");
        }
        if (criterion != null && !records.hasCriterion(set, criterion)) {
            throw ApiException.badParameter(
                    "criterion", "criteria set " + set + " has no criterion or indicator '" + criterion + "'");
        }
        Conditional conditional = Conditional.of(request, records.version(LAYERS), records.lastModified(LAYERS));
        return conditional.notModified(request).orElseGet(() -> {
            Map<String, Object> values = stats.communeValues(asOf, set, province, value, criterion);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("as_of", asOf);
            body.put("value", value);
            if (criterion != null) {
                body.put("criterion", criterion);
                body.put("criteria_set", set);
            }
            body.put("key", "commune code (the code property of /collections/communes tiles)");
            body.put("values", values);
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    private static LocalDate asOf(HttpServletRequest request) {
        return Parameters.date("as_of", request.getParameter("as_of"), NtmRecords.today());
    }

    private String criteriaSet(HttpServletRequest request) {
        String set = request.getParameter("criteria_set") == null
                ? "commune_2021_2025"
                : request.getParameter("criteria_set");
        if (records.list("ntm_criteria_sets", Map.of("set_id", set)).isEmpty()) {
            throw ApiException.badParameter("criteria_set", "unknown criteria set " + set + "; see /ntm/criteria-sets");
        }
        return set;
    }

    private static String province(HttpServletRequest request) {
        String v = request.getParameter("province");
        if (v != null && !v.matches("\\d{2}")) {
            throw ApiException.badParameter("province", "province must be a 2-digit province code, not '" + v + "'");
        }
        return v;
    }

    /** A two-entry map that keeps nulls (a value not reported stays null, never ""). */
    private static Map<String, Object> pair(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
