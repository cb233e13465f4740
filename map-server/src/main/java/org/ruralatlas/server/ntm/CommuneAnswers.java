package org.ruralatlas.server.ntm;

import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.CommunePicture;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.stereotype.Component;

/**
 * A commune's NTM answers as JSON, one way for every route that gives them: its picture (as
 * {@code /ntm/communes/{code}}) and its pre-2025 history (as
 * {@code /collections/communes/items/{id}/history}), alone or many at once for saving an area.
 */
@Component
public class CommuneAnswers {

    /** The layers a commune's picture is drawn from, for Last-Modified. */
    static final String[] PICTURE_LAYERS = {"communes", "ntm_assessments", "ntm_criteria", "zones", "unit_lineage"};
    /** The layers a history is drawn from. */
    static final String[] HISTORY_LAYERS = {"communes", "unit_lineage", "historical_recognitions"};

    private final NtmRecords records;
    private final SurveyFigures surveys;

    public CommuneAnswers(NtmRecords records, SurveyFigures surveys) {
        this.records = records;
        this.surveys = surveys;
    }

    NtmRecords records() {
        return records;
    }

    /** The current commune {@code code}'s picture; 404 for a code that is not five digits or names no current commune. */
    CommuneJson picture(String code) {
        return json(communePicture(code));
    }

    /** The history of the commune version {@code featureId}; 404 when the layer has none so named. */
    HistoryJson history(String featureId) {
        Commune unit = records.commune(featureId)
                .orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in communes"));
        return history(unit);
    }

    /** A commune's picture and, when it was made from pre-2025 units, its history. */
    record PictureAndHistory(CommuneJson commune, HistoryJson history) {}

    /** Both answers of the current commune {@code code}, the commune read once (404 as {@link #picture}). */
    PictureAndHistory pictureAndHistory(String code) {
        CommunePicture picture = communePicture(code);
        CommuneJson json = json(picture);
        return new PictureAndHistory(json, json.predecessors() > 0 ? history(picture.commune()) : null);
    }

    private CommunePicture communePicture(String code) {
        if (!code.matches("\\d{5}")) {
            throw ApiException.notFound("no commune " + code + ": commune codes have 5 digits");
        }
        return records.picture(code).orElseThrow(() -> ApiException.notFound("no current commune " + code));
    }

    private CommuneJson json(CommunePicture picture) {
        Commune c = picture.commune();
        String base = Urls.base();
        return CommuneJson.of(
                picture,
                c.rural() ? surveys.thisPeriod(c.code()) : null,
                base,
                links(c.code(), c.unitId(), c.rural(), base));
    }

    private HistoryJson history(Commune unit) {
        return HistoryJson.of(unit, records.history(unit), historyLinks(unit.unitId()));
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

    private static List<Link> historyLinks(String featureId) {
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
