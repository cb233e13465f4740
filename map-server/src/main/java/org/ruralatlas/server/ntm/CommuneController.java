package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.CommunePicture;
import org.ruralatlas.data.ntm.NtmRecords;
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
 * commune panel ({@link NtmRecords#picture}): its level and criteria (named from the catalogue),
 * its citizens' satisfaction this quarter, how many pre-2025 units it was made from, and links to
 * its history, survey, planner view and the growing areas it holds.
 */
@RestController
public class CommuneController {

    private static final String[] LAYERS = {"communes", "ntm_assessments", "ntm_criteria", "zones", "unit_lineage"};

    private final NtmRecords records;
    private final SurveyFigures surveys;
    private final Pages pages;

    /** A commune's page: its name, links, facts under their labels, and its criteria. */
    public record CommunePage(
            String name, List<Link> links, Map<String, String> facts, List<CommuneJson.CriterionResult> criteria) {}

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
        CommunePicture picture =
                records.picture(code).orElseThrow(() -> ApiException.notFound("no current commune " + code));
        Commune c = picture.commune();
        String base = Urls.base();
        CommuneJson body = CommuneJson.of(
                picture, c.rural() ? surveys.thisPeriod(code) : null, base, links(code, c.unitId(), c.rural(), base));
        return pages.answerByContent(
                request,
                records.lastModified(LAYERS),
                body,
                "ntm/commune.jte",
                new CommunePage(
                        String.valueOf(c.name()), body.links(), facts(body, pages.words(request)), body.criteria()));
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
    private static Map<String, String> facts(CommuneJson c, Words w) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(w.get("commune.province"), c.provinceName());
        rows.put(w.get("commune.level"), c.ntmLevel());
        rows.put(w.get("commune.met"), c.criteriaMet() + "/" + c.criteriaTotal());
        CommuneJson.Satisfaction s = c.satisfaction();
        if (s != null) {
            rows.put(
                    w.get("commune.satisfaction"),
                    s.satisfactionPct() + " % (" + s.responses() + ", " + s.period() + ")");
        }
        return rows;
    }
}
