package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.PreMergerHistory;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /collections/communes/items/{id}/history}: the pre-2025 units a commune version was made
 * from (the lineage table) and the NTM recognitions those old units held ({@link
 * NtmRecords#history}). Recognitions stay facts about the old units: the new unit's own level is
 * never taken from them, and the one figure derived from them (the share of predecessors that were
 * NTM) is labelled as derived.
 */
@RestController
public class HistoryController {

    private static final String[] LAYERS = {"communes", "unit_lineage", "historical_recognitions"};

    private final NtmRecords records;
    private final Pages pages;

    /** A commune's history page: its name, links, the note, its predecessors with their recognitions, the derived figure. */
    public record HistoryPage(
            String name,
            List<Link> links,
            String note,
            List<HistoryJson.Predecessor> predecessors,
            java.util.Map<String, Object> derived) {}

    public HistoryController(NtmRecords records, Pages pages) {
        this.records = records;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/collections/communes/items/{featureId}/history")
    public ResponseEntity<?> history(@PathVariable String featureId, HttpServletRequest request) {
        Commune unit = records.commune(featureId)
                .orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in communes"));
        PreMergerHistory past = records.history(unit);
        HistoryJson body = HistoryJson.of(unit, past, links(featureId));
        return pages.answerByContent(
                request,
                records.lastModified(LAYERS),
                body,
                "ntm/history.jte",
                new HistoryPage(
                        String.valueOf(unit.name()),
                        body.links(),
                        body.note(),
                        body.predecessors(),
                        body.derivedPreMergerNtmShare().rows()));
    }

    private static List<Link> links(String featureId) {
        String self = Urls.base() + "/collections/communes/items/" + featureId + "/history";
        return List.of(
                new Link(self + "?f=json", "self", "application/json", "This document"),
                new Link(self + "?f=html", "alternate", "text/html", "This document as HTML"),
                new Link(
                        Urls.base() + "/collections/communes/items/" + featureId,
                        "up",
                        "application/geo+json",
                        "The commune"));
    }
}
