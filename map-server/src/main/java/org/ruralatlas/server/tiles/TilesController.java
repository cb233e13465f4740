package org.ruralatlas.server.tiles;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.server.features.CollectionMetadata;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.tiles.Generalisation;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * OGC API – Tiles for vector tiles: the tile matrix set, a tileset per collection and one with
 * every collection, their metadata (OGC tileset and TileJSON 3.0 in one document), and the
 * links to the tiles, which {@link TileEndpoint} answers (with the XYZ alias
 * {@code /tiles/{layer}/{z}/{x}/{y}.mvt}), every tile request, good or bad, before Spring MVC.
 */
@RestController
public class TilesController {

    private static final String REL_SCHEME = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";

    private final TileCache cache;
    private final CollectionMetadata metadata;
    private final TileVersions versions;
    private final Map<String, TileSet> sets = new HashMap<>();

    public TilesController(TileCache cache, CollectionMetadata metadata, TileVersions versions) {
        this.cache = cache;
        this.metadata = metadata;
        this.versions = versions;
        cache.sets().forEach(s -> sets.put(s.id(), s));
    }

    @GetMapping("/tileMatrixSets")
    public Map<String, Object> tileMatrixSets() {
        String href = Urls.base() + "/tileMatrixSets/" + TileMatrixSets.ID;
        return Map.of(
                "tileMatrixSets",
                List.of(Map.of(
                        "id",
                        TileMatrixSets.ID,
                        "title",
                        "Google Maps Compatible for the World",
                        "uri",
                        TileMatrixSets.URI,
                        "links",
                        List.of(new Link(href, "self", "application/json", "WebMercatorQuad")))));
    }

    @GetMapping("/tileMatrixSets/{tileMatrixSetId}")
    public Map<String, Object> tileMatrixSet(@PathVariable String tileMatrixSetId) {
        TileUrl.requireWebMercator(tileMatrixSetId);
        return TileMatrixSets.webMercatorQuad();
    }

    @GetMapping("/tiles")
    public Map<String, Object> datasetTilesets() {
        return tilesets(all(), Urls.base() + "/tiles");
    }

    @GetMapping("/tiles/{tileMatrixSetId}")
    public ResponseEntity<Map<String, Object>> datasetTileset(@PathVariable String tileMatrixSetId) {
        TileUrl.requireWebMercator(tileMatrixSetId);
        return revalidated(tileset(all(), Urls.base() + "/tiles/" + TileMatrixSets.ID, "RuralAtlas: every layer"));
    }

    @GetMapping("/collections/{collectionId}/tiles")
    public Map<String, Object> collectionTilesets(@PathVariable String collectionId) {
        return tilesets(collectionSet(collectionId), Urls.base() + "/collections/" + collectionId + "/tiles");
    }

    @GetMapping("/collections/{collectionId}/tiles/{tileMatrixSetId}")
    public ResponseEntity<Map<String, Object>> collectionTileset(
            @PathVariable String collectionId, @PathVariable String tileMatrixSetId) {
        TileSet set = collectionSet(collectionId);
        TileUrl.requireWebMercator(tileMatrixSetId);
        return revalidated(tileset(
                set,
                Urls.base() + "/collections/" + collectionId + "/tiles/" + TileMatrixSets.ID,
                set.layers().get(0).title().en()));
    }

    /** A tileset carries its data version in its tile URLs: asked again before each reuse, so a client learns of a new one. */
    private static ResponseEntity<Map<String, Object>> revalidated(Map<String, Object> tileset) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-cache").body(tileset);
    }

    private TileSet all() {
        return cache.set(TileSet.ALL).orElseThrow();
    }

    private TileSet collectionSet(String id) {
        return TileUrl.collection(id, sets);
    }

    private Map<String, Object> tilesets(TileSet set, String base) {
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put(
                "title",
                set.id().equals(TileSet.ALL)
                        ? "Every layer"
                        : set.layers().get(0).title().en());
        ts.put("dataType", "vector");
        ts.put("crs", TileMatrixSets.CRS);
        ts.put("tileMatrixSetURI", TileMatrixSets.URI);
        ts.put(
                "links",
                List.of(
                        new Link(base + "/" + TileMatrixSets.ID, "self", "application/json", "Tileset metadata"),
                        new Link(
                                Urls.base() + "/tileMatrixSets/" + TileMatrixSets.ID,
                                REL_SCHEME,
                                "application/json",
                                "WebMercatorQuad")));
        return Map.of(
                "tilesets", List.of(ts), "links", List.of(new Link(base, "self", "application/json", "Tilesets")));
    }

    private Map<String, Object> tileset(TileSet set, String self, String title) {
        // the set's data version: a URL naming it always names the same bytes, so it may be kept as immutable
        String version = versions.of(set);
        String query = version.isEmpty() ? "" : "?v=" + version;
        String template = self + "/{z}/{y}/{x}" + query;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", title);
        t.put("dataType", "vector");
        t.put("crs", TileMatrixSets.CRS);
        t.put("tileMatrixSetURI", TileMatrixSets.URI);
        t.put(
                "links",
                List.of(
                        new Link(self, "self", "application/json", "This tileset"),
                        new Link(
                                Urls.base() + "/tileMatrixSets/" + TileMatrixSets.ID,
                                REL_SCHEME,
                                "application/json",
                                "WebMercatorQuad"),
                        Link.templated(
                                self + "/{tileMatrix}/{tileRow}/{tileCol}" + query,
                                "item",
                                TileEndpoint.MVT,
                                "Vector tiles")));
        List<Map<String, Object>> layers =
                set.layers().stream().map(TilesController::ogcLayer).toList();
        List<Map<String, Object>> vectorLayers =
                set.layers().stream().map(TilesController::vectorLayer).toList();
        Bbox bounds = extent(set);
        t.put("layers", layers);
        if (bounds != null) {
            t.put(
                    "boundingBox",
                    Map.of(
                            "lowerLeft",
                            List.of(bounds.minx(), bounds.miny()),
                            "upperRight",
                            List.of(bounds.maxx(), bounds.maxy()),
                            "crs",
                            "http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        }
        tileJson(t, set, title, template, bounds);
        t.put("vector_layers", vectorLayers);
        return t;
    }

    /** TileJSON 3.0.0's members in the same document, for MapLibre, OpenLayers and QGIS. */
    private static void tileJson(Map<String, Object> t, TileSet set, String title, String template, Bbox bounds) {
        t.put("tilejson", "3.0.0");
        t.put("name", title);
        t.put("tiles", List.of(template));
        t.put("minzoom", set.minzoom());
        t.put("maxzoom", set.maxzoom());
        if (bounds != null) {
            t.put("bounds", List.of(bounds.minx(), bounds.miny(), bounds.maxx(), bounds.maxy()));
            t.put(
                    "center",
                    List.of(
                            (bounds.minx() + bounds.maxx()) / 2,
                            (bounds.miny() + bounds.maxy()) / 2,
                            Math.max(set.minzoom(), 6)));
        }
        t.put(
                "attribution",
                set.layers().stream()
                        .map(Layer::attribution)
                        .distinct()
                        .reduce((a, b) -> a + "; " + b)
                        .orElse(""));
    }

    /** A layer as OGC API – Tiles lists it in a tileset. */
    private static Map<String, Object> ogcLayer(Layer l) {
        return Map.of(
                "id",
                l.id(),
                "title",
                l.title().en(),
                "dataType",
                "vector",
                "minTileMatrix",
                Integer.toString(l.tiles().minzoom()),
                "maxTileMatrix",
                Integer.toString(l.tiles().maxzoom()),
                "geometryDimension",
                "Point".equals(l.geometryType()) ? 0 : 2);
    }

    /** A layer as TileJSON's vector_layers gives it, with the attributes its tiles carry. */
    private static Map<String, Object> vectorLayer(Layer l) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (PropertySpec p : Generalisation.attributes(l)) {
            fields.put(
                    p.name(),
                    p.type() == PropertyType.INTEGER || p.type() == PropertyType.NUMBER
                            ? "Number"
                            : p.type() == PropertyType.BOOLEAN ? "Boolean" : "String");
        }
        if (l.tiles().aggregate() != null) {
            fields.put(Layer.Aggregate.COUNT, "Number");
        }
        return Map.of(
                "id",
                l.id(),
                "description",
                l.title().en(),
                "minzoom",
                l.tiles().minzoom(),
                "maxzoom",
                l.tiles().maxzoom(),
                "fields",
                fields);
    }

    /** The union of the set's layers' extents; null when none has one. */
    private Bbox extent(TileSet set) {
        Bbox bounds = null;
        for (Layer l : set.layers()) {
            Optional<Bbox> e = metadata.extent(l).spatial();
            if (e.isPresent()) {
                Bbox b = e.get();
                bounds = bounds == null
                        ? b
                        : new Bbox(
                                Math.min(bounds.minx(), b.minx()),
                                Math.min(bounds.miny(), b.miny()),
                                Math.max(bounds.maxx(), b.maxx()),
                                Math.max(bounds.maxy(), b.maxy()));
            }
        }
        return bounds;
    }
}
