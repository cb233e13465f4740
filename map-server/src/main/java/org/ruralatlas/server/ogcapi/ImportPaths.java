package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.answer;
import static org.ruralatlas.server.ogcapi.ApiParts.binary;
import static org.ruralatlas.server.ogcapi.ApiParts.bool;
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
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/** Imports into each collection and their jobs in the API document (editors and administrators). */
final class ImportPaths {

    private ImportPaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        for (Layer layer : catalog.collections()) {
            String c = "/collections/" + layer.id() + "/imports";
            paths.addPathItem(c, new PathItem().post(start(layer)));
            paths.addPathItem(
                    c + "/{jobId}",
                    new PathItem()
                            .get(new Operation()
                                    .tags(List.of("Data"))
                                    .summary("An import's state, rows read so far and, when done, its report")
                                    .operationId("getImport_" + layer.id())
                                    .parameters(List.of(path("jobId", "The job's id", string())))
                                    .security(List.of(new SecurityRequirement().addList("bearer")))
                                    .responses(new ApiResponses()
                                            .addApiResponse("200", answer("The job", object(), JSON))
                                            .addApiResponse("401", problem("No valid bearer token"))
                                            .addApiResponse("404", problem("No such import of the caller's")))));
        }
    }

    private static Operation start(Layer layer) {
        Content files = new Content();
        for (String type : List.of(
                "application/geo+json",
                "text/csv",
                "application/geopackage+sqlite3",
                "application/zip",
                "application/octet-stream")) {
            files.addMediaType(type, new MediaType().schema(binary()));
        }
        // a browser form: the file as the part "file", the query's parameters may come as text fields
        files.addMediaType(
                "multipart/form-data",
                new MediaType()
                        .schema(object().addProperty("file", binary())
                                .addProperty("dryRun", string())
                                .addProperty("crs", string())
                                .addProperty("mapping", string())
                                .addProperty("format", string())
                                .addProperty("table", string())));
        ApiResponses started = new ApiResponses()
                .addApiResponse(
                        "200",
                        answer("A dry run's report: rows read, accepted, rejected, problems, bbox", object(), JSON))
                .addApiResponse("202", answer("The import's job: Location names it", object(), JSON))
                .addApiResponse(
                        "400", problem("A parameter is wrong (crs, mapping, format, dryRun) or the body is empty"))
                .addApiResponse("401", problem("No valid bearer token"))
                .addApiResponse("403", problem("Only editors and administrators import"))
                .addApiResponse("413", problem("The file is larger than ruralatlas.imports.max-upload"))
                .addApiResponse("415", problem("A media type or format this server does not read"))
                .addApiResponse("422", problem("The file cannot be read (or unzipped safely): nothing was written"));
        return new Operation()
                .tags(List.of("Data"))
                .summary("Imports a GeoJSON, CSV, GeoPackage or zipped shapefile into "
                        + layer.title().en() + ", all or nothing")
                .operationId("importFeatures_" + layer.id())
                .parameters(List.of(
                        query("dryRun", "Check and report; write nothing", bool()),
                        query("crs", "The file's CRS where it does not say (EPSG:3405, EPSG:9210, ...)", string()),
                        query("mapping", "column:property pairs, comma-separated", string()),
                        query(
                                "format",
                                "The file's format, else from Content-Type or its bytes",
                                oneOf(List.of("geojson", "csv", "gpkg", "shapefile"))),
                        query("table", "A GeoPackage's feature table, when it has several", string())))
                .requestBody(new RequestBody().required(true).content(files))
                .security(List.of(new SecurityRequirement().addList("bearer")))
                .responses(started);
    }
}
