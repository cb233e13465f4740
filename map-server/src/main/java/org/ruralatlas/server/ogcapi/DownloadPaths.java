package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.GEOJSON;
import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.answer;
import static org.ruralatlas.server.ogcapi.ApiParts.binary;
import static org.ruralatlas.server.ogcapi.ApiParts.bool;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.path;
import static org.ruralatlas.server.ogcapi.ApiParts.problem;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/** Open-data downloads: the catalogue in three vocabularies, and each layer as a file. */
final class DownloadPaths {

    private DownloadPaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        paths.addPathItem(
                "/downloads",
                get(
                        "getDownloads",
                        "Downloads",
                        "The download catalogue: per layer its licence, attribution, "
                                + "feature count, extent, last change, files with their sizes, and data dictionary",
                        List.of(ref("f")),
                        ok("The catalogue", JSON, object(), true)));
        paths.addPathItem(
                "/downloads/catalog.jsonld",
                get(
                        "getDcatCatalog",
                        "Downloads",
                        "The catalogue in DCAT-AP (JSON-LD): a "
                                + "dcat:Dataset per layer, a dcat:Distribution per format",
                        List.of(),
                        ok("The DCAT catalogue", "application/ld+json", object(), false)));
        paths.addPathItem(
                "/data.json",
                get(
                        "getDataJson",
                        "Downloads",
                        "The catalogue in the Project Open Data schema v1.1",
                        List.of(),
                        ok("The data.json catalogue", JSON, object(), false)));
        for (Layer layer : catalog.all()) {
            paths.addPathItem("/downloads/" + layer.id() + ".{format}", file(layer));
        }
    }

    private static PathItem file(Layer layer) {
        PathItem file = get(
                "download_" + layer.id(),
                "Downloads",
                layer.title().en() + " as a file: the whole layer "
                        + "(produced once per data version; ranges, ETag, Last-Modified; gzip for text formats when asked), or the features "
                        + "the filters select (streamed). Rate-limited per client (429 with Retry-After); exports beyond the concurrent "
                        + "maximum wait their turn (503 with Retry-After when the wait is too long).",
                parameters(layer),
                answer(
                        "The file, as an attachment named ruralatlas-" + layer.id() + "-<date of the data>.<format>",
                        binary(),
                        GEOJSON,
                        "text/csv",
                        "application/geopackage+sqlite3",
                        "application/flatgeobuf"));
        file.getGet()
                .getResponses()
                .addApiResponse("206", new ApiResponse().description("Part of a whole-layer file (Range)"))
                .addApiResponse(
                        "429", problem("Too many downloads from this client; Retry-After says when to come back"));
        return file;
    }

    /** A record table (no geometry) has no FlatGeobuf and no spatial or validity filters. */
    private static List<Parameter> parameters(Layer layer) {
        boolean spatial = layer.hasGeometry();
        List<Parameter> params = new ArrayList<>();
        params.add(path(
                "format",
                spatial
                        ? "geojson (RFC 7946), csv (UTF-8, WKT geometry, lon/lat for points), gpkg (OGC "
                                + "GeoPackage) or fgb (FlatGeobuf with a packed Hilbert R-tree)"
                        : "geojson (RFC 7946, features with null geometry), csv (UTF-8) or gpkg (OGC GeoPackage attributes table)",
                oneOf(spatial ? List.of("geojson", "csv", "gpkg", "fgb") : List.of("geojson", "csv", "gpkg"))));
        if (spatial) {
            params.addAll(List.of(
                    ref("bbox"),
                    ref("bbox-crs"),
                    ref("datetime"),
                    query(
                            "province",
                            "Only features meeting a current "
                                    + "province (name, diacritics optional, or code); not with bbox",
                            string())));
        }
        params.add(query(
                "bom",
                "CSV only: true starts the file with a UTF-8 byte-order mark, for Excel",
                bool()._default(false)));
        ItemsParameters.FILTERING.stream()
                .filter(name -> spatial || !name.equals("filter-crs") && !name.equals("skipGeometry"))
                .forEach(name -> params.add(ref(name)));
        params.addAll(FeaturePaths.equalityParameters(layer));
        return params;
    }
}
