package org.ruralatlas.data.edit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonGeometries;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.store.PropertyValues;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A feature as the audit keeps it: a GeoJSON Feature (text in SQLite, {@code jsonb} in PostGIS,
 * where the triggers build the same shape from the row), read back into the layer's typed
 * properties. Properties the layer no longer declares are dropped on reading.
 */
final class RevisionDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RevisionDocuments() {}

    static String write(Feature f) {
        if (f == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            GeoJsonWriter.writeFeature(g, f);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static Feature read(Layer layer, String id, String text) {
        if (text == null) {
            return null;
        }
        JsonNode doc = JSON.readTree(text);
        Map<String, Object> properties = new LinkedHashMap<>();
        JsonNode given = doc.path("properties");
        for (PropertySpec p : layer.properties()) {
            JsonNode v = given.get(p.name());
            properties.put(
                    p.name(),
                    v == null || v.isNull() ? null : PropertyValues.fromJson(p, JSON.treeToValue(v, Object.class)));
        }
        Geometry geometry = null;
        JsonNode g = doc.get("geometry");
        if (g != null && g.isObject()) {
            try (JsonParser p = JSON.createParser(g.toString())) {
                p.nextToken();
                geometry = GeoJsonGeometries.read(p);
            }
        }
        return new Feature(id, geometry, properties);
    }
}
