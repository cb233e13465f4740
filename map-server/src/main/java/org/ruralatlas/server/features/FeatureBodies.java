package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.edit.EditProblem;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonGeometries;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.server.error.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Features sent for writing, as JSON: checked against their layer's schema (422 listing every
 * problem), merged (JSON Merge Patch) and written back. Shared by the edits of Part 4 and the
 * public's proposals, which become such edits.
 */
public final class FeatureBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FeatureBodies() {}

    /**
     * The feature {@code id} that {@code body} (a GeoJSON Feature object) describes, checked against
     * the layer's schema with {@code previous} (null: a new feature) as {@link FeatureValidator}
     * does; a refusal lists every problem (422).
     */
    public static Feature checked(FeatureValidator validator, Layer layer, String id, JsonNode body, Feature previous) {
        Geometry geometry = null;
        String geometryProblem = null;
        JsonNode g = body.get("geometry");
        if (g != null && !g.isNull()) {
            if (!g.isObject()) {
                geometryProblem = "geometry must be a GeoJSON geometry object";
            } else {
                try (JsonParser p = JSON.createParser(g.toString())) {
                    p.nextToken();
                    geometry = GeoJsonGeometries.read(p);
                } catch (RuntimeException e) {
                    geometryProblem =
                            "geometry is not a GeoJSON geometry: " + abbreviate(String.valueOf(e.getMessage()));
                }
            }
        }
        JsonNode bodyId = body.get("id");
        List<EditProblem> extra = new ArrayList<>();
        if (bodyId != null && !bodyId.isNull() && !id.equals(bodyId.asString(""))) {
            extra.add(new EditProblem("id", "the feature's id is " + id + " (the URL's); it cannot change"));
        }
        FeatureValidator.Checked checked =
                validator.check(layer, id, body.get("properties"), geometry, geometryProblem, previous);
        extra.addAll(checked.problems());
        if (!extra.isEmpty()) {
            throw new InvalidFeatureException(extra);
        }
        return checked.feature();
    }

    /** The feature as a GeoJSON Feature tree. */
    public static JsonNode asJson(Feature f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            GeoJsonWriter.writeFeature(g, f);
        }
        return JSON.readTree(out.toByteArray());
    }

    /** RFC 7396: members of the patch replace the target's, null removes them, objects merge recursively. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result =
                target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** The answer to an {@link InvalidFeatureException}: 422 with {@code errors}, one per problem. */
    public static ResponseEntity<Map<String, Object>> invalid(InvalidFeatureException e, HttpServletRequest request) {
        ProblemDetail p = Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                e.getMessage(),
                e.problems().get(0).property(),
                request);
        p.setProperty(
                "errors",
                e.problems().stream()
                        .map(x -> Map.of("property", x.property(), "detail", x.detail()))
                        .toList());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(p));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
