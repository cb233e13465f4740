package org.ruralatlas.server.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.imports.ImportReport;

/** An import's report and job as the API shows them. */
public final class ImportReportJson {

    private ImportReportJson() {}

    public static Map<String, Object> of(ImportReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("collection", r.layer());
        m.put("dryRun", r.dryRun());
        m.put("written", r.written());
        m.put("rowsRead", r.rowsRead());
        m.put("accepted", r.accepted());
        m.put("rejected", r.rejected());
        m.put("crs", r.crs());
        m.put(
                "bbox",
                r.bbox() == null
                        ? null
                        : List.of(
                                r.bbox().minx(),
                                r.bbox().miny(),
                                r.bbox().maxx(),
                                r.bbox().maxy()));
        m.put("ignoredColumns", r.ignoredColumns());
        m.put(
                "problems",
                r.problems().stream()
                        .map(p -> Map.of("row", p.row(), "property", p.property(), "detail", p.detail()))
                        .toList());
        return m;
    }

    static Map<String, Object> job(ImportJobs.Job job, String self) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id);
        m.put("collection", job.layer);
        m.put("state", job.state.id());
        m.put("rowsRead", job.rowsRead.get());
        m.put("created", job.created.toString());
        if (job.report != null) {
            m.put("report", of(job.report));
        }
        if (job.error != null) {
            m.put("error", job.error);
        }
        m.put("links", List.of(Map.of("href", self, "rel", "self", "type", "application/json")));
        return m;
    }
}
