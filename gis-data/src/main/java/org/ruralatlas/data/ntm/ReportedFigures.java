package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import org.ruralatlas.data.feature.Feature;

/**
 * A province's (or district's) report as published ({@code reported_province_figures}), for the
 * unit it was published for; the shares are those the published counts give (144/182 = 79.1 %),
 * never re-estimated.
 *
 * @param scope "province", or "district Bù Gia Mập" for one of its districts
 * @param sourceDate null for an undated report (a plan, a list of notable communes)
 */
public record ReportedFigures(
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
        LocalDate sourceDate) {

    static ReportedFigures of(Feature f) {
        Props p = new Props(f.properties());
        Long total = p.whole("communes_total");
        Long ntm = p.whole("communes_ntm");
        Long advanced = p.whole("communes_advanced");
        Long model = p.whole("communes_model");
        return new ReportedFigures(
                f.id(),
                p.string("province_name"),
                p.string("province_code_pre2025"),
                p.string("province_code_2025"),
                p.string("scope"),
                p.string("report_period"),
                total,
                ntm,
                advanced,
                model,
                pct(ntm, total),
                pct(advanced, total),
                pct(model, total),
                p.decimal("average_criteria"),
                p.string("notes"),
                p.string("source"),
                p.date("source_date"));
    }

    private static Double pct(Long part, Long whole) {
        return part == null || whole == null || whole == 0 ? null : Shares.percent(part, whole);
    }
}
