package org.ruralatlas.server.tiles;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.data.text.VietnameseText;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Allowance;
import org.ruralatlas.server.flow.FlowProperties;
import org.ruralatlas.server.flow.Turnstile;
import org.ruralatlas.server.ogcapi.ByteRanges;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.tiles.MbtilesWriter;
import org.ruralatlas.tiles.Tile;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Offline packages for tourists and field staff: every layer's tiles over a province (or bbox)
 * and zoom range as one MBTiles file, for MapLibre, QGIS or a phone app without coverage. A
 * package is built once per data version and kept on disk; range requests resume a broken
 * download. Building one costs up to half a minute of the server, so a client has one built at
 * a time (429 otherwise) and the server one at a time (others wait their turn up to
 * {@code ruralatlas.flow.queue-timeout}, then 503); every refusal says when to retry. Plans of
 * saving an area cost a walk over up to 100,000 tiles: a client asks a few at once, then a few a
 * minute ({@link OfflinePlanProperties}; on PostGIS counted by every server together), else 429.
 */
@RestController
public class OfflinePackageController {

    static final long MAX_TILES = 100_000;
    private static final MediaType MBTILES = MediaType.parseMediaType("application/vnd.sqlite3");

    private final TileCache cache;
    private final TileAreas areas;
    private final FeatureStore store;
    private final Path dir;
    private final Turnstile building;
    private final Set<String> clientsBuilding = ConcurrentHashMap.newKeySet();
    private final Allowance plans;

    public OfflinePackageController(
            TileCache cache,
            TileAreas areas,
            FeatureStore store,
            FlowProperties flow,
            OfflinePlanProperties planLimit,
            Cluster cluster) {
        this.cache = cache;
        this.areas = areas;
        this.store = store;
        this.plans = cluster.allowance(
                "offline-plans", planLimit.burst(), planLimit.requestsPerMinute(), Duration.ofMinutes(1));
        this.building = new Turnstile(1, flow.queueTimeout());
        this.dir = cache.diskDir()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "ruralatlas-offline"))
                .resolve("offline");
    }

    @QueryParameters({"province", "bbox", "zooms"})
    @GetMapping("/tiles/offline")
    public ResponseEntity<?> offline(@RequestParam Map<String, String> params, HttpServletRequest request)
            throws Exception {
        TileSet set = cache.set(TileSet.ALL).orElseThrow();
        TileArea area = areas.parse(params, 6, 14);
        if (area.upperBound() > MAX_TILES) {
            throw ApiException.tooLarge(
                    "zooms",
                    "that area and zoom range hold up to " + area.upperBound() + " tiles; a package holds at most "
                            + MAX_TILES + ": lower the top zoom or choose a smaller area");
        }
        LayerVersion data = dataVersion(set);
        String place = params.containsKey("province")
                ? VietnameseText.fold(params.get("province")).replaceAll("[^a-z0-9]+", "-")
                : "bbox-" + Sha256.hex(params.get("bbox"), 4);
        String key = Sha256.hex(
                place + "|" + params.get("bbox") + "|" + area.minZoom() + "-" + area.maxZoom() + "|" + data.tag(), 8);
        String prefix = "ruralatlas-" + place + "-z" + area.minZoom() + "-" + area.maxZoom() + "-";
        Path file = dir.resolve(prefix + key + ".mbtiles");
        if (!Files.exists(file)) {
            build(request, file, () -> {
                MbtilesWriter.write(file, cache, set, area, metadata(set, area, place));
                dropOlderVersions(prefix, file);
            });
        }
        String range = request.getHeader(HttpHeaders.RANGE);
        if (range == null || ByteRanges.served(range, Files.size(file))) {
            // parts of it (a resumed download) or the whole, by Spring
            return answer(key, area, place, data.modified()).body(new FileSystemResource(file));
        }
        long size = Files.size(file);
        return answer(key, area, place, data.modified()).contentLength(size).body((StreamedBody)
                out -> Files.copy(file, out));
    }

    /**
     * What saving an area for offline use takes, before anything is downloaded: the tiles of every
     * layer over a province (or bbox) and zooms (6-14 by default), their count, their bytes (the
     * cached tiles' sizes, and for tiles not cached yet the mean of the cached ones at that zoom, else
     * {@link PlanSizes#ESTIMATED_TILE_BYTES}), the data version (unchanged: a saved copy is up to date) and
     * the list of tiles to fetch. Nothing is produced: it costs a walk over the area's tile files.
     * With {@code etags=true} each tile comes with the ETag it has in the cache ("" when it is not
     * cached): a saved copy with that tag is current without asking for it (the cache drops a tile
     * as soon as its data changes), so an update asks only for the others.
     */
    @QueryParameters({"province", "bbox", "zooms", "etags"})
    @GetMapping("/tiles/offline/plan")
    public ResponseEntity<Map<String, Object>> plan(
            @RequestParam Map<String, String> params, HttpServletRequest request) {
        boolean etags = Parameters.bool("etags", params.get("etags"), false);
        TileSet set = cache.set(TileSet.ALL).orElseThrow();
        TileArea area = areas.parse(params, 6, 14);
        if (area.upperBound() > MAX_TILES) {
            throw ApiException.tooLarge(
                    "zooms",
                    "that area and zoom range hold up to " + area.upperBound() + " tiles; a saved area holds at most "
                            + MAX_TILES + ": lower the top zoom or choose a smaller area");
        }
        takePlan(request); // once the request is understood: a mistake costs nothing and is told as such
        PlanSizes sizes = new PlanSizes(area.maxZoom() + 1);
        List<Object> tiles = new ArrayList<>();
        for (TileCoord t : area.tiles()) {
            if (etags) {
                Optional<Tile> held = cache.cached(set, t);
                tiles.add(List.of(t.z(), t.x(), t.y(), held.map(Tile::etag).orElse("")));
                sizes.count(t.z(), held.map(h -> (long) h.bytes().length).orElse(-1L));
            } else {
                tiles.add(new int[] {t.z(), t.x(), t.y()});
                sizes.count(t.z(), cache.cachedSize(set, t));
            }
        }
        long knownTiles = sizes.knownTiles();
        double bytes = sizes.estimate(area.minZoom());
        Envelope b = area.box();
        LayerVersion data = dataVersion(set);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bbox", List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()));
        body.put("minZoom", area.minZoom());
        body.put("maxZoom", area.maxZoom());
        body.put("tileCount", tiles.size());
        body.put("bytes", Math.round(bytes));
        body.put("tilesCached", knownTiles);
        body.put("estimated", knownTiles < tiles.size());
        body.put("dataVersion", Sha256.hex(data.tag(), 8));
        body.put("modified", data.modified().toString());
        body.put("tileUrl", Urls.base() + "/tiles/WebMercatorQuad/{z}/{y}/{x}");
        body.put("tiles", tiles);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    /** Takes a plan from the client's allowance, or refuses with 429 and when to ask again. */
    private void takePlan(HttpServletRequest request) {
        long wait = plans.take(request.getRemoteAddr());
        if (wait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    wait,
                    "offline plan rate limit reached for this client; the next plan may be asked in " + wait + " s");
        }
    }

    /** Every layer's version in one: it changes with any write to any layer of the set. */
    private LayerVersion dataVersion(TileSet set) {
        StringBuilder versions = new StringBuilder();
        java.time.Instant modified = java.time.Instant.EPOCH;
        for (Layer l : set.layers()) {
            LayerVersion v = store.version(l);
            versions.append(l.id()).append('=').append(v.tag()).append(';');
            modified = v.modified().isAfter(modified) ? v.modified() : modified;
        }
        return new LayerVersion(versions.toString(), modified);
    }

    /** The package's headers: type, strong ETag (the data version), a file name with the place and zooms. */
    private static ResponseEntity.BodyBuilder answer(
            String key, TileArea area, String place, java.time.Instant modified) {
        String filename = "ruralatlas-" + place + "-z" + area.minZoom() + "-" + area.maxZoom() + "-"
                + LocalDate.ofInstant(modified, ZoneOffset.UTC) + ".mbtiles"; // the data's date, as downloads are named
        return ResponseEntity.ok()
                .contentType(MBTILES)
                .eTag("\"" + key + "\"")
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString());
    }

    /** A package to build: up to 30 s of both cores, so one per client (429) and one at a time overall (503 past the queue timeout). */
    private void build(HttpServletRequest request, Path file, Build work) throws Exception {
        String client = request.getRemoteAddr();
        if (!clientsBuilding.add(client)) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    30,
                    "this client is already having an offline package built; retry when it is done");
        }
        try {
            if (!building.enter()) {
                throw ApiException.retryLater(
                        HttpStatus.SERVICE_UNAVAILABLE, 30, "another offline package is being built; retry shortly");
            }
            try {
                if (!Files.exists(file)) {
                    work.run();
                }
            } finally {
                building.leave();
            }
        } finally {
            clientsBuilding.remove(client);
        }
    }

    private interface Build {
        void run() throws Exception;
    }

    /** The same place and zooms built from older data: superseded by {@code current}. */
    private void dropOlderVersions(String prefix, Path current) throws java.io.IOException {
        try (var old = Files.newDirectoryStream(dir, prefix + "*.mbtiles")) {
            for (Path p : old) {
                if (!p.equals(current)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Map<String, String> metadata(TileSet set, TileArea area, String place) {
        Envelope b = area.box();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", "RuralAtlas " + place);
        m.put("format", "pbf");
        m.put("type", "overlay");
        m.put("version", "1");
        m.put(
                "description",
                "Farms, raw-material zones, NTM status of communes and rural tourism sites (RuralAtlas open data)");
        m.put("bounds", b.getMinX() + "," + b.getMinY() + "," + b.getMaxX() + "," + b.getMaxY());
        m.put(
                "center",
                (b.getMinX() + b.getMaxX()) / 2 + "," + (b.getMinY() + b.getMaxY()) / 2 + ","
                        + Math.max(area.minZoom(), 10));
        m.put("minzoom", Integer.toString(area.minZoom()));
        m.put("maxzoom", Integer.toString(area.maxZoom()));
        m.put(
                "attribution",
                set.layers().stream()
                        .map(Layer::attribution)
                        .distinct()
                        .reduce((x, y) -> x + "; " + y)
                        .orElse(""));
        StringBuilder json = new StringBuilder("{\"vector_layers\":[");
        for (int i = 0; i < set.layers().size(); i++) {
            Layer l = set.layers().get(i);
            json.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(l.id())
                    .append("\",\"minzoom\":")
                    .append(l.tiles().minzoom())
                    .append(",\"maxzoom\":")
                    .append(l.tiles().maxzoom())
                    .append(",\"fields\":{}}");
        }
        m.put("json", json.append("]}").toString());
        return m;
    }
}
