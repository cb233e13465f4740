package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.answer;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.path;
import static org.ruralatlas.server.ogcapi.ApiParts.problem;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/**
 * Proposals from the public in the API document: a challenge and the proposal on each collection
 * (anonymous, with a proof of work), one proposal's status, and the reviewers' queue and decisions
 * (bearer scheme).
 */
final class ProposalPaths {

    private ProposalPaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        for (Layer layer : catalog.collections()) {
            String c = "/collections/" + layer.id() + "/proposals";
            paths.addPathItem(
                    c + "/challenge",
                    new PathItem()
                            .get(new Operation()
                                    .tags(List.of("Data"))
                                    .summary("A proof-of-work challenge for one proposal to "
                                            + layer.title().en())
                                    .operationId("getProposalChallenge_" + layer.id())
                                    .responses(new ApiResponses()
                                            .addApiResponse(
                                                    "200", answer("challenge, difficulty and the rule", object(), JSON))
                                            .addApiResponse("404", problem("No such collection")))));
            paths.addPathItem(c, new PathItem().post(propose(layer)));
        }
        reviews(paths);
    }

    /** The queue, one proposal, and the decisions. */
    private static void reviews(Paths paths) {
        Parameter id = path("proposalId", "The proposal's id", string());
        paths.addPathItem(
                "/proposals",
                new PathItem()
                        .get(reviewer(
                                "getProposals",
                                "The proposals of the caller's provinces (an admin: all), in the order they came",
                                List.of(
                                        query(
                                                "status",
                                                "pending (default), accepted or rejected",
                                                oneOf(List.of("pending", "accepted", "rejected"))),
                                        query("limit", "At most this many (1 to 100, default 20)", integer()),
                                        query("after", "The next link's position in the queue", integer())),
                                null)));
        paths.addPathItem(
                "/proposals/{proposalId}",
                new PathItem()
                        .get(new Operation()
                                .tags(List.of("Data"))
                                .summary("A proposal: its status to anyone, everything to a reviewer of its provinces")
                                .operationId("getProposal")
                                .parameters(List.of(id))
                                .responses(new ApiResponses()
                                        .addApiResponse("200", answer("The proposal", object(), JSON))
                                        .addApiResponse("404", problem("No such proposal")))));
        paths.addPathItem(
                "/proposals/{proposalId}/accept",
                new PathItem()
                        .post(reviewer(
                                "acceptProposal",
                                "Accepts a proposal: it becomes an edit audited as the reviewer's; a correction only "
                                        + "onto the feature as it was proposed (409 otherwise)",
                                List.of(id),
                                null)));
        Content reason = new Content().addMediaType(JSON, new MediaType().schema(object()));
        paths.addPathItem(
                "/proposals/{proposalId}/reject",
                new PathItem()
                        .post(reviewer(
                                "rejectProposal",
                                "Rejects a proposal with a reason: {\"reason\": \"…\"}",
                                List.of(id),
                                new RequestBody().required(true).content(reason))));
    }

    private static Operation propose(Layer layer) {
        Content feature = new Content();
        for (String type : List.of("application/geo+json", JSON)) {
            feature.addMediaType(type, new MediaType().schema(object()));
        }
        return new Operation()
                .tags(List.of("Data"))
                .summary(
                        "Proposes a correction of a feature of " + layer.title().en()
                                + " (a GeoJSON Feature with its id and only what changes: a JSON Merge Patch) or a new one "
                                + "(without id), with the foreign members challenge and nonce (proof of work) and an "
                                + "optional comment; anonymous")
                .operationId("propose_" + layer.id())
                .requestBody(new RequestBody().required(true).content(feature))
                .responses(new ApiResponses()
                        .addApiResponse("202", answer("Queued: Location names the proposal", object(), JSON))
                        .addApiResponse("400", problem("The body is not JSON, or not a GeoJSON Feature"))
                        .addApiResponse("404", problem("No such collection, or no such feature to correct"))
                        .addApiResponse("409", problem("The challenge was used before"))
                        .addApiResponse("413", problem("The body is too large"))
                        .addApiResponse("415", problem("The body's media type is not taken here"))
                        .addApiResponse(
                                "422",
                                problem("No or a wrong proof of work, or the feature does not fit the schema: "
                                        + "errors lists every problem by property"))
                        .addApiResponse("429", problem("Too many proposals from this address or to this collection")));
    }

    private static Operation reviewer(
            String operationId, String summary, List<Parameter> parameters, RequestBody body) {
        return new Operation()
                .tags(List.of("Data"))
                .summary(summary)
                .operationId(operationId)
                .parameters(parameters)
                .requestBody(body)
                .security(List.of(new SecurityRequirement().addList("bearer")))
                .responses(new ApiResponses()
                        .addApiResponse("200", answer("The proposal(s)", object(), JSON))
                        .addApiResponse("400", problem("A parameter or the body is wrong"))
                        .addApiResponse("401", problem("No valid bearer token"))
                        .addApiResponse("403", problem("Not a reviewer (or admin) of the proposal's provinces"))
                        .addApiResponse("404", problem("No such proposal"))
                        .addApiResponse(
                                "409", problem("Decided already, or the feature changed since the proposal was made"))
                        .addApiResponse(
                                "422", problem("A rejection without a reason, or a proposal that no longer fits")));
    }
}
