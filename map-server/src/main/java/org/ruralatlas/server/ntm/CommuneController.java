package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.ntm.Assessments;
import org.ruralatlas.data.ntm.Criterion;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.survey.SurveyAggregate;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ntm/communes/{code}}: one current commune's NTM picture in one answer, for a map's
 * commune panel: its level and criteria (named from the catalogue), its citizens' satisfaction
 * this quarter, how many pre-2025 units it was made from, and links to its history, survey,
 * planner view and the growing areas it holds.
 */
@RestController
public class CommuneController {

    private final NtmRecords records;
    private final SurveyFigures surveys;
    private final Pages pages;

    /** A commune's page: its name, links, facts under their labels, and its criteria. */
    public record CommunePage(
            String name, List<Link> links, Map<String, String> facts, List<Map<String, Object>> criteria) {}

    public CommuneController(NtmRecords records, SurveyFigures surveys, Pages pages) {
        this.records = records;
        this.surveys = surveys;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/communes/{code}")
    public ResponseEntity<?> commune(@PathVariable String code, HttpServletRequest request) {
        if (!code.matches("\\d{5}")) {
            throw ApiException.notFound("no commune " + code + ": commune codes have 5 digits");
        }
        List<Feature> found = records.list("communes", Map.of("code", code), NtmRecords.today());
        if (found.isEmpty()) {
            throw ApiException.notFound("no current commune " + code);
        }
        Feature c = found.get(0);
        Map<String, Object> p = c.properties();
        String base = Urls.base();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unit_id", c.id());
        for (String k : List.of(
                "code",
                "name",
                "unit_type",
                "province_code",
                "province_name",
                "ntm_level",
                "criteria_set",
                "criteria_met",
                "criteria_total",
                "recognition_year",
                "recognition_decision",
                "smart_villages",
                "outstanding_fields",
                "sample")) {
            body.put(k, p.get(k));
        }
        List<Map<String, Object>> criteria = criteria(c);
        body.put("criteria", criteria);
        boolean rural = "xa".equals(p.get("unit_type"));
        if (rural) {
            body.put("satisfaction", satisfaction(code));
        }
        body.put(
                "predecessors",
                records.list("unit_lineage", Map.of("new_unit_id", c.id())).size());
        body.put("growing_areas", growingAreas(code, base));
        List<Link> links = links(code, c.id(), rural, base);
        body.put("links", links);
        return pages.answer(
                request,
                records.version("communes", "ntm_assessments", "ntm_criteria", "zones", "unit_lineage") + "|"
                        + (body.get("satisfaction") == null
                                ? ""
                                : body.get("satisfaction").toString()),
                records.lastModified("communes", "ntm_assessments", "ntm_criteria", "zones", "unit_lineage"),
                body,
                "ntm/commune.jte",
                new CommunePage(
                        String.valueOf(p.get("name")),
                        links,
                        facts(p, body.get("satisfaction"), pages.words(request)),
                        criteria));
    }

    /** The commune's criteria set, each criterion with whether its latest assessment met it (null when never assessed). */
    private List<Map<String, Object>> criteria(Feature c) {
        String set = (String) c.properties().get("criteria_set");
        List<Map<String, Object>> criteria = new ArrayList<>();
        if (set != null) {
            List<Feature> assessments = records.list("ntm_assessments", Map.of("unit_id", c.id(), "criteria_set", set));
            for (Criterion criterion : records.criteria(set)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("number", criterion.number());
                m.put("name_vi", criterion.nameVi());
                m.put("name_en", criterion.nameEn());
                m.put("is_digital", criterion.digital());
                m.put("met", assessments.isEmpty() ? null : Assessments.result(assessments.get(0), criterion.number()));
                criteria.add(m);
            }
        }
        return criteria;
    }

    /** This quarter's survey figures of a rural commune (zero responses when none came). */
    private Map<String, Object> satisfaction(String code) {
        SurveyAggregate agg = surveys.thisPeriod(code);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("period", agg.period());
        s.put("responses", agg.responses());
        s.put("satisfaction_pct", agg.satisfactionPct());
        return s;
    }

    private List<Map<String, Object>> growingAreas(String code, String base) {
        List<Map<String, Object>> zones = new ArrayList<>();
        for (Feature z : records.list("zones", Map.of("commune_code", code))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", z.properties().get("name"));
            m.put("growing_area_code", z.properties().get("growing_area_code"));
            m.put("status", z.properties().get("status"));
            m.put("trace", base + "/trace/" + z.properties().get("growing_area_code"));
            zones.add(m);
        }
        return zones;
    }

    private static List<Link> links(String code, String unitId, boolean rural, String base) {
        List<Link> links = new ArrayList<>(List.of(
                new Link(base + "/ntm/communes/" + code + "?f=json", "self", "application/json", "This document"),
                new Link(base + "/ntm/communes/" + code + "?f=html", "alternate", "text/html", "This document as HTML"),
                new Link(
                        base + "/collections/communes/items/" + unitId,
                        "item",
                        "application/geo+json",
                        "The commune feature"),
                new Link(
                        base + "/collections/communes/items/" + unitId + "/history",
                        "related",
                        "application/json",
                        "Pre-2025 units and their recognitions"),
                new Link(
                        base + "/planner.html?commune=" + code, "related", "text/html", "The commune in the planner")));
        if (rural) {
            links.add(new Link(base + "/ntm/survey/" + code, "related", "text/html", "Satisfaction survey form"));
        }
        return links;
    }

    /** The commune's facts under the reader's labels. */
    private static Map<String, String> facts(Map<String, Object> p, Object satisfaction, Words w) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(w.get("commune.province"), Objects.toString(p.get("province_name"), null));
        rows.put(w.get("commune.level"), Objects.toString(p.get("ntm_level"), null));
        rows.put(w.get("commune.met"), p.get("criteria_met") + "/" + p.get("criteria_total"));
        if (satisfaction instanceof Map<?, ?> s) {
            rows.put(
                    w.get("commune.satisfaction"),
                    s.get("satisfaction_pct") + " % (" + s.get("responses") + ", " + s.get("period") + ")");
        }
        return rows;
    }
}
