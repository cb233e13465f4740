package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.arrayOf;
import static org.ruralatlas.server.ogcapi.ApiParts.bool;
import static org.ruralatlas.server.ogcapi.ApiParts.formQuery;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.path;
import static org.ruralatlas.server.ogcapi.ApiParts.string;
import static org.ruralatlas.server.ogcapi.ApiParts.typed;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.geo.CrsOffer;

/** The parameters the paths share, as the document's components: OGC API – Features Part 1–3's, the tile coordinates and a feature's id. */
final class ApiParameters {

    private ApiParameters() {}

    static Map<String, Parameter> all(CrsOffer crsOffer) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("limit", formQuery(Limit.ITEMS.name(), Limit.ITEMS.description(), Limit.ITEMS.schema()));
        p.put(
                "offset",
                formQuery(
                        "offset",
                        "How many matching features to skip (features are ordered by sortby, then id). The slower "
                                + "way to page: the skipped features are read and dropped, so a deep offset costs its depth. Next links carry a "
                                + "cursor instead.",
                        integer().minimum(BigDecimal.ZERO)._default(0)));
        p.put(
                "cursor",
                formQuery(
                        "cursor",
                        "Where the page starts: an opaque, signed value the server puts in rel=next links (the "
                                + "position after the previous page's last feature, for the same collection and sortby). Every page through it "
                                + "costs the same, and writes meanwhile do not shift the pages. A cursor not made by this server is a 400.",
                        string()));
        p.put(
                "bbox",
                formQuery(
                        "bbox",
                        "Only features that intersect the box: minimum longitude, minimum latitude, maximum longitude, "
                                + "maximum latitude in CRS84 (WGS 84 longitude/latitude); or six numbers with heights, which are ignored.",
                        arrayOf(typed("number")).minItems(4).maxItems(6)));
        p.put(
                "bbox-crs",
                formQuery(
                        "bbox-crs",
                        "The CRS of bbox (OGC API Features Part 2), in its axis order: EPSG:4326 is latitude "
                                + "first, the projected systems easting first. Default CRS84.",
                        crs(crsOffer)));
        p.put(
                "crs",
                formQuery(
                        "crs",
                        "The CRS of the returned coordinates (OGC API Features Part 2), e.g. VN-2000 / UTM zone 48N "
                                + "(EPSG:3405) for cadastral work; the response says which in its Content-Crs header. Default CRS84.",
                        crs(crsOffer)));
        p.put(
                "datetime",
                formQuery(
                        "datetime",
                        "An RFC 3339 date or date-time, or an interval start/end with '..' for an open end "
                                + "(e.g. 2025-07-01, 2024-01-01/2025-06-30, 2025-07-01T00:00:00Z/..). Compared by day in UTC.",
                        string()));
        filtering(p, crsOffer);
        p.put(
                "f",
                formQuery(
                        "f",
                        "The format of the response; when absent, the Accept header decides.",
                        oneOf(List.of("json", "html"))));
        pathParameters(p);
        return p;
    }

    /** Part 3 (CQL2) and the selection of features' order and properties. */
    private static void filtering(Map<String, Parameter> p, CrsOffer crsOffer) {
        p.put(
                "filter",
                formQuery(
                        "filter",
                        "A CQL2 filter (OGC API – Features Part 3, OGC 21-065r2) on the collection's queryables "
                                + "(see its /queryables): comparisons, LIKE, BETWEEN, IN, IS NULL, CASEI and ACCENTI (Vietnamese: tone marks, "
                                + "đ/Đ, composed or decomposed alike), spatial functions (S_INTERSECTS … with any geometry literal or BBOX), "
                                + "temporal functions, array functions (A_CONTAINS …), property-property comparisons and arithmetic. "
                                + "Extension: S_DWITHIN(geometry, <geometry literal>, <distance>, <unit>) selects features within the "
                                + "distance of the literal, measured on the sphere of WGS 84's mean radius (as PostGIS geography with "
                                + "use_spheroid=false, within 0.5 % of the ellipsoid); units meters (metres, m) or kilometers (kilometres, "
                                + "km); in CQL2 JSON {\"op\":\"s_dwithin\",\"args\":[{\"property\":\"geometry\"},<GeoJSON>,5,\"km\"]}. "
                                + "Example: commodity = 'vai_thieu' AND area_ha > 100 AND S_DWITHIN(geometry, POINT(106.13 21.37), 5, km). "
                                + "A filter that cannot be read or used is a 400 naming the position or the property.",
                        string()));
        p.put(
                "filter-lang",
                formQuery(
                        "filter-lang",
                        "The encoding of filter: cql2-text (default) or cql2-json. Only with filter.",
                        oneOf(List.of("cql2-text", "cql2-json"))._default("cql2-text")));
        p.put(
                "filter-crs",
                formQuery(
                        "filter-crs",
                        "The CRS of the geometry literals of filter, in its axis order (default CRS84). "
                                + "Only with filter.",
                        crs(crsOffer)));
        p.put(
                "sortby",
                formQuery(
                        "sortby",
                        "Comma-separated queryables of a simple type, each with - in front for descending (e.g. "
                                + "-area_ha,name); texts by code point, missing values last (first descending); ties by id.",
                        arrayOf(string().pattern("^[+-]?[A-Za-z0-9_]+$"))));
        p.put(
                "properties",
                formQuery(
                        "properties",
                        "Comma-separated properties to return (the id property always comes too); default all.",
                        arrayOf(string())));
        p.put(
                "skipGeometry",
                formQuery(
                        "skipGeometry",
                        "true: features without geometry (null); not for FlatGeobuf downloads.",
                        bool()._default(false)));
    }

    private static Schema<String> crs(CrsOffer crsOffer) {
        Schema<String> schema = oneOf(crsOffer.uris());
        schema.setFormat("uri");
        return schema;
    }

    /** The path parameters the paths share: the tile coordinates and a feature's id. */
    private static void pathParameters(Map<String, Parameter> p) {
        p.put("tileMatrixSetId", path("tileMatrixSetId", "The tile grid", oneOf(List.of("WebMercatorQuad"))));
        p.put(
                "tileMatrix",
                path(
                        "tileMatrix",
                        "Zoom level, 0 to 20",
                        integer().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(20))));
        p.put(
                "tileRow",
                path("tileRow", "Row from the top, 0 to 2^zoom − 1", integer().minimum(BigDecimal.ZERO)));
        p.put(
                "tileCol",
                path(
                        "tileCol",
                        "Column from the left, 0 to 2^zoom − 1",
                        integer().minimum(BigDecimal.ZERO)));
        p.put("featureId", path("featureId", "The id of a feature", string()));
    }
}
