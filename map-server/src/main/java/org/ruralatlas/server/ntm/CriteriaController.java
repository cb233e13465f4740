package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.Target;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The NTM criteria catalogue and programme targets ({@code /ntm/criteria-sets}, {@code /ntm/targets})
 * and per-commune assessment results ({@code /ntm/assessments}): all data from the store, so a new
 * set or a corrected indicator name is an edit of the records, not of this code.
 */
@RestController
public class CriteriaController {

    private final NtmRecords records;
    private final Pages pages;

    /** A criteria set's page: the set's record and its criteria, each with its indicators. */
    public record SetPage(Map<String, Object> set, List<CriterionJson> criteria) {}

    /** A page of assessments: how many matched, the links, the criterion asked about (or null) and the rows. */
    public record AssessmentsPage(int matched, List<Link> links, String criterion, List<AssessmentJson> rows) {}

    /** {@code /ntm/targets} as JSON. */
    record TargetsJson(List<Targets.Json> targets, List<Link> links) {}

    /** A page of {@code /ntm/assessments} as JSON, with the OGC API's numberMatched and numberReturned. */
    record AssessmentsJson(
            @JsonProperty("criteria_set") String criteriaSet,
            int numberMatched,
            int numberReturned,
            List<AssessmentJson> assessments,
            List<Link> links) {}

    public CriteriaController(NtmRecords records, Pages pages) {
        this.records = records;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/criteria-sets")
    public ResponseEntity<?> sets(HttpServletRequest request) {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (Feature f : records.list("ntm_criteria_sets", Map.of())) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", f.id());
            s.putAll(f.properties());
            s.put(
                    "links",
                    List.of(new Link(Urls.base() + "/ntm/criteria-sets/" + f.id(), "item", "application/json", (String)
                            f.properties().get("name_en"))));
            sets.add(s);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("criteriaSets", sets);
        body.put(
                "links",
                List.of(
                        new Link(
                                Urls.base() + "/ntm/criteria-sets?f=json", "self", "application/json", "This document"),
                        new Link(
                                Urls.base() + "/ntm/criteria-sets?f=html",
                                "alternate",
                                "text/html",
                                "This document as HTML"),
                        new Link(Urls.base() + "/ntm/targets", "related", "application/json", "Programme targets")));
        return pages.answer(
                request,
                records.version("ntm_criteria_sets"),
                records.lastModified("ntm_criteria_sets"),
                body,
                "ntm/criteria-sets.jte",
                sets);
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/criteria-sets/{setId}")
    public ResponseEntity<?> set(@PathVariable String setId, HttpServletRequest request) {
        Feature set = records.list("ntm_criteria_sets", Map.of()).stream()
                .filter(f -> f.id().equals(setId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no criteria set " + setId + "; see /ntm/criteria-sets"));
        List<CriterionJson> criteria = records.criteriaWithIndicators(setId).stream()
                .map(CriterionJson::of)
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", setId);
        body.putAll(set.properties());
        body.put("criteria", criteria);
        body.put(
                "links",
                List.of(
                        new Link(
                                Urls.base() + "/ntm/criteria-sets/" + setId + "?f=json",
                                "self",
                                "application/json",
                                "This document"),
                        new Link(
                                Urls.base() + "/ntm/criteria-sets/" + setId + "?f=html",
                                "alternate",
                                "text/html",
                                "This document as HTML"),
                        new Link(
                                Urls.base() + "/ntm/criteria-sets",
                                "collection",
                                "application/json",
                                "All criteria sets"),
                        new Link(
                                Urls.base() + "/ntm/assessments?criteria_set=" + setId,
                                "related",
                                "application/json",
                                "Commune assessments")));
        return pages.answer(
                request,
                records.version("ntm_criteria_sets", "ntm_criteria"),
                records.lastModified("ntm_criteria_sets", "ntm_criteria"),
                body,
                "ntm/criteria-set.jte",
                new SetPage(set.properties(), criteria));
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/targets")
    public ResponseEntity<?> targets(HttpServletRequest request) {
        List<Target> targets = records.targets();
        TargetsJson body = new TargetsJson(
                targets.stream().map(Targets::json).toList(),
                List.of(new Link(
                        Urls.base() + "/stats/ntm",
                        "related",
                        "application/json",
                        "Statistics, with each province's distance from each target")));
        return pages.answer(
                request,
                records.version("ntm_targets"),
                records.lastModified("ntm_targets"),
                body,
                "ntm/targets.jte",
                targets);
    }

    @QueryParameters({"commune", "province", "criteria_set", "criterion", "met", "level", "limit", "offset", "f", "lang"
    })
    @GetMapping("/ntm/assessments")
    public ResponseEntity<?> assessments(HttpServletRequest request) {
        AssessmentQuery query = AssessmentQuery.of(request, records);
        List<AssessmentJson> rows = rows(query);
        long next = Parameters.next(query.offset(), query.limit());
        List<AssessmentJson> page =
                rows.subList(Math.min(query.offset(), rows.size()), (int) Math.min(rows.size(), next));
        List<Link> links = new ArrayList<>();
        links.add(new Link(Urls.self(request), "self", "application/json", "This page"));
        if (next < rows.size()) {
            links.add(new Link(
                    Urls.withParameter(Urls.self(request), "offset", String.valueOf(next)),
                    "next",
                    "application/json",
                    "Next page"));
        }
        AssessmentsJson body = new AssessmentsJson(query.set(), rows.size(), page.size(), page, links);
        return pages.answer(
                request,
                records.version("ntm_assessments", "ntm_criteria"),
                records.lastModified("ntm_assessments", "ntm_criteria"),
                body,
                "ntm/assessments.jte",
                new AssessmentsPage(rows.size(), links, query.criterion(), page));
    }

    /** The assessments the query selects, each with the criterion's result when one is asked about. */
    private List<AssessmentJson> rows(AssessmentQuery query) {
        Map<String, Object> equal = new LinkedHashMap<>();
        equal.put("criteria_set", query.set());
        equal.put("commune_code", query.commune());
        equal.put("province_code", query.province());
        equal.put("ntm_level", query.level());
        return records.assessments(equal).stream()
                .filter(a -> query.met() == null || query.met().equals(a.result(query.criterion())))
                .map(a -> AssessmentJson.of(a, query.criterion()))
                .toList();
    }

    static String code(HttpServletRequest request, String name, String pattern) {
        String v = request.getParameter(name);
        if (v != null && !v.matches(pattern)) {
            throw ApiException.badParameter(
                    name,
                    name + " must be a code of the form "
                            + pattern.replace("\\d", "9").replace("{5}", "9999").replace("{2}", "9") + ", not '" + v
                            + "'");
        }
        return v;
    }

    static int number(HttpServletRequest request, String name, int dflt, int min, int max) {
        return (int) Parameters.wholeNumber(name, request.getParameter(name), dflt, min, max);
    }
}
