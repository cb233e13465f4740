package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.server.error.ApiException;

/**
 * The parameters of {@code /ntm/assessments}, read and checked once (a 400 naming the parameter
 * otherwise): the criteria set, optional commune, province and level, an optional criterion with
 * whether it is met, and the page.
 */
record AssessmentQuery(
        String set,
        String commune,
        String province,
        String level,
        String criterion,
        Boolean met,
        int limit,
        int offset) {

    static final List<String> LEVELS = List.of("none", "ntm", "advanced", "model", "modern_pilot");

    static AssessmentQuery of(HttpServletRequest request, NtmRecords records) {
        String set = request.getParameter("criteria_set") == null
                ? "commune_2021_2025"
                : request.getParameter("criteria_set");
        if (records.list("ntm_criteria_sets", Map.of("set_id", set)).isEmpty()) {
            throw ApiException.badParameter("criteria_set", "unknown criteria set " + set + "; see /ntm/criteria-sets");
        }
        String commune = CriteriaController.code(request, "commune", "\\d{5}");
        String province = CriteriaController.code(request, "province", "\\d{2}");
        String level = request.getParameter("level");
        if (level != null && !LEVELS.contains(level)) {
            throw ApiException.badParameter("level", "level takes none, ntm, advanced, model or modern_pilot");
        }
        String criterion = request.getParameter("criterion");
        if (criterion != null && !records.hasCriterion(set, criterion)) {
            throw ApiException.badParameter(
                    "criterion",
                    "criteria set " + set + " has no criterion or indicator '" + criterion
                            + "'; see /ntm/criteria-sets/" + set);
        }
        String met = request.getParameter("met");
        if (met != null && (criterion == null || !List.of("true", "false").contains(met))) {
            throw ApiException.badParameter("met", "met takes true or false, together with criterion");
        }
        return new AssessmentQuery(
                set,
                commune,
                province,
                level,
                criterion,
                met == null ? null : Boolean.valueOf(met),
                CriteriaController.number(request, "limit", 100, 1, 10_000),
                CriteriaController.number(request, "offset", 0, 0, Integer.MAX_VALUE));
    }
}
