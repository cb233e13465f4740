package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.answer;
import static org.ruralatlas.server.ogcapi.ApiParts.binary;
import static org.ruralatlas.server.ogcapi.ApiParts.bool;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
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

/** OGC API – Tiles: the grid, the tilesets (every layer, and each collection) and offline packages. */
final class TilePaths {

    private static final List<Parameter> TILE = List.of(
            ref("tileMatrixSetId"),
            ref("tileMatrix"),
            ref("tileRow"),
            ref("tileCol"),
            query(
                    "v",
                    "The tileset's data version, as its tile URLs give it: while current, the tile is served as immutable "
                            + "(Cache-Control: immutable, ruralatlas.tiles.versioned-max-age); any other value gets the current tile, revalidated",
                    string()));

    private TilePaths() {}

    static void add(Paths paths, LayerCatalog catalog) {
        paths.addPathItem(
                "/tileMatrixSets",
                get(
                        "getTileMatrixSetsList",
                        "Tiles",
                        "The tile matrix sets",
                        List.of(),
                        ok("The list", JSON, object(), false)));
        paths.addPathItem(
                "/tileMatrixSets/{tileMatrixSetId}",
                get(
                        "getTileMatrixSet",
                        "Tiles",
                        "A tile matrix set (WebMercatorQuad)",
                        List.of(ref("tileMatrixSetId")),
                        ok("The tile matrix set, OGC 2DTMS JSON", JSON, object(), false)));
        tilesets(
                paths,
                "/tiles",
                "getDatasetTilesets",
                "getDatasetTileset",
                "getDatasetTile",
                "Vector tilesets with every layer",
                "Tileset metadata (OGC and TileJSON 3.0)",
                "A vector tile with every layer at its zooms");
        for (Layer layer : catalog.collections()) {
            String title = layer.title().en();
            tilesets(
                    paths,
                    "/collections/" + layer.id() + "/tiles",
                    "getTilesets_" + layer.id(),
                    "getTileset_" + layer.id(),
                    "getTile_" + layer.id(),
                    "Vector tilesets of " + title,
                    "Tileset metadata of " + title,
                    "A vector tile of " + title + " (zooms " + layer.tiles().minzoom() + "–"
                            + layer.tiles().maxzoom() + ")");
        }
        offline(paths);
    }

    /** A tileset list, its tileset and its tiles under one path. */
    private static void tilesets(
            Paths paths,
            String at,
            String listId,
            String tilesetId,
            String tileId,
            String list,
            String tileset,
            String tile) {
        ApiResponse mvt = answer(
                "A Mapbox Vector Tile 2.1; 204 when the tile has no features",
                binary(),
                "application/vnd.mapbox-vector-tile");
        paths.addPathItem(at, get(listId, "Tiles", list, List.of(), ok("The tilesets", JSON, object(), false)));
        paths.addPathItem(
                at + "/{tileMatrixSetId}",
                get(
                        tilesetId,
                        "Tiles",
                        tileset,
                        List.of(ref("tileMatrixSetId")),
                        ok("The tileset", JSON, object(), false)));
        paths.addPathItem(
                at + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", get(tileId, "Tiles", tile, TILE, mvt));
    }

    /** Offline packages (MBTiles) and what saving an area in the viewer takes. */
    private static void offline(Paths paths) {
        List<Parameter> area = List.of(
                query("province", "Province name or code, diacritics optional", string()),
                ref("bbox"),
                query("zooms", "Zoom range from-to (default 6-14)", string().pattern("^[0-9]{1,2}(-[0-9]{1,2})?$")));
        paths.addPathItem(
                "/tiles/offline",
                get(
                        "getOfflinePackage",
                        "Tiles",
                        "An offline package: every layer's tiles over a province "
                                + "or bbox as an MBTiles file (at most 100,000 tiles; range requests supported)",
                        area,
                        answer("The MBTiles file", binary(), "application/vnd.sqlite3")));
        List<Parameter> plan = new ArrayList<>(area);
        plan.add(query(
                "etags",
                "true: each tile with the ETag it has in the server's cache (\"\" when not cached), so a saved copy "
                        + "with that tag need not be asked for",
                bool()._default(false)));
        PathItem planning = get(
                "getOfflinePlan",
                "Tiles",
                "What saving an area for offline use takes: the tiles of every layer "
                        + "over a province or bbox (at most 100,000), their count and bytes (from the tile cache, else estimated), the data "
                        + "version and the tiles' list. Rate-limited per client (429 with Retry-After)",
                plan,
                ok("The plan", JSON, object(), false));
        planning.getGet()
                .getResponses()
                .addApiResponse(
                        "429", problem("Too many plans asked from this client; Retry-After says when to come back"));
        paths.addPathItem("/tiles/offline/plan", planning);
        paths.addPathItem(
                "/tiles/offline/tiles",
                get(
                        "getOfflineTiles",
                        "Tiles",
                        "Many of a plan's tiles in one answer (at most 256): multipart/mixed, "
                                + "one part per tile in the order asked, each with the tile's Content-Location, ETag and "
                                + "Content-Length, and no body for an empty tile",
                        List.of(
                                query(
                                                "tiles",
                                                "z/x/y (the plan's order), or z/x/y1-y2 for a run of rows, comma-separated",
                                                string())
                                        .required(true),
                                query(
                                        "known",
                                        "The ETags the client holds, one per tile in order (empty for none), comma-separated: "
                                                + "a tile still so tagged is a part with Status: 304 and no body",
                                        string())),
                        answer("The tiles", binary(), "multipart/mixed")));
    }
}
