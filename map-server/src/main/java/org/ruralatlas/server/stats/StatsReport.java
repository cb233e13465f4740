package org.ruralatlas.server.stats;

import java.util.List;
import org.ruralatlas.server.ogcapi.Link;

/**
 * The statistics as a person reads them ({@code /stats/ntm?f=html}): what they are, where they come
 * from and for which date, said once above the table; the columns grouped under headings in the
 * reader's language, criteria and targets by their catalogue names; numbers in the reader's
 * notation; {@value StatsFigures#NONE} where there is no value; a bar chart of the NTM share by
 * province, best first, as a list (it reads as one too). The CSV and JSON keep the machine's columns.
 */
public record StatsReport(
        String title,
        List<Fact> facts,
        boolean sample,
        List<Link> links,
        List<Heading> headings,
        List<Column> columns,
        List<Row> rows,
        List<Fact> legend,
        List<Bar> chart) {

    /** A statement above (or a name below) the table. */
    public record Fact(String label, String value) {}

    /** A heading of the first header row: over {@code span} columns of the second row, or alone over both ({@code span} 0). */
    public record Heading(String label, int span) {
        public boolean alone() {
            return span == 0;
        }
    }

    /** A column of the second header row; {@code title} is its long name (a criterion's), or null. */
    public record Column(String label, String title) {}

    /** A row of the table: its unit's name (the row's header) and its values as written. */
    public record Row(String name, List<String> cells, boolean total) {}

    /** A bar of the chart: the unit, its share (0 to 100) and that share as written. */
    public record Bar(String name, double percent, String label) {}
}
