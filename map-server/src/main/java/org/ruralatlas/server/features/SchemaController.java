package org.ruralatlas.server.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.filter.ValueType;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /collections/{id}/schema} (every property) and {@code /queryables} (the ones that can be
 * filtered on) as JSON Schema 2020-12, from the catalogue: what a researcher's script or QGIS
 * needs to know about each column, with labels in both languages.
 */
@RestController
public class SchemaController {

    private static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    private final LayerCatalog catalog;

    public SchemaController(LayerCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/collections/{collectionId}/schema")
    public ResponseEntity<Map<String, Object>> schema(@PathVariable String collectionId) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        Map<String, Object> doc = document(layer, layer.properties(), "schema");
        // what a write must give (the validator's 422 otherwise): a form asks for these first
        List<String> required = FeatureValidator.required(layer);
        if (!required.isEmpty()) {
            doc.put("required", required);
        }
        // what the server keeps (a write may only leave it as it is): a form does not offer it
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) doc.get("properties");
        FeatureValidator.readOnly(layer).forEach(p -> properties.get(p).put("readOnly", true));
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(doc);
    }

    /**
     * What a CQL2 filter may name (OGC API – Features Part 3, /req/queryables): the geometry,
     * described by its role and format only (no {@code type}, as /req/queryables/get-queryables-response
     * asks), then each queryable with its type; lists as arrays of strings. Any other name is
     * refused, hence {@code additionalProperties: false}.
     */
    @GetMapping("/collections/{collectionId}/queryables")
    public ResponseEntity<Map<String, Object>> queryables(@PathVariable String collectionId) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        List<String> names = Filter.queryables(layer);
        List<PropertySpec> props = layer.queryables().stream()
                .filter(p -> names.contains(p.name()))
                .toList();
        Map<String, Object> doc = document(layer, props, "queryables");
        if (names.contains(ValueType.GEOMETRY_PROPERTY)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) doc.get("properties");
            Map<String, Object> all = new LinkedHashMap<>();
            all.put(ValueType.GEOMETRY_PROPERTY, geometry(layer));
            all.putAll(properties);
            doc.put("properties", all);
        }
        return ResponseEntity.ok().contentType(SCHEMA_JSON).body(doc);
    }

    private static Map<String, Object> geometry(Layer layer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "Geometry");
        m.put(
                "description",
                "The feature's geometry (CRS84 unless filter-crs says otherwise); spatial functions and S_DWITHIN take it");
        m.put("x-title-vi", "Hình học");
        m.put("x-ogc-role", "primary-geometry");
        m.put(
                "format",
                switch (layer.geometryType()) {
                    case "Point" -> "geometry-point";
                    case "MultiPoint" -> "geometry-multipoint";
                    case "LineString" -> "geometry-linestring";
                    case "MultiLineString" -> "geometry-multilinestring";
                    case "Polygon" -> "geometry-polygon";
                    case "MultiPolygon" -> "geometry-multipolygon";
                    default -> "geometry-any";
                });
        return m;
    }

    private static Map<String, Object> document(Layer layer, List<PropertySpec> props, String what) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (PropertySpec p : props) {
            Map<String, Object> property = property(p);
            // OGC API – Features Part 5: the roles of the id and of the validity interval
            if (p.name().equals(layer.idProperty())) {
                property.put("x-ogc-role", "id");
            } else if (layer.temporal() != null
                    && p.name().equals(layer.temporal().start())) {
                property.put("x-ogc-role", "primary-interval-start");
            } else if (layer.temporal() != null
                    && p.name().equals(layer.temporal().end())) {
                property.put("x-ogc-role", "primary-interval-end");
            }
            properties.put(p.name(), property);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        doc.put("$id", Urls.base() + "/collections/" + layer.id() + "/" + what);
        doc.put("type", "object");
        doc.put("title", layer.title().en());
        doc.put("description", layer.description().en());
        doc.put("properties", properties);
        doc.put("additionalProperties", false);
        return doc;
    }

    private static Map<String, Object> property(PropertySpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", p.title().en());
        m.put("description", p.description().en());
        m.put("x-title-vi", p.title().vi());
        m.put("x-description-vi", p.description().vi());
        switch (p.type()) {
            case STRING -> m.put("type", List.of("string", "null"));
            case INTEGER -> m.put("type", List.of("integer", "null"));
            case NUMBER -> m.put("type", List.of("number", "null"));
            case BOOLEAN -> m.put("type", List.of("boolean", "null"));
            case DATE -> {
                m.put("type", List.of("string", "null"));
                m.put("format", "date");
            }
            case STRING_LIST -> {
                // arrays of strings: what the CQL2 array functions (A_CONTAINS …) compare
                m.put("type", List.of("array", "null"));
                m.put("items", Map.of("type", "string"));
            }
            case JSON -> m.put("type", List.of("array", "object", "null"));
        }
        if (!p.allowedValues().isEmpty()) {
            if (p.type() == org.ruralatlas.data.catalog.PropertyType.STRING_LIST) {
                m.put("items", Map.of("type", "string", "enum", p.allowedValues()));
            } else {
                List<Object> values = new java.util.ArrayList<>(p.allowedValues());
                values.add(null);
                m.put("enum", values);
            }
        }
        if (!p.valueTitles().isEmpty()) {
            // labels of the allowed values, for the viewer and other clients that show them to people
            Map<String, String> en = new LinkedHashMap<>();
            Map<String, String> vi = new LinkedHashMap<>();
            p.allowedValues().stream().filter(p.valueTitles()::containsKey).forEach(v -> {
                en.put(v, p.valueTitles().get(v).en());
                vi.put(v, p.valueTitles().get(v).vi());
            });
            m.put("x-enum-titles", en);
            m.put("x-enum-titles-vi", vi);
        }
        if (p.minimum() != null) {
            m.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            m.put("maximum", p.maximum());
        }
        if (p.unit() != null) {
            m.put("x-unit", p.unit());
        }
        return m;
    }
}
