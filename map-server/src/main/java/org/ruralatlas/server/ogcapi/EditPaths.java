package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.problem;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.schemaRef;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/**
 * The writes of OGC API – Features – Part 4 and the audit's revisions in the API document, kept
 * apart from the reads: POST on each collection's items; PUT, PATCH and DELETE on each item; GET
 * of an item's revisions. They need the bearer scheme of the document's components.
 */
final class EditPaths {

    /** Part 4's conformance classes that RuralAtlas implements (OGC 20-002 draft, 1.0). */
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features");

    private static final List<String> FEATURE = List.of("application/geo+json", JSON);

    private EditPaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        for (Layer layer : catalog.itemLayers()) {
            String c = "/collections/" + layer.id();
            String title = layer.title().en();
            paths.get(c + "/items")
                    .post(write(
                            "createFeature_" + layer.id(),
                            "Adds a feature to " + title + "; its id is the body's " + "or a new one",
                            List.of(),
                            body(FEATURE),
                            "201",
                            "Created: Location names the new feature"));
            PathItem item = paths.get(c + "/items/{featureId}");
            item.put(write(
                    "replaceFeature_" + layer.id(),
                    "Replaces a feature of " + title,
                    List.of(ref("featureId"), ifMatch()),
                    body(FEATURE),
                    "200",
                    "The feature as written, with its new ETag"));
            item.patch(write(
                    "updateFeature_" + layer.id(),
                    "Changes part of a feature of " + title + " (JSON Merge Patch, RFC 7396)",
                    List.of(ref("featureId"), ifMatch()),
                    body(List.of("application/merge-patch+json", JSON)),
                    "200",
                    "The feature as written, with its new ETag"));
            item.delete(write(
                    "deleteFeature_" + layer.id(),
                    "Deletes a feature of " + title,
                    List.of(ref("featureId"), ifMatch()),
                    null,
                    "204",
                    "Deleted"));
            revisions(paths, c, layer.id(), title);
        }
    }

    private static void revisions(Paths paths, String c, String id, String title) {
        ApiResponses revisions = new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("Every committed change of the feature, oldest first: who, when, "
                                        + "before and after")
                                .content(new Content().addMediaType(JSON, new MediaType().schema(object()))))
                .addApiResponse("404", problem("No such collection, or no revision of such a feature"));
        paths.addPathItem(
                c + "/items/{featureId}/revisions",
                new PathItem()
                        .get(new Operation()
                                .tags(List.of("Data"))
                                .summary("The audit of one feature of " + title + " (deleted ones included)")
                                .operationId("getRevisions_" + id)
                                .parameters(List.of(ref("featureId")))
                                .responses(revisions)));
        paths.addPathItem(
                c + "/items/{featureId}/revisions/{revision}/restore",
                new PathItem()
                        .post(write(
                                "restoreFeature_" + id,
                                "Puts a feature of " + title
                                        + " back as it was after a revision (If-Match while it exists)",
                                List.of(
                                        ref("featureId"),
                                        new Parameter()
                                                .name("revision")
                                                .in("path")
                                                .required(true)
                                                .schema(integer()),
                                        header(
                                                "If-Match",
                                                false,
                                                "The feature's current ETag; required while the feature exists")),
                                null,
                                "200",
                                "The feature as restored, with its new ETag")));
    }

    private static Operation write(
            String operationId,
            String summary,
            List<Parameter> parameters,
            RequestBody body,
            String success,
            String description) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse(success, new ApiResponse().description(description))
                .addApiResponse("400", problem("The body is not JSON, or not a GeoJSON Feature"))
                .addApiResponse("401", problem("No valid bearer token"))
                .addApiResponse(
                        "403", problem("The account may not write this feature (role, or outside its provinces)"))
                .addApiResponse("404", problem("No such collection or feature"))
                .addApiResponse("409", problem("A feature of that id exists already"))
                .addApiResponse("412", problem("If-Match names a state the feature no longer has"))
                .addApiResponse("413", problem("The body is too large"))
                .addApiResponse("415", problem("The body's media type is not taken here"))
                .addApiResponse(
                        "422",
                        problem(
                                "The feature does not fit the collection's schema: errors lists every problem by property"))
                .addApiResponse("428", problem("If-Match is required"));
        return new Operation()
                .tags(List.of("Data"))
                .summary(summary)
                .operationId(operationId)
                .parameters(parameters)
                .requestBody(body)
                .security(List.of(new SecurityRequirement().addList("bearer")))
                .responses(responses);
    }

    private static RequestBody body(List<String> types) {
        Content content = new Content();
        types.forEach(t -> content.addMediaType(t, new MediaType().schema(schemaRef("featureGeoJSON"))));
        return new RequestBody().required(true).content(content);
    }

    private static Parameter ifMatch() {
        return header("If-Match", true, "The feature's current ETag");
    }

    private static Parameter header(String name, boolean required, String description) {
        return new Parameter()
                .name(name)
                .in("header")
                .required(required)
                .description(description)
                .schema(string());
    }
}
