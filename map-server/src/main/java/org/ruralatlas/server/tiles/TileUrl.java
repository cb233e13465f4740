package org.ruralatlas.server.tiles;

import java.util.List;
import java.util.Map;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.HttpStatus;

/**
 * The tile URL grammar, parsed in one place: a path is a tile URL by its shape alone
 * ({@link #isTileUrl}), and a tile URL either names a tile of a known set or is refused naming the
 * path parameter at fault ({@link #parse}).
 * <ul>
 * <li>{@code /tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}}: every layer;</li>
 * <li>{@code /collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}}: one collection;</li>
 * <li>{@code /tiles/{collectionId}/{tileMatrix}/{tileCol}/{tileRow}.mvt}: the XYZ alias (column before
 * row, the slippy-map order), where {@code all} names every layer.</li>
 * </ul>
 * A number is ASCII digits, with an optional minus sign: anything else is 400; a number outside
 * the grid (a negative one, a zoom above 20, a row or column past 2<sup>zoom</sup> − 1) is 404, as
 * is an unknown tile matrix set or collection. The path comes as its segments, each %-decoded and
 * without {@code ;} parameters, as routing reads them.
 */
public record TileUrl(TileSet set, TileCoord tile) {

    /**
     * Whether a path is shaped as a tile URL (whatever its values): five segments under
     * {@code tiles}, or seven under {@code collections} with {@code tiles} third; other paths are other routes'.
     *
     * @param segments the path's segments; null, or an empty one (a doubled or trailing slash), is no tile URL
     */
    public static boolean isTileUrl(List<String> segments) {
        if (segments == null || segments.contains("")) {
            return false;
        }
        return segments.size() == 5 && segments.get(0).equals("tiles")
                || segments.size() == 7
                        && segments.get(0).equals("collections")
                        && segments.get(2).equals("tiles");
    }

    /**
     * The tile a tile URL names.
     *
     * @param segments the path's segments, of a path {@link #isTileUrl shaped as a tile URL}
     * @param sets the tile sets by id: {@link TileSet#ALL} and each collection's
     * @throws ApiException 400 or 404 naming the parameter, for a tile URL that names no tile
     * @throws IllegalArgumentException for a path not shaped as a tile URL
     */
    public static TileUrl parse(List<String> segments, Map<String, TileSet> sets) {
        if (!isTileUrl(segments)) {
            throw new IllegalArgumentException("not a tile URL: " + segments);
        }
        if (segments.size() == 7) {
            TileSet set = collection(segments.get(1), sets);
            requireWebMercator(segments.get(3));
            return new TileUrl(set, coord(segments.get(4), segments.get(5), segments.get(6)));
        }
        String last = segments.get(4);
        if (last.endsWith(".mvt")) {
            String id = segments.get(1);
            TileSet set = id.equals(TileSet.ALL) ? sets.get(TileSet.ALL) : collection(id, sets);
            return new TileUrl(set, coord(segments.get(2), last.substring(0, last.length() - 4), segments.get(3)));
        }
        requireWebMercator(segments.get(1));
        return new TileUrl(sets.get(TileSet.ALL), coord(segments.get(2), segments.get(3), last));
    }

    /** The tile set of a collection, else 404 naming collectionId. */
    static TileSet collection(String id, Map<String, TileSet> sets) {
        TileSet set = id.equals(TileSet.ALL) ? null : sets.get(id);
        if (set == null) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND, "collectionId", "no collection " + id + " with tiles; see /collections");
        }
        return set;
    }

    /** 404 naming tileMatrixSetId unless it is WebMercatorQuad, the one tile matrix set. */
    static void requireWebMercator(String id) {
        if (!TileMatrixSets.ID.equals(id)) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "tileMatrixSetId",
                    "no tile matrix set " + id + "; RuralAtlas offers " + TileMatrixSets.ID);
        }
    }

    private static TileCoord coord(String z, String row, String col) {
        long zoom = number("tileMatrix", z);
        long y = number("tileRow", row);
        long x = number("tileCol", col);
        if (zoom < 0 || zoom > TileCoord.MAX_ZOOM) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "tileMatrix",
                    "no tile matrix " + z + " in " + TileMatrixSets.ID + " (0 to " + TileCoord.MAX_ZOOM + ")");
        }
        long size = 1L << zoom;
        if (y < 0 || y >= size || x < 0 || x >= size) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    y < 0 || y >= size ? "tileRow" : "tileCol",
                    "tile " + z + "/" + row + "/" + col + " is outside the tile matrix: rows and columns run 0 to "
                            + (size - 1));
        }
        return new TileCoord((int) zoom, (int) x, (int) y);
    }

    /** A whole number: ASCII digits after an optional minus; any too large for the grid reads as {@link Long#MAX_VALUE}. */
    private static long number(String name, String text) {
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            throw notWhole(name, text);
        }
        long v = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notWhole(name, text);
            }
            v = v > Integer.MAX_VALUE ? v : v * 10 + (c - '0');
        }
        return start == 1 ? -v : v > Integer.MAX_VALUE ? Long.MAX_VALUE : v;
    }

    private static ApiException notWhole(String name, String text) {
        return ApiException.badParameter(name, name + " must be a whole number, not '" + text + "'");
    }
}
