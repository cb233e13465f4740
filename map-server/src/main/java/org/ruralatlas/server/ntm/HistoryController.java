package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.PreMergerHistory;
import org.ruralatlas.data.store.FeatureStore;
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
 * from (the lineage table) and the NTM recognitions those old units held. Recognitions stay facts
 * about the old units: the new unit's own level is never taken from them, and the one figure
 * derived from them (the share of predecessors that were NTM) is labelled as derived.
 */
@RestController
public class HistoryController {

    private static final String[] LAYERS = {"communes", "unit_lineage", "historical_recognitions"};

    private final NtmRecords records;
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final Pages pages;

    /** A commune's history page: its name, links, the note, its predecessors with their recognitions, the derived figure. */
    public record HistoryPage(
            String name,
            List<Link> links,
            String note,
            List<Map<String, Object>> predecessors,
            Map<String, Object> derived) {}

    public HistoryController(NtmRecords records, FeatureStore store, LayerCatalog catalog, Pages pages) {
        this.records = records;
        this.store = store;
        this.catalog = catalog;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/collections/communes/items/{featureId}/history")
    public ResponseEntity<?> history(@PathVariable String featureId, HttpServletRequest request) {
        Feature unit = store.get(catalog.require("communes"), featureId)
                .orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in communes"));
        Map<String, Object> u = unit.properties();
        String code = (String) u.get("code");
        PreMergerHistory past = PreMergerHistory.of(
                records.list("unit_lineage", Map.of("new_unit_id", featureId)),
                records.list("historical_recognitions", Map.of("commune_code", code)));
        List<Map<String, Object>> predecessors =
                past.predecessors().stream().map(HistoryController::predecessor).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("unit", current(featureId, u));
        body.put("before_merger", u.get("before_merger"));
        body.put("predecessors", predecessors);
        List<Map<String, Object>> unmatched =
                past.unmatched().stream().map(HistoryController::recognition).toList();
        if (!unmatched.isEmpty()) {
            body.put("other_recognitions", unmatched);
        }
        body.put(
                "note",
                "NTM recognitions did not carry over to the merged commune: each one is a fact about the "
                        + "pre-2025 unit it was granted to, and " + u.get("name") + "'s own level is assessed anew.");
        Map<String, Object> derived = derived(past);
        body.put("derived_pre_merger_ntm_share", derived);
        List<Link> links = links(featureId);
        body.put("links", links);
        return pages.answer(
                request,
                records.version(LAYERS),
                records.lastModified(LAYERS),
                body,
                "ntm/history.jte",
                new HistoryPage(
                        String.valueOf(u.get("name")), links, String.valueOf(body.get("note")), predecessors, derived));
    }

    /** The commune as it is now: its identity, validity and NTM status. */
    private static Map<String, Object> current(String featureId, Map<String, Object> u) {
        Map<String, Object> current = new LinkedHashMap<>();
        for (String k : List.of(
                "code",
                "name",
                "unit_type",
                "province_code",
                "province_name",
                "valid_from",
                "valid_to",
                "ntm_level",
                "criteria_set",
                "criteria_met",
                "recognition_year",
                "sample")) {
            current.put(k, u.get(k));
        }
        current.put("unit_id", featureId);
        return current;
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

    private static Map<String, Object> predecessor(PreMergerHistory.Predecessor predecessor) {
        Map<String, Object> step = predecessor.step().properties();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("old_name", step.get("old_name"));
        p.put("old_unit_type", step.get("old_unit_type"));
        p.put("old_code", step.get("old_code"));
        p.put("relation", step.get("relation"));
        p.put("valid_to", step.get("old_valid_to"));
        p.put(
                "recognitions",
                predecessor.recognitions().stream()
                        .map(HistoryController::recognition)
                        .toList());
        return p;
    }

    /** The derived share, said to be derived and not a recognition. */
    private static Map<String, Object> derived(PreMergerHistory past) {
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("derived", true);
        derived.put("is_recognition", false);
        derived.put("value_pct", past.recognisedPct());
        derived.put("predecessors", past.predecessors().size());
        derived.put("with_recorded_ntm_recognition", past.recognised());
        derived.put("without_recorded_status", past.unknown());
        derived.put(
                "basis",
                "share of the predecessor units (by count, not by area: the old boundaries are not in the data) "
                        + "with a recorded recognition at NTM level or above; a derived figure, not a recognition of this unit");
        return derived;
    }

    private static Map<String, Object> recognition(Feature r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recognition_id", r.id());
        for (String k : List.of(
                "old_commune",
                "old_district",
                "old_province",
                "ntm_level",
                "criteria_met",
                "criteria_total",
                "year",
                "remark",
                "source",
                "source_date")) {
            m.put(k, r.properties().get(k));
        }
        return m;
    }
}
