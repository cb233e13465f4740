package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.problem;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.string;
import static org.ruralatlas.server.ogcapi.TracePaths.code;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.List;

/** The satisfaction survey: form, challenge, responses, results and the open data of every response. */
final class SurveyPaths {

    private SurveyPaths() {}

    static void add(Paths paths) {
        paths.addPathItem(
                "/ntm/survey/{code}",
                get(
                        "getSurveyForm",
                        "Surveys",
                        "The satisfaction survey of a rural commune: " + "questions (JSON) or the mobile form (HTML)",
                        List.of(code(), ref("f")),
                        ok("The survey", JSON, object(), true)));
        paths.addPathItem(
                "/ntm/survey/{code}/challenge",
                get(
                        "getSurveyChallenge",
                        "Surveys",
                        "A single-use proof-of-work " + "challenge for one response",
                        List.of(code()),
                        ok("The challenge", JSON, object(), false)));
        paths.addPathItem("/ntm/survey/{code}/responses", new PathItem().post(answer()));
        paths.addPathItem(
                "/ntm/survey/{code}/results",
                get(
                        "getSurveyResults",
                        "Surveys",
                        "The commune's satisfaction this period",
                        List.of(code(), ref("f")),
                        ok("The results", JSON, object(), true)));
        ApiResponse responses = new ApiResponse()
                .description("The responses")
                .content(new Content()
                        .addMediaType("text/csv", new MediaType().schema(string()))
                        .addMediaType(JSON, new MediaType().schema(object())));
        paths.addPathItem(
                "/ntm/survey-responses",
                get(
                        "getSurveyResponses",
                        "Surveys",
                        "Every response of a period as open data "
                                + "(CSV or JSON): commune, date and ratings, no identifier",
                        List.of(
                                query(
                                        "period",
                                        "e.g. 2026-Q4 (default: this quarter)",
                                        string().pattern("^[0-9]{4}-Q[1-4]$")),
                                query("commune", "A 5-digit commune code", string()),
                                query("f", "csv or json", oneOf(List.of("csv", "json")))),
                        responses));
    }

    private static Operation answer() {
        Schema<Object> body = object().required(List.of("challenge", "nonce", "device", "overall"))
                .addProperty("challenge", string())
                .addProperty("nonce", string())
                .addProperty("device", string().pattern("^[A-Za-z0-9_-]{16,128}$"))
                .addProperty("overall", rating())
                .addProperty("topics", object().additionalProperties(rating()));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("201", new ApiResponse().description("Stored; the commune's results follow"))
                .addApiResponse(
                        "409",
                        new ApiResponse()
                                .description(
                                        "This device already answered this period (nothing stored), "
                                                + "or the proof-of-work challenge was already used, on this server or another (problem+json: get a new challenge)"))
                .addApiResponse("400", new ApiResponse().$ref("#/components/responses/BadRequest"))
                .addApiResponse("422", problem("A rating or the proof of work is invalid"))
                .addApiResponse(
                        "429", problem("Too many responses from this address or for this commune (Retry-After)"));
        return new Operation()
                .tags(List.of("Surveys"))
                .summary("Submit a response: one per device per quarter, with a solved challenge; rate-limited per "
                        + "client address and per commune; nothing personal is stored")
                .operationId("postSurveyResponse")
                .parameters(List.of(code()))
                .requestBody(new RequestBody()
                        .required(true)
                        .content(new Content().addMediaType(JSON, new MediaType().schema(body))))
                .responses(responses);
    }

    private static Schema<Object> rating() {
        return integer().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(5));
    }
}
