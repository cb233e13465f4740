package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.arrayOf;
import static org.ruralatlas.server.ogcapi.ApiParts.described;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.schemaRef;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The document's schemas: the OGC API – Features Part 1 building blocks, GeoJSON, and RFC 9457 problems. */
final class ApiSchemas {

    private ApiSchemas() {}

    @SuppressWarnings("rawtypes")
    static Map<String, Schema> all() {
        Schema<Object> links = arrayOf(schemaRef("link"));
        Map<String, Schema> s = new LinkedHashMap<>();
        s.put(
                "link",
                object().required(List.of("href", "rel"))
                        .addProperty("href", string())
                        .addProperty("rel", string())
                        .addProperty("type", string())
                        .addProperty("title", string()));
        s.put(
                "landingPage",
                object().required(List.of("links"))
                        .addProperty("title", string())
                        .addProperty("description", string())
                        .addProperty("links", links));
        s.put("confClasses", object().required(List.of("conformsTo")).addProperty("conformsTo", arrayOf(string())));
        s.put(
                "collection",
                object().required(List.of("id", "links"))
                        .addProperty("id", string())
                        .addProperty("title", string())
                        .addProperty("description", string())
                        .addProperty("links", links)
                        .addProperty("extent", object())
                        .addProperty("itemType", string())
                        .addProperty("crs", arrayOf(string())));
        s.put(
                "collections",
                object().required(List.of("links", "collections"))
                        .addProperty("links", links)
                        .addProperty("collections", arrayOf(schemaRef("collection"))));
        geoJson(s, links);
        s.put(
                "problem",
                described(object(), "RFC 9457 problem details")
                        .addProperty("type", string())
                        .addProperty("title", string())
                        .addProperty("status", integer())
                        .addProperty("detail", string())
                        .addProperty("instance", string())
                        .addProperty("parameter", described(string(), "the query parameter at fault")));
        return s;
    }

    @SuppressWarnings("rawtypes")
    private static void geoJson(Map<String, Schema> s, Schema<Object> links) {
        s.put(
                "geometryGeoJSON",
                object().nullable(true)
                        .required(List.of("type"))
                        .addProperty(
                                "type",
                                oneOf(List.of(
                                        "Point",
                                        "MultiPoint",
                                        "LineString",
                                        "MultiLineString",
                                        "Polygon",
                                        "MultiPolygon",
                                        "GeometryCollection"))));
        s.put(
                "featureGeoJSON",
                object().required(List.of("type", "geometry", "properties"))
                        .addProperty("type", oneOf(List.of("Feature")))
                        .addProperty("geometry", schemaRef("geometryGeoJSON"))
                        .addProperty("properties", object().nullable(true))
                        .addProperty("id", string())
                        .addProperty("links", links));
        s.put(
                "featureCollectionGeoJSON",
                object().required(List.of("type", "features"))
                        .addProperty("type", oneOf(List.of("FeatureCollection")))
                        .addProperty("features", arrayOf(schemaRef("featureGeoJSON")))
                        .addProperty("links", links)
                        .addProperty("timeStamp", string().format("date-time"))
                        .addProperty(
                                "numberMatched",
                                described(
                                        count(),
                                        "Exact; left out when counting exactly would exceed the "
                                                + "server's bound (ruralatlas.paging.exact-count-up-to) or time budget"))
                        .addProperty(
                                "numberMatchedEstimate",
                                described(
                                        count(),
                                        "Given instead of numberMatched when that is left out: "
                                                + "the database planner's estimate of the matches"))
                        .addProperty("numberReturned", count()));
    }

    private static Schema<Object> count() {
        return integer().minimum(BigDecimal.ZERO);
    }
}
