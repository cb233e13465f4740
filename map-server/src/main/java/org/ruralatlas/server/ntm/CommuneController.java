package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ntm/communes/{code}}: one current commune's NTM picture in one answer, for a map's
 * commune panel ({@link org.ruralatlas.data.ntm.NtmRecords#picture}): its level and criteria (named from the catalogue),
 * its citizens' satisfaction this quarter, how many pre-2025 units it was made from, and links to
 * its history, survey, planner view and the growing areas it holds ({@link CommuneAnswers}).
 */
@RestController
public class CommuneController {

    private final CommuneAnswers answers;
    private final Pages pages;

    /** A commune's page: its name, links, facts under their labels, and its criteria. */
    public record CommunePage(
            String name, List<Link> links, Map<String, String> facts, List<CommuneJson.CriterionResult> criteria) {}

    public CommuneController(CommuneAnswers answers, Pages pages) {
        this.answers = answers;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/communes/{code}")
    public ResponseEntity<?> commune(@PathVariable String code, HttpServletRequest request) {
        CommuneJson body = answers.picture(code);
        return pages.answerByContent(
                request,
                answers.records().lastModified(CommuneAnswers.PICTURE_LAYERS),
                body,
                "ntm/commune.jte",
                new CommunePage(
                        String.valueOf(body.name()), body.links(), facts(body, pages.words(request)), body.criteria()));
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
