package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.GEOJSON;
import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.formQuery;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.number;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.schemaRef;
import static org.ruralatlas.server.ogcapi.ApiParts.typed;

import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;

/** OGC API – Features: the landing page, conformance, the API, and per collection its items, item, schema and queryables. */
final class FeaturePaths {

    private FeaturePaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        paths.addPathItem(
                "/",
                get(
                        "getLandingPage",
                        "Capabilities",
                        "Landing page (JSON) or the map viewer (HTML)",
                        List.of(ref("f")),
                        ok("The landing page", JSON, schemaRef("landingPage"), true)));
        paths.addPathItem(
                "/conformance",
                get(
                        "getConformanceDeclaration",
                        "Capabilities",
                        "Conformance classes implemented",
                        List.of(ref("f")),
                        ok("The conformance declaration", JSON, schemaRef("confClasses"), true)));
        paths.addPathItem(
                "/api",
                get(
                        "getApiDefinition",
                        "Capabilities",
                        "This API definition",
                        List.of(ref("f")),
                        ok("The OpenAPI definition", LandingController.OPENAPI_JSON, object(), true)));
        paths.addPathItem(
                "/collections",
                get(
                        "getCollections",
                        "Capabilities",
                        "The feature collections",
                        List.of(ref("f")),
                        ok("The collections", JSON, schemaRef("collections"), true)));
        // the tables of records too: /collections does not list them, the document does
        for (Layer layer : catalog.itemLayers()) {
            collection(paths, layer);
        }
    }

    private static void collection(Paths paths, Layer layer) {
        String c = "/collections/" + layer.id();
        String title = layer.title().en();
        paths.addPathItem(
                c,
                get(
                        "describe_" + layer.id(),
                        "Capabilities",
                        "Metadata of " + title,
                        List.of(ref("f")),
                        ok("The collection", JSON, schemaRef("collection"), true)));
        List<Parameter> params = new ArrayList<>(List.of(ref("limit"), ref("offset"), ref("cursor")));
        // Part 1 asks bbox and datetime of every items path, records' too
        params.addAll(List.of(ref("bbox"), ref("bbox-crs"), ref("datetime")));
        if (layer.hasGeometry()) {
            params.add(ref("crs"));
        }
        params.add(ref("f"));
        ItemsParameters.FILTERING.stream()
                .filter(name -> layer.hasGeometry() || !name.equals("filter-crs") && !name.equals("skipGeometry"))
                .forEach(name -> params.add(ref(name)));
        params.addAll(equalityParameters(layer));
        paths.addPathItem(
                c + "/items",
                get(
                        "getFeatures_" + layer.id(),
                        "Data",
                        itemsDescription(layer),
                        params,
                        ok("The features, streamed as GeoJSON", GEOJSON, schemaRef("featureCollectionGeoJSON"), true)));
        paths.addPathItem(
                c + "/items/{featureId}",
                get(
                        "getFeature_" + layer.id(),
                        "Data",
                        "One feature of " + title,
                        List.of(ref("featureId"), ref("crs"), ref("f")),
                        ok("The feature", GEOJSON, schemaRef("featureGeoJSON"), true)));
        paths.addPathItem(
                c + "/schema",
                get(
                        "getSchema_" + layer.id(),
                        "Capabilities",
                        "JSON Schema of the properties of " + title,
                        List.of(),
                        ok("The schema", "application/schema+json", object(), false)));
        paths.addPathItem(
                c + "/queryables",
                get(
                        "getQueryables_" + layer.id(),
                        "Capabilities",
                        "Properties of " + title + " that can be filtered on",
                        List.of(),
                        ok("The queryables", "application/schema+json", object(), false)));
    }

    /** The simple queryables as equality parameters (Queryables as Query Parameters); lists are filtered on with filter only. */
    static List<Parameter> equalityParameters(Layer layer) {
        return ItemsParameters.equality(layer).stream()
                .map(name -> propertyParameter(layer.property(name).orElseThrow()))
                .toList();
    }

    /** What datetime and bbox select of a collection's items. */
    private static String itemsDescription(Layer layer) {
        return "Features of " + layer.title().en()
                + (layer.temporal() == null
                        ? ". This collection has no temporal properties: datetime is validated and selects every feature."
                        : ". datetime selects features valid on some day of the instant or interval (by "
                                + layer.temporal().start() + " and "
                                + layer.temporal().end() + "); without it, the units valid today.")
                + (layer.hasGeometry()
                        ? ""
                        : " A table of records has no geometry: bbox is validated and selects no record.");
    }

    private static Parameter propertyParameter(PropertySpec p) {
        Schema<?> schema = p.allowedValues().isEmpty()
                ? typed(type(p.type()))
                : oneOf(p.allowedValues()).type(type(p.type()));
        if (p.type() == PropertyType.DATE) {
            schema.setFormat("date");
        }
        if (p.minimum() != null) {
            schema.setMinimum(number(p.minimum()));
        }
        if (p.maximum() != null) {
            schema.setMaximum(number(p.maximum()));
        }
        return formQuery(
                p.name(),
                "Only features whose " + p.name() + " equals this value. "
                        + p.title().en() + ": " + p.description().en() + " / "
                        + p.title().vi() + ": " + p.description().vi(),
                schema);
    }

    private static String type(PropertyType type) {
        return switch (type) {
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        };
    }
}
