package org.ruralatlas.server.downloads;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.io.CsvFeatureWriter;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.features.ItemsRequest;
import org.ruralatlas.server.ogcapi.ByteRanges;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.Figures;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameterSource;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Words;
import org.ruralatlas.server.tiles.TileAreas;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Open data for researchers: {@code /downloads} (the catalogue, HTML or JSON),
 * {@code /downloads/{layer}.{format}} (a whole layer, or the part a filter selects, as GeoJSON,
 * CSV, GeoPackage or FlatGeobuf), {@code /downloads/catalog.jsonld} (DCAT-AP) and
 * {@code /data.json} (Project Open Data). Whole layers come from the export cache as files, with
 * ranges, a strong ETag, Last-Modified and a gzip copy for text formats; filtered ones stream.
 * The NTM programme's record tables (no geometry) are served the same way, without FlatGeobuf.
 */
@RestController
public class DownloadsController implements QueryParameterSource {

    static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");
    /** What GDAL reads beside {@code <layer>.csv}: the column types ({@code .csvt}) and the CRS ({@code .prj}). */
    private static final List<String> SIDECARS = List.of("csvt", "prj");

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final DownloadCatalog downloads;
    private final ExportFiles files;
    private final ExportGate gate;
    private final DownloadRateLimit rateLimit;
    private final TileAreas areas;
    private final DownloadProperties props;
    private final CrsOffer crsOffer;
    private final Pages pages;

    public DownloadsController(
            LayerCatalog catalog,
            FeatureStore store,
            DownloadCatalog downloads,
            ExportFiles files,
            ExportGate gate,
            DownloadRateLimit rateLimit,
            TileAreas areas,
            DownloadProperties props,
            CrsOffer crsOffer,
            Pages pages) {
        this.catalog = catalog;
        this.store = store;
        this.downloads = downloads;
        this.files = files;
        this.gate = gate;
        this.rateLimit = rateLimit;
        this.areas = areas;
        this.props = props;
        this.crsOffer = crsOffer;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/downloads")
    public ResponseEntity<?> catalogue(HttpServletRequest request) {
        OutputFormat format = OutputFormat.of(request);
        List<DownloadCatalog.Entry> entries = downloads.entries();
        Conditional conditional =
                Conditional.of(request, DownloadCatalog.tag(entries), DownloadCatalog.modified(entries), format);
        return conditional.notModified(request).orElseGet(() -> {
            if (format == OutputFormat.HTML) {
                Words words = pages.words(request);
                List<Section> sections = entries.stream()
                        .map(e -> new Section(e, facts(e, words)))
                        .toList();
                return conditional
                        .on(ResponseEntity.ok())
                        .contentType(Pages.HTML)
                        .body(pages.page("downloads/catalogue.jte", words, sections));
            }
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(DownloadCatalog.json(entries, Urls.base()));
        });
    }

    @GetMapping("/downloads/catalog.jsonld")
    public ResponseEntity<?> dcat(HttpServletRequest request) {
        List<DownloadCatalog.Entry> entries = downloads.entries();
        Conditional conditional =
                Conditional.of(request, DownloadCatalog.tag(entries), DownloadCatalog.modified(entries));
        return conditional
                .notModified(request)
                .orElseGet(() -> conditional
                        .on(ResponseEntity.ok())
                        .contentType(JSON_LD)
                        .body(DownloadCatalog.dcat(entries, Urls.base())));
    }

    @GetMapping("/data.json")
    public ResponseEntity<?> dataJson(HttpServletRequest request) {
        List<DownloadCatalog.Entry> entries = downloads.entries();
        Conditional conditional =
                Conditional.of(request, DownloadCatalog.tag(entries), DownloadCatalog.modified(entries));
        return conditional
                .notModified(request)
                .orElseGet(() -> conditional
                        .on(ResponseEntity.ok())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(DownloadCatalog.dataJson(entries, Urls.base())));
    }

    /** A download takes the layer's (or table's) queryable properties as equality filters, besides these. */
    @Override
    public Collection<String> queryParameters(String handler, Map<String, String> path) {
        if (!handler.equals("download")) {
            return List.of();
        }
        String file = path.get("file");
        int dot = file.lastIndexOf('.');
        return catalog.layer(dot < 0 ? file : file.substring(0, dot))
                .map(ItemsRequest::equalityParameters)
                .orElse(List.of());
    }

    @QueryParameters({
        "bbox",
        "bbox-crs",
        "datetime",
        "province",
        "bom",
        "filter",
        "filter-lang",
        "filter-crs",
        "sortby",
        "properties",
        "skipGeometry"
    })
    @GetMapping("/downloads/{file}")
    public ResponseEntity<?> download(@PathVariable String file, HttpServletRequest request) throws IOException {
        int dot = file.lastIndexOf('.');
        String layerId = dot < 0 ? file : file.substring(0, dot);
        Layer layer = catalog.layer(layerId)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "layer",
                        "no layer or table " + layerId + " to download; they are "
                                + downloads.layers().stream().map(Layer::id).toList() + " (see /downloads)"));
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        if (SIDECARS.contains(ext)) {
            return sidecar(layer, ext, request);
        }
        DownloadFormat format = format(layer, ext);
        DownloadRequest req = DownloadRequest.parse(layer, format, request.getParameterMap(), areas, crsOffer);
        LayerVersion version = store.version(layer);
        String date = LocalDate.ofInstant(version.modified(), ZoneOffset.UTC).toString();
        String filename =
                "ruralatlas-" + layer.id() + "-" + date + (req.whole() ? "" : "-filtered") + "." + format.extension();
        if (req.whole() && props.cacheWholeLayers()) {
            return whole(req, version, filename, request);
        }
        return filtered(req, version, filename, request);
    }

    /** The format an extension names, if the layer comes in it: a 404 naming {@code format} otherwise. */
    private static DownloadFormat format(Layer layer, String ext) {
        List<String> offered = DownloadFormat.of(layer).stream()
                .map(f -> layer.id() + "." + f.extension())
                .toList();
        return DownloadFormat.byExtension(ext)
                .filter(f -> f.holds(layer))
                .orElseThrow(() -> new ApiException(
                        HttpStatus.NOT_FOUND,
                        "format",
                        (DownloadFormat.byExtension(ext).isPresent()
                                        ? layer.id() + " is a table without geometry, which " + ext + " cannot hold"
                                        : "no download format '" + ext + "'")
                                + "; " + layer.id() + " comes as " + offered));
    }

    /** The features a request's filters select, made for it: streamed where the format allows, else from a scratch file. */
    private ResponseEntity<?> filtered(
            DownloadRequest req, LayerVersion version, String filename, HttpServletRequest request) throws IOException {
        DownloadFormat format = req.format();
        Conditional conditional = Conditional.of(request, version.tag(), version.modified());
        var notModified = conditional.notModified(request);
        if (notModified.isPresent()) {
            return notModified.get();
        }
        rateLimit.take(request);
        ResponseEntity.BodyBuilder ok = conditional
                .on(ResponseEntity.ok())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(format.mediaType()));
        ExportGate.Turn turn = gate.enter(request);
        if (format.streams()) {
            // written as read from the store (FlatGeobuf after its first pass); the connector gzips text when asked
            StreamedBody body = out -> {
                try (turn) {
                    files.stream(req, out);
                }
            };
            return ok.body(body);
        }
        Path scratch;
        try (turn) {
            scratch = files.scratch(req, version.modified());
        }
        long size = Files.size(scratch);
        StreamedBody body = out -> {
            try {
                Files.copy(scratch, out);
            } finally {
                Files.deleteIfExists(scratch);
            }
        };
        return ok.contentLength(size).body(body);
    }

    /**
     * {@code <layer>.csvt} or {@code <layer>.prj}: the files GDAL's CSV driver reads beside
     * {@code <layer>.csv} (also through {@code /vsicurl/}), so the CSV opens with typed columns and
     * its CRS; {@code properties} and {@code skipGeometry} lay the types out as they lay out the CSV.
     */
    private ResponseEntity<?> sidecar(Layer layer, String ext, HttpServletRequest request) {
        DownloadRequest req =
                DownloadRequest.parse(layer, DownloadFormat.CSV, request.getParameterMap(), areas, crsOffer);
        Layer columns = req.outputLayer();
        if (ext.equals("prj") && !columns.hasGeometry()) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "format",
                    layer.id()
                            + (layer.hasGeometry()
                                    ? " without its geometry has no CRS"
                                    : " is a table without geometry: it has no CRS")
                            + "; its CSV types are "
                            + layer.id() + ".csvt");
        }
        String body = ext.equals("prj") ? CsvFeatureWriter.PRJ : CsvFeatureWriter.gdalTypes(columns);
        Conditional conditional = Conditional.tagged("\"" + Sha256.hex(body, 16) + "\"", null);
        var notModified = conditional.notModified(request);
        if (notModified.isPresent()) {
            return notModified.get();
        }
        return conditional
                .on(ResponseEntity.ok())
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(body);
    }

    /** A whole layer: the export file of this data version, produced first if need be; ranges and 304 are Spring's. */
    private ResponseEntity<?> whole(
            DownloadRequest req, LayerVersion version, String filename, HttpServletRequest request) throws IOException {
        String key = ExportFiles.key(req, version);
        boolean gzip = req.format().isText() && acceptsGzip(request);
        String etag = "\"" + key + (gzip ? "-gz" : "") + "\"";
        Conditional conditional = Conditional.tagged(etag, version.modified());
        switch (conditional.evaluate(request)) {
            case NOT_MODIFIED -> {
                return headers(ResponseEntity.status(HttpStatus.NOT_MODIFIED), req, version, etag, filename, gzip)
                        .build();
            }
            case PRECONDITION_FAILED -> throw conditional.preconditionFailed(request);
            case PROCEED -> {}
        }
        rateLimit.take(request);
        ExportFiles.Export export = files.whole(req, version, request);
        Path file = gzip ? export.gzip() : export.file();
        ResponseEntity.BodyBuilder ok = headers(ResponseEntity.ok(), req, version, etag, filename, gzip)
                .contentType(MediaType.parseMediaType(req.format().mediaType()));
        String range = request.getHeader(HttpHeaders.RANGE);
        if (!Files.exists(file)) {
            throw ExportResource.changedMeanwhile();
        }
        if (range != null && (!conditional.rangeApplies(request) || !ByteRanges.served(range, Files.size(file)))) {
            // RFC 9110 §13.1.5: the client's part is of another version (or a range to ignore); send the whole current
            // file
            long size = Files.size(file);
            return ok.contentLength(size).body((StreamedBody) out -> Files.copy(file, out));
        }
        // streamed by this request, not handed to the connector's sendfile: Tomcat sends such a file after the
        // request has ended, where a graceful shutdown does not see it and the stop cut it (GracefulShutdownTest)
        return ok.body(new ExportResource(file));
    }

    private static ResponseEntity.BodyBuilder headers(
            ResponseEntity.BodyBuilder b,
            DownloadRequest req,
            LayerVersion version,
            String etag,
            String filename,
            boolean gzip) {
        b.eTag(etag)
                .lastModified(version.modified())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString());
        if (req.format().isText()) {
            b.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (gzip) {
            b.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return b;
    }

    private static boolean acceptsGzip(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("gzip")) {
                return !(p.length > 1 && p[1].trim().replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    /** A layer's part of the downloads page: its entry, and its facts under the reader's labels. */
    public record Section(DownloadCatalog.Entry entry, Map<String, String> facts) {}

    private static Map<String, String> facts(DownloadCatalog.Entry e, Words w) {
        Layer l = e.layer();
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put(
                w.get("downloads.kind"),
                l.hasGeometry()
                        ? w.get("downloads.kind.layer", String.valueOf(l.geometryType()))
                        : w.get("downloads.kind.table"));
        facts.put(w.get("downloads.licence"), l.licence());
        facts.put(w.get("downloads.attribution"), l.attribution());
        Figures n = new Figures(w);
        String count = n.count(e.featureCount().value());
        facts.put(
                w.get(l.hasGeometry() ? "downloads.features" : "downloads.rows"),
                e.featureCount().exact() ? count : w.get("downloads.about", count));
        e.extent()
                .ifPresent(b -> facts.put(
                        w.get("downloads.extent"),
                        w.get(
                                "downloads.extent.value",
                                n.decimal(b.minx()),
                                n.decimal(b.maxx()),
                                n.decimal(b.miny()),
                                n.decimal(b.maxy()))));
        e.temporal()
                .ifPresent(t -> facts.put(
                        w.get("downloads.valid"),
                        t.start() != null && t.end() != null
                                ? n.date(t.start()) + " – " + n.date(t.end())
                                : t.start() != null
                                        ? w.get("downloads.valid.from", n.date(t.start()))
                                        : t.end() != null
                                                ? w.get("downloads.valid.until", n.date(t.end()))
                                                : Figures.NONE));
        facts.put(
                w.get("downloads.modified"),
                n.date(LocalDate.ofInstant(e.version().modified(), ZoneOffset.UTC)));
        return facts;
    }
}
