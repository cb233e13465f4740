package org.ruralatlas.data.imports;

import java.util.List;
import org.ruralatlas.data.geo.Bbox;

/**
 * What an import did, or would do (a dry run): rows read, accepted and rejected, the first
 * {@value #MAX_PROBLEMS} problems, the box (CRS84) of the accepted features, the CRS the file was
 * read in, the file's columns that are not mapped to a property (ignored), and whether it was
 * written. A real run writes only when every row is accepted.
 */
public record ImportReport(
        String layer,
        boolean dryRun,
        long rowsRead,
        long accepted,
        long rejected,
        List<ImportProblem> problems,
        Bbox bbox,
        String crs,
        List<String> ignoredColumns,
        boolean written) {

    /** The most problems a report lists; the count of rejected rows counts them all. */
    public static final int MAX_PROBLEMS = 100;

    /** Whether the file could be read to its end (a broken file's report has a problem of the property {@code file}). */
    public boolean readable() {
        return problems.stream().noneMatch(p -> p.property().equals("file"));
    }

    /** Whether the file was readable and every row acceptable. */
    public boolean clean() {
        return rejected == 0 && problems.isEmpty();
    }
}
