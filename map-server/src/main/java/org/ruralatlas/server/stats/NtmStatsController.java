package org.ruralatlas.server.stats;

import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.io.CsvRows;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.Level;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.NtmStatistics;
import org.ruralatlas.data.ntm.ReportedFigures;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.server.error.ApiException;
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
            Object body;
            Table table;
            java.util.function.BiFunction<Words, List<Link>, StatsReport> report;
            if (source.equals("reported")) {
                List<ReportedFigures> reported = stats.reported(asOf, province);
                body = StatsJson.Reported.of(asOf, reported);
                table = reportedTable(asOf, reported);
                report = (words, links) -> reports.reported(asOf, reported, words, links);
            } else {
                NtmStatsService.Computed c = stats.computed(asOf, set, province);
                body = StatsJson.Computed.of(c, records.targets());
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

    private static Table reportedTable(LocalDate asOf, List<ReportedFigures> reported) {
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
        for (ReportedFigures r : reported) {
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
            StatsJson.CommuneValues body = new StatsJson.CommuneValues(
                    asOf,
                    value,
                    criterion,
                    criterion == null ? null : set,
                    "commune code (the code property of /collections/communes tiles)",
                    stats.communeValues(asOf, set, province, value, criterion));
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    private static LocalDate asOf(HttpServletRequest request) {
        return Parameters.date("as_of", request.getParameter("as_of"), VietnamCalendar.today());
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

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
