package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /collections/communes/items/{id}/history}: the pre-2025 units a commune version was made
 * from (the lineage table) and the NTM recognitions those old units held ({@link
 * org.ruralatlas.data.ntm.NtmRecords#history}, through {@link CommuneAnswers}). Recognitions stay facts about the old units: the new unit's own level is
 * never taken from them, and the one figure derived from them (the share of predecessors that were
 * NTM) is labelled as derived.
 */
@RestController
public class HistoryController {

    private final CommuneAnswers answers;
    private final Pages pages;

    /** A commune's history page: its name, links, the note, its predecessors with their recognitions, the derived figure. */
    public record HistoryPage(
            String name,
            List<Link> links,
            String note,
            List<HistoryJson.Predecessor> predecessors,
            java.util.Map<String, Object> derived) {}

    public HistoryController(CommuneAnswers answers, Pages pages) {
        this.answers = answers;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/collections/communes/items/{featureId}/history")
    public ResponseEntity<?> history(@PathVariable String featureId, HttpServletRequest request) {
        HistoryJson body = answers.history(featureId);
        return pages.answerByContent(
                request,
                answers.records().lastModified(CommuneAnswers.HISTORY_LAYERS),
                body,
                "ntm/history.jte",
                new HistoryPage(
                        String.valueOf(body.unit().name()),
                        body.links(),
                        body.note(),
                        body.predecessors(),
                        body.derivedPreMergerNtmShare().rows()));
    }
}
