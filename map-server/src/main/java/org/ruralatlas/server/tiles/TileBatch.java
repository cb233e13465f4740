package org.ruralatlas.server.tiles;

import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.TileCoord;

/**
 * The tiles one batch asks for ({@code tiles} of {@code /tiles/offline/tiles}): comma-separated
 * {@code z/x/y} in the slippy order of a saving plan's list, or {@code z/x/y1-y2} for a column's run
 * of rows, so a batch of a plan's tiles takes a few hundred characters. At most {@link #MAX_TILES}:
 * each costs at most a tile's production, so a request's work stays bounded. Anything else is a
 * 400 naming {@code tiles}: in a query a tile outside the grid is a bad value, not a missing resource.
 */
record TileBatch(List<TileCoord> tiles) {

    static final int MAX_TILES = 256;
    private static final String PARAMETER = "tiles";

    static TileBatch parse(String text) {
        if (text == null || text.isEmpty()) {
            throw ApiException.badParameter(PARAMETER, "tiles is required: z/x/y or z/x/y1-y2, comma-separated");
        }
        List<TileCoord> tiles = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String[] zxy = item.split("/", -1);
            if (zxy.length != 3) {
                throw bad(item, "is not z/x/y or z/x/y1-y2");
            }
            int z = number(item, zxy[0], TileCoord.MAX_ZOOM);
            int last = (1 << z) - 1;
            int x = number(item, zxy[1], last);
            int dash = zxy[2].indexOf('-');
            int from = number(item, dash < 0 ? zxy[2] : zxy[2].substring(0, dash), last);
            int to = dash < 0 ? from : number(item, zxy[2].substring(dash + 1), last);
            if (to < from) {
                throw bad(item, "runs backwards: y1 must not be over y2");
            }
            if (tiles.size() + (long) to - from + 1 > MAX_TILES) {
                throw ApiException.badParameter(PARAMETER, "a batch holds at most " + MAX_TILES + " tiles");
            }
            for (int y = from; y <= to; y++) {
                tiles.add(new TileCoord(z, x, y));
            }
        }
        return new TileBatch(List.copyOf(tiles));
    }

    /** A whole number from 0 to max, written in ASCII digits (at most 7 of them: the grid's largest is 1,048,575). */
    private static int number(String item, String text, int max) {
        if (text.isEmpty() || text.length() > 7 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw bad(item, "holds '" + text + "', which is not a whole number");
        }
        int v = Integer.parseInt(text);
        if (v > max) {
            throw bad(item, "is outside the tile matrix: " + text + " is over " + max);
        }
        return v;
    }

    private static ApiException bad(String item, String why) {
        String shown = item.length() > 40 ? item.substring(0, 40) + "…" : item;
        return ApiException.badParameter(PARAMETER, "tiles: '" + shown + "' " + why);
    }
}
