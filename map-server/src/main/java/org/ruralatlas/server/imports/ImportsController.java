package org.ruralatlas.server.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.ImportCrs;
import org.ruralatlas.data.imports.AttributeMapping;
import org.ruralatlas.data.imports.ImportFormat;
import org.ruralatlas.data.imports.ImportOptions;
import org.ruralatlas.data.imports.ImportReader;
import org.ruralatlas.data.imports.ImportReport;
import org.ruralatlas.data.imports.Importer;
import org.ruralatlas.data.imports.MalformedImportException;
import org.ruralatlas.data.imports.ShapefileArchive;
import org.ruralatlas.data.imports.UnsupportedImportException;
import org.ruralatlas.data.io.ScratchFolder;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.security.Caller;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports of a file into a collection: {@code POST /collections/{id}/imports} with the file as
 * the body (GeoJSON, CSV, GeoPackage or a zipped shapefile: by {@code format}, the Content-Type, or
 * the file's first bytes). The body goes to a temporary file, at most {@code
 * ruralatlas.imports.max-upload} (413 beyond). A dry run answers its report at once (200); a real
 * run is a job ({@code 202} with its Location) whose progress and report {@code GET
 * /collections/{id}/imports/{job}} shows to its owner and to administrators. Editors import only
 * inside their provinces; a file that cannot be read is a 422 report, and nothing is written
 * unless every row is accepted.
 */
@RestController
@EnableConfigurationProperties(ImportProperties.class)
public class ImportsController {

    private final LayerCatalog catalog;
    private final FeatureEdits edits;
    private final Provinces provinces;
    private final ImportJobs jobs;
    private final ImportProperties limits;

    public ImportsController(
            LayerCatalog catalog, FeatureEdits edits, Provinces provinces, ImportJobs jobs, ImportProperties limits) {
        this.catalog = catalog;
        this.edits = edits;
        this.provinces = provinces;
        this.jobs = jobs;
        this.limits = limits;
    }

    @PostMapping("/collections/{collectionId}/imports")
    public ResponseEntity<Map<String, Object>> start(
            @PathVariable String collectionId,
            @RequestParam(name = "dryRun", required = false) String dryRun,
            @RequestParam(name = "crs", required = false) String crs,
            @RequestParam(name = "mapping", required = false) String mapping,
            @RequestParam(name = "format", required = false) String format,
            @RequestParam(name = "table", required = false) String table,
            HttpServletRequest request) {
        Layer layer = catalog.layer(collectionId)
                .filter(Layer::isCollection)
                .orElseThrow(() -> ApiException.notFound("no collection " + collectionId));
        Caller caller = Caller.current()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, "Authorization", "this request needs Authorization: Bearer <token>"));
        Map<String, String> query = new LinkedHashMap<>();
        String[][] given = {{"dryRun", dryRun}, {"crs", crs}, {"mapping", mapping}, {"format", format}, {"table", table}
        };
        for (String[] p : given) {
            if (p[1] != null) {
                query.put(p[0], p[1]);
            }
        }
        // a raw body: its parameters are all in the query, so a bad one is refused before the file is read
        boolean raw = !FormUpload.is(request);
        ImportOptions early = raw ? options(query, layer, caller) : null;
        ImportFormat declared = raw ? format(query.get("format"), request.getContentType()) : null;
        ScratchFolder scratch = new ScratchFolder("ruralatlas-import-");
        try {
            Path target = scratch.path().resolve("upload");
            Upload upload = raw ? new Upload(body(request, target), declared, query) : form(request, target, query);
            ImportOptions options = raw ? early : options(upload.parameters(), layer, caller);
            Path file = upload.file();
            ImportFormat f = upload.format() != null ? upload.format() : ImportFormat.sniff(file);
            ImportReader reader = open(file, f, upload.parameters().get("table"), scratch);
            if (options.dryRun()) {
                try (scratch;
                        reader) {
                    ImportReport report = new Importer(edits, provinces).run(layer, reader, options, n -> {});
                    return report.readable()
                            ? ResponseEntity.ok(ImportReportJson.of(report))
                            : unreadable(report, request);
                }
            }
            ImportJobs.Job job = jobs.start(
                    layer.id(),
                    caller.name(),
                    progress -> new Importer(edits, provinces).run(layer, reader, options, progress),
                    () -> {
                        reader.close();
                        scratch.close();
                    });
            return ResponseEntity.accepted()
                    .location(URI.create(jobUrl(layer, job.id())))
                    .body(ImportReportJson.job(job, jobUrl(layer, job.id())));
        } catch (RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    private static ImportOptions options(Map<String, String> parameters, Layer layer, Caller caller) {
        String crs = parameters.get("crs");
        return new ImportOptions(
                crs == null ? null : crs(crs),
                mapping(parameters.get("mapping"), layer),
                flag(parameters.get("dryRun")),
                caller.name(),
                caller.role() == Role.ADMIN ? null : Set.copyOf(caller.provinces()));
    }

    /** A job's state, progress and (once done) report: to whoever started it, and to administrators. */
    @GetMapping("/collections/{collectionId}/imports/{jobId}")
    public ResponseEntity<Map<String, Object>> job(@PathVariable String collectionId, @PathVariable String jobId) {
        Caller caller = Caller.current()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED,
                        "Authorization",
                        "import jobs are shown to the account that started them"));
        ImportJobs.Job job = jobs.job(jobId)
                .filter(j -> j.layer.equals(collectionId))
                .filter(j -> caller.role() == Role.ADMIN || j.actor.equals(caller.name()))
                .orElseThrow(() -> ApiException.notFound("no import " + jobId + " of yours in " + collectionId));
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .body(ImportReportJson.job(job, jobUrl(catalog.require(job.layer), job.id())));
    }

    private ImportReader open(Path file, ImportFormat format, String table, ScratchFolder scratch) {
        return Importer.open(
                file,
                format,
                table,
                scratch.path(),
                new ShapefileArchive.Limits(
                        limits.maxZipEntries(), limits.maxUnzipped().toBytes()));
    }

    /** The file, the format it was declared in (null: tell it from the file) and the import's parameters. */
    private record Upload(Path file, ImportFormat format, Map<String, String> parameters) {}

    /**
     * The file of a form ({@link FormUpload}); its fields join the query's parameters, and one given in both is
     * refused. A form part's media type only helps: browsers label files loosely, so one that names no import format
     * leaves the format to the file's first bytes.
     */
    private Upload form(HttpServletRequest request, Path target, Map<String, String> query) {
        FormUpload.Received form =
                FormUpload.read(request, target, limits.maxUpload().toBytes());
        Map<String, String> parameters = new LinkedHashMap<>(query);
        form.fields().forEach((name, value) -> {
            if (parameters.putIfAbsent(name, value) != null) {
                throw ApiException.badParameter(name, name + " is given both in the query and in the form");
            }
        });
        ImportFormat declared = parameters.get("format") != null
                ? format(parameters.get("format"), null)
                : form.contentType() == null
                        ? null
                        : ImportFormat.byMediaType(form.contentType()).orElse(null);
        return new Upload(form.file(), declared, parameters);
    }

    /** The body into {@code target}, refused with 413 as soon as it passes the limit. */
    private Path body(HttpServletRequest request, Path target) {
        long max = limits.maxUpload().toBytes();
        if (request.getContentLengthLong() > max) {
            throw ApiException.tooLarge("body", "an import takes files of at most " + max + " bytes");
        }
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = request.getInputStream();
                OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    throw ApiException.tooLarge("body", "an import takes files of at most " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badParameter("body", "the body could not be read");
        }
        if (total == 0) {
            throw ApiException.badParameter("body", "the request has no body: send the file to import as the body");
        }
        return target;
    }

    private static Crs crs(String text) {
        return ImportCrs.byCode(text)
                .orElseThrow(
                        () -> ApiException.badParameter(
                                "crs",
                                "crs " + text + " is not one an import reads: EPSG:4326 (CRS84), EPSG:3857, VN-2000 "
                                        + "EPSG:3405 (UTM 48N), EPSG:3406 (UTM 49N) or a VN-2000 TM-3 zone (EPSG:5896-5899, 9205-9218)"));
    }

    private static AttributeMapping mapping(String text, Layer layer) {
        try {
            return AttributeMapping.parse(text, layer);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("mapping", e.getMessage());
        }
    }

    private static boolean flag(String dryRun) {
        if (dryRun == null || dryRun.equals("false")) {
            return false;
        }
        if (dryRun.equals("true")) {
            return true;
        }
        throw ApiException.badParameter("dryRun", "dryRun is true or false");
    }

    /** The format named, or that of the Content-Type; null to find it from the file. */
    private static ImportFormat format(String format, String contentType) {
        if (format != null) {
            return ImportFormat.byName(format)
                    .orElseThrow(() ->
                            ApiException.badParameter("format", "format is geojson, csv, gpkg or shapefile (a zip)"));
        }
        if (contentType == null || contentType.startsWith("application/octet-stream")) {
            return null;
        }
        return ImportFormat.byMediaType(contentType)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type",
                        "an import reads application/geo+json, text/csv, application/geopackage+sqlite3, "
                                + "application/zip (a zipped shapefile) or application/octet-stream with format"));
    }

    private static String jobUrl(Layer layer, String job) {
        return Urls.base() + "/collections/" + layer.id() + "/imports/" + job;
    }

    /** 422: the file broke off; the report says where and what was read before. */
    private static ResponseEntity<Map<String, Object>> unreadable(ImportReport report, HttpServletRequest request) {
        ProblemDetail p = Problems.of(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "the file cannot be read to its end; nothing was written",
                "body",
                request);
        p.setProperty("report", ImportReportJson.of(report));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(p));
    }

    @ExceptionHandler(MalformedImportException.class)
    ResponseEntity<Map<String, Object>> malformed(MalformedImportException e, HttpServletRequest request) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), "body", request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("row", 0);
        problem.put("property", "file");
        problem.put("detail", e.getMessage());
        p.setProperty("errors", List.of(problem));
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(p));
    }

    @ExceptionHandler(UnsupportedImportException.class)
    ResponseEntity<Map<String, Object>> unsupported(UnsupportedImportException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), "format", request)));
    }
}
