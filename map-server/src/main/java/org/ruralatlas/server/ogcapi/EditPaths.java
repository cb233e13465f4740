package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.OpenApiDocument.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/**
 * The writes of OGC API – Features – Part 4 and the audit's revisions in the API document, kept
 * apart from {@link OpenApiDocument}'s reads: POST on each collection's items; PUT, PATCH and
 * DELETE on each item; GET of an item's revisions; the bearer scheme they need.
 */
final class EditPaths {

    /** Part 4's conformance classes that RuralAtlas implements (OGC 20-002 draft, 1.0). */
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features");

    private static final String PROBLEM = "application/problem+json";

    private EditPaths() {}

    @SuppressWarnings("unchecked")
    static void add(Map<String, Object> paths, LayerCatalog catalog) {
        for (Layer layer : catalog.collections()) {
            String c = "/collections/" + layer.id();
            String title = layer.title().en();
            Map<String, Object> items = (Map<String, Object>) paths.get(c + "/items");
            Map<String, Object> item = (Map<String, Object>) paths.get(c + "/items/{featureId}");
            items.put("post", write("createFeature_" + layer.id(), "Adds a feature to " + title + "; its id is the body's or a new one",
                    List.of(), body(List.of("application/geo+json", "application/json")), "201", "Created: Location names the new feature"));
            item.put("put", write("replaceFeature_" + layer.id(), "Replaces a feature of " + title, List.of(featureId(), ifMatch()),
                    body(List.of("application/geo+json", "application/json")), "200", "The feature as written, with its new ETag"));
            item.put("patch", write("updateFeature_" + layer.id(), "Changes part of a feature of " + title + " (JSON Merge Patch, RFC 7396)",
                    List.of(featureId(), ifMatch()), body(List.of("application/merge-patch+json", "application/json")), "200",
                    "The feature as written, with its new ETag"));
            item.put("delete", write("deleteFeature_" + layer.id(), "Deletes a feature of " + title, List.of(featureId(), ifMatch()), null,
                    "204", "Deleted"));
            Map<String, Object> revisions = new LinkedHashMap<>();
            revisions.put("200", map("description", "Every committed change of the feature, oldest first: who, when, before and after",
                    "content", map("application/json", map("schema", map("type", "object")))));
            revisions.put("404", map("description", "No such collection, or no revision of such a feature", "content", problem()));
            paths.put(c + "/items/{featureId}/revisions", map("get", map("tags", List.of("Data"), "summary",
                    "The audit of one feature of " + title + " (deleted ones included)", "operationId", "getRevisions_" + layer.id(),
                    "parameters", List.of(featureId()), "responses", revisions)));
            paths.put(c + "/items/{featureId}/revisions/{revision}/restore", map("post", write("restoreFeature_" + layer.id(),
                    "Puts a feature of " + title + " back as it was after a revision (If-Match while it exists)",
                    List.of(featureId(), map("name", "revision", "in", "path", "required", true, "schema", map("type", "integer")),
                            ifMatchWhileItExists()), null, "200", "The feature as restored, with its new ETag")));
        }
    }

    /** The bearer scheme of the writes, among the document's components. */
    @SuppressWarnings("unchecked")
    static void addSecurity(Map<String, Object> doc) {
        Map<String, Object> components = (Map<String, Object>) doc.get("components");
        components.put("securitySchemes", map("bearer", map("type", "http", "scheme", "bearer",
                "description", "An account's API token (ra_…), or the administrator's ruralatlas.admin.token")));
    }

    private static Map<String, Object> write(String operationId, String summary, List<Object> parameters, Map<String, Object> body,
            String success, String description) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(success, map("description", description));
        responses.put("400", map("description", "The body is not JSON, or not a GeoJSON Feature", "content", problem()));
        responses.put("401", map("description", "No valid bearer token", "content", problem()));
        responses.put("403", map("description", "The account may not write this feature (role, or outside its provinces)",
                "content", problem()));
        responses.put("404", map("description", "No such collection or feature", "content", problem()));
        responses.put("409", map("description", "A feature of that id exists already", "content", problem()));
        responses.put("412", map("description", "If-Match names a state the feature no longer has", "content", problem()));
        responses.put("413", map("description", "The body is too large", "content", problem()));
        responses.put("415", map("description", "The body's media type is not taken here", "content", problem()));
        responses.put("422", map("description", "The feature does not fit the collection's schema: errors lists every problem by property",
                "content", problem()));
        responses.put("428", map("description", "If-Match is required", "content", problem()));
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of("Data"));
        op.put("summary", summary);
        op.put("operationId", operationId);
        op.put("parameters", parameters);
        if (body != null) {
            op.put("requestBody", body);
        }
        op.put("security", List.of(map("bearer", List.of())));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> body(List<String> types) {
        Map<String, Object> content = new LinkedHashMap<>();
        types.forEach(t -> content.put(t, map("schema", map("$ref", "#/components/schemas/featureGeoJSON"))));
        return map("required", true, "content", content);
    }

    private static Map<String, Object> featureId() {
        return map("$ref", "#/components/parameters/featureId");
    }

    private static Map<String, Object> ifMatch() {
        return map("name", "If-Match", "in", "header", "required", true, "description", "The feature's current ETag",
                "schema", map("type", "string"));
    }

    private static Map<String, Object> ifMatchWhileItExists() {
        return map("name", "If-Match", "in", "header", "required", false, "description",
                "The feature's current ETag; required while the feature exists", "schema", map("type", "string"));
    }

    private static Map<String, Object> problem() {
        return map(PROBLEM, map("schema", map("$ref", "#/components/schemas/problem")));
    }
}
