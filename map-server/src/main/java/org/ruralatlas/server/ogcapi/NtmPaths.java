package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.HTML;
import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.bool;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.path;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;

/** The NTM programme: communes, criteria catalogue, targets, assessments, statistics, history. */
final class NtmPaths {

    private static final Parameter AS_OF = query(
            "as_of",
            "The day the statistics are for (default today in Vietnam); before "
                    + "2025-07-01 they are grouped by the 63 pre-2025 provinces, from then by the 34 current ones",
            string().format("date"));
    private static final Parameter PROVINCE = query(
            "province", "A 2-digit province code (pre-2025 code before 2025-07-01)", string().pattern("^[0-9]{2}$"));
    private static final Parameter SET =
            query("criteria_set", "The criteria set (default commune_2021_2025)", string());
    private static final Parameter CRITERION =
            query("criterion", "A criterion or indicator number of the set, e.g. 8.4", string());

    private NtmPaths() {}

    static void add(Paths paths) {
        paths.addPathItem(
                "/ntm/communes/{code}",
                get(
                        "getNtmCommune",
                        "NTM",
                        "One current commune's NTM picture: level, criteria "
                                + "met and not met (named), satisfaction this quarter, predecessors, growing areas, links to history and survey",
                        List.of(path("code", "5-digit commune code", string()), ref("f")),
                        ok("The commune", JSON, object(), true)));
        paths.addPathItem(
                "/ntm/communes",
                get(
                        "getNtmCommunes",
                        "NTM",
                        "Many communes' NTM answers in one, for saving an area for offline use: per code in order, "
                                + "what /ntm/communes/{code} answers (commune) and, for a commune made from pre-2025 units, "
                                + "its history (history), under one tag of both; status 304 without them for a tag the client "
                                + "holds, 404 with the reason for a code of no current commune",
                        List.of(
                                query("codes", "Commune codes, comma-separated, at most 100", string())
                                        .required(true),
                                query(
                                        "known",
                                        "The tags the client holds, one per code in order (empty for none), comma-separated",
                                        string()),
                                query("f", "json (the only format)", oneOf(List.of("json")))),
                        ok("The communes' answers", JSON, object(), false)));
        catalogue(paths);
        statistics(paths);
        paths.addPathItem(
                "/collections/communes/items/{featureId}/history",
                get(
                        "getCommuneHistory",
                        "NTM",
                        "The pre-2025 units "
                                + "a commune was made from and their recognitions; a derived pre-merger NTM share, labelled derived",
                        List.of(ref("featureId"), ref("f")),
                        ok("The history", JSON, object(), true)));
    }

    /** The criteria sets, the targets and the per-commune assessments. */
    private static void catalogue(Paths paths) {
        paths.addPathItem(
                "/ntm/criteria-sets",
                get(
                        "getCriteriaSets",
                        "NTM",
                        "The NTM criteria sets (catalogue data)",
                        List.of(ref("f")),
                        ok("The criteria sets", JSON, object(), true)));
        paths.addPathItem(
                "/ntm/criteria-sets/{setId}",
                get(
                        "getCriteriaSet",
                        "NTM",
                        "One criteria set: criteria and indicators, "
                                + "names in Vietnamese and English, digital-transformation flag",
                        List.of(path("setId", null, string()), ref("f")),
                        ok("The criteria set", JSON, object(), true)));
        paths.addPathItem(
                "/ntm/targets",
                get(
                        "getTargets",
                        "NTM",
                        "Programme targets (data, with sources and verification flags)",
                        List.of(ref("f")),
                        ok("The targets", JSON, object(), true)));
        paths.addPathItem(
                "/ntm/assessments",
                get(
                        "getAssessments",
                        "NTM",
                        "Per-commune criteria assessments; with criterion, "
                                + "whether each commune meets it (true, false, or null when unknown)",
                        List.of(
                                query("commune", "A 5-digit commune code", string().pattern("^[0-9]{5}$")),
                                PROVINCE,
                                SET,
                                CRITERION,
                                query(
                                        "met",
                                        "With criterion: only communes that meet it (true) or not (false)",
                                        bool()),
                                query(
                                        "level",
                                        "NTM level",
                                        oneOf(List.of("none", "ntm", "advanced", "model", "modern_pilot"))),
                                query("limit", "At most this many (1–10000, default 100)", integer()),
                                query("offset", "Skip this many", integer()),
                                ref("f")),
                        ok("The assessments", JSON, object(), true)));
    }

    private static void statistics(Paths paths) {
        ApiResponse table = new ApiResponse()
                .description("The statistics")
                .content(new Content()
                        .addMediaType(JSON, new MediaType().schema(object()))
                        .addMediaType("text/csv", new MediaType().schema(string()))
                        .addMediaType(HTML, new MediaType().schema(string())));
        paths.addPathItem(
                "/stats/ntm",
                get(
                        "getNtmStatistics",
                        "NTM",
                        "NTM statistics per province for a date: counts and shares "
                                + "by level (cumulative), average criteria met, per-criterion pass rates, satisfaction, and each province's "
                                + "gap to each target; computed from the features or as reported by provinces, never mixed",
                        List.of(
                                AS_OF,
                                query(
                                        "source",
                                        "computed (default) or reported",
                                        oneOf(List.of("computed", "reported"))),
                                PROVINCE,
                                SET,
                                query(
                                        "f",
                                        "json, csv or html (or the Accept header)",
                                        oneOf(List.of("json", "csv", "html")))),
                        table));
        paths.addPathItem(
                "/stats/ntm/communes",
                get(
                        "getNtmCommuneValues",
                        "NTM",
                        "Commune code → level, criteria met or one "
                                + "criterion's pass/fail, to join to the communes vector tiles",
                        List.of(
                                query(
                                        "value",
                                        "level, criteria_met or " + "criterion",
                                        oneOf(List.of("level", "criteria_met", "criterion"))),
                                CRITERION,
                                SET,
                                AS_OF,
                                PROVINCE),
                        ok("The values", JSON, object(), false)));
    }
}
