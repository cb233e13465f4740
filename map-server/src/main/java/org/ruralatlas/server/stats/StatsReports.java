package org.ruralatlas.server.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ruralatlas.data.ntm.Criterion;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.Level;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.ReportedFigures;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.server.ogcapi.Figures;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Words;
import org.ruralatlas.server.stats.StatsReport.Column;
import org.ruralatlas.server.stats.StatsReport.Fact;
import org.ruralatlas.server.stats.StatsReport.Heading;
import org.ruralatlas.server.stats.StatsReport.Row;

/**
 * Makes the {@link StatsReport} of computed or reported statistics in the reader's language: the
 * words from the message bundles, the criteria's and targets' names from the catalogue.
 */
final class StatsReports {

    /** Below this many responses a satisfaction share says more about who answered than about the commune: not shown. */
    static final long MIN_RESPONSES = 10;

    private final NtmRecords records;

    StatsReports(NtmRecords records) {
        this.records = records;
    }

    StatsReport computed(
            NtmStatsService.Computed c, Set<String> numbers, List<Target> targets, Words w, List<Link> links) {
        Figures n = new Figures(w);
        List<Fact> facts = List.of(
                new Fact(w.get("stats.fact.source"), w.get("stats.source.computed")),
                new Fact(w.get("stats.fact.as-of"), n.date(c.asOf())),
                new Fact(w.get("stats.fact.set"), setName(c.criteriaSet(), w)),
                new Fact(w.get("stats.fact.grouping"), w.get("stats.grouping." + c.grouping())),
                new Fact(w.get("stats.fact.basis"), w.get("stats.basis." + c.grouping())),
                new Fact(
                        w.get("stats.fact.satisfaction"),
                        w.get(
                                "stats.satisfaction",
                                Objects.toString(c.total().satisfaction().period(), Figures.NONE),
                                MIN_RESPONSES)));
        List<Heading> headings = new ArrayList<>(List.of(
                new Heading(w.get("stats.col.province"), 0),
                new Heading(w.get("stats.col.communes"), 0),
                new Heading(w.get("stats.col.ntm"), 2),
                new Heading(w.get("stats.col.advanced"), 2),
                new Heading(w.get("stats.col.model"), 2),
                new Heading(w.get("stats.col.average"), 0),
                new Heading(w.get("stats.col.satisfaction"), 2)));
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            columns.addAll(List.of(new Column(w.get("stats.col.count"), null), new Column("%", null)));
        }
        columns.addAll(List.of(
                new Column(w.get("stats.col.responses"), null), new Column(w.get("stats.col.satisfied"), null)));
        List<Fact> legend = new ArrayList<>();
        if (!numbers.isEmpty()) {
            headings.add(new Heading(w.get("stats.col.pass"), numbers.size()));
            Map<String, String> names = criterionNames(c.criteriaSet(), w);
            for (String number : numbers) {
                String name = names.getOrDefault(number, number);
                columns.add(new Column(number, name));
                legend.add(new Fact(number, name));
            }
        }
        if (!targets.isEmpty()) {
            headings.add(new Heading(w.get("stats.col.gap"), targets.size()));
            targets.forEach(t -> columns.add(new Column("en".equals(w.lang()) ? t.nameEn() : t.nameVi(), null)));
        }
        List<Row> rows = new ArrayList<>();
        c.groups().forEach(g -> rows.add(row(g, numbers, targets, n, false)));
        rows.add(row(c.total(), numbers, targets, n, true));
        return new StatsReport(
                w.get("stats.title.computed", n.date(c.asOf())),
                facts,
                true,
                links,
                headings,
                columns,
                rows,
                legend,
                chart(c, n));
    }

    /** The provinces' NTM shares, highest first; a province with no commune assessed has no bar. */
    private static List<StatsReport.Bar> chart(NtmStatsService.Computed c, Figures n) {
        List<StatsReport.Bar> bars = new ArrayList<>();
        for (NtmStatsService.Group g : c.groups()) {
            Double share = g.figures().share(Level.NTM);
            if (share != null && !share.isNaN()) {
                bars.add(new StatsReport.Bar(
                        g.name() == null ? Figures.NONE : g.name(), share, n.decimal(share) + " %"));
            }
        }
        bars.sort(java.util.Comparator.comparingDouble(StatsReport.Bar::percent).reversed());
        return bars;
    }

    private static Row row(
            NtmStatsService.Group g, Set<String> numbers, List<Target> targets, Figures n, boolean total) {
        GroupFigures f = g.figures();
        List<String> cells = new ArrayList<>(List.of(
                n.count(f.communes()),
                n.count(f.count(Level.NTM)),
                n.decimal(f.share(Level.NTM)),
                n.count(f.count(Level.ADVANCED)),
                n.decimal(f.share(Level.ADVANCED)),
                n.count(f.count(Level.MODEL)),
                n.decimal(f.share(Level.MODEL)),
                n.decimal(f.averageCriteria())));
        long responses = g.satisfaction().responses();
        cells.add(n.count(responses));
        cells.add(
                responses < MIN_RESPONSES
                        ? Figures.NONE
                        : n.decimal(g.satisfaction().satisfactionPct()));
        numbers.forEach(number -> {
            GroupFigures.PassRate r = f.passRates().get(number);
            cells.add(r == null ? Figures.NONE : n.decimal(r.percent()));
        });
        targets.forEach(t -> cells.add(n.gap(g.targets().get(t.id()).gap())));
        return new Row(g.name() == null ? Figures.NONE : g.name(), cells, total);
    }

    StatsReport reported(LocalDate asOf, List<ReportedFigures> reported, Words w, List<Link> links) {
        Figures n = new Figures(w);
        List<Fact> facts = List.of(
                new Fact(w.get("stats.fact.source"), w.get("stats.source.reported")),
                new Fact(w.get("stats.fact.as-of"), n.date(asOf)),
                new Fact(w.get("stats.fact.basis"), w.get("stats.basis.reported")));
        List<Heading> headings = List.of(
                new Heading(w.get("stats.col.province"), 0),
                new Heading(w.get("stats.col.scope"), 0),
                new Heading(w.get("stats.col.period"), 0),
                new Heading(w.get("stats.col.communes"), 0),
                new Heading(w.get("stats.col.ntm"), 2),
                new Heading(w.get("stats.col.advanced"), 2),
                new Heading(w.get("stats.col.model"), 2),
                new Heading(w.get("stats.col.average"), 0),
                new Heading(w.get("stats.col.published-by"), 0),
                new Heading(w.get("stats.col.published-on"), 0));
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            columns.addAll(List.of(new Column(w.get("stats.col.count"), null), new Column("%", null)));
        }
        List<Row> rows = new ArrayList<>();
        for (ReportedFigures r : reported) {
            rows.add(new Row(
                    r.provinceName(),
                    List.of(
                            scope(r.scope(), w),
                            r.period() == null ? Figures.NONE : r.period(),
                            n.count(r.communesTotal()),
                            n.count(r.ntm()),
                            n.decimal(r.ntmPct()),
                            n.count(r.advanced()),
                            n.decimal(r.advancedPct()),
                            n.count(r.model()),
                            n.decimal(r.modelPct()),
                            n.decimal(r.averageCriteria()),
                            r.source() == null ? Figures.NONE : r.source(),
                            n.date(r.sourceDate())),
                    false));
        }
        return new StatsReport(
                w.get("stats.title.reported", n.date(asOf)),
                facts,
                false,
                links,
                headings,
                columns,
                rows,
                List.of(),
                List.of());
    }

    /** "province" is the whole province; "district Bù Gia Mập" one of its districts. */
    private static String scope(String scope, Words w) {
        if (scope == null) {
            return Figures.NONE;
        }
        if (scope.equals("province")) {
            return w.get("stats.scope.province");
        }
        return scope.startsWith("district ")
                ? w.get("stats.scope.district", scope.substring("district ".length()))
                : scope;
    }

    private String setName(String set, Words w) {
        return records.list("ntm_criteria_sets", Map.of()).stream()
                .filter(f -> f.id().equals(set))
                .findFirst()
                .map(f -> Objects.toString(f.properties().get("name_" + w.lang()), set))
                .orElse(set);
    }

    /** "Tiêu chí 1: Quy hoạch", "Chỉ tiêu 8.4: …" by number, from the catalogue. */
    private Map<String, String> criterionNames(String set, Words w) {
        Map<String, String> names = new java.util.HashMap<>();
        for (Criterion c : records.criteria(set)) {
            names.put(
                    c.number(),
                    w.get(
                            c.number().contains(".") ? "stats.indicator" : "stats.criterion",
                            c.number(),
                            Objects.toString(c.name(w.lang()), "")));
        }
        return names;
    }
}
