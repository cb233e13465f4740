package org.ruralatlas.tiles;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.feature.Feature;

/**
 * The cells of one tile as the embedded store's tiles aggregate them, in memory: at most
 * {@link TileCells#PER_TILE}² cells, each with its count, its counts by value and its one feature
 * while it has only one. PostGIS reads the same from its table of cell counts.
 */
final class CellCounts {

    /** One cell: how many features, how many of each value, and the feature if it is the only one. */
    static final class Cell {
        final long column;
        final long row;
        int count;
        Feature only;
        private final Map<String, Integer> byValue = new HashMap<>();

        Cell(long column, long row) {
            this.column = column;
            this.row = row;
        }

        /** The most common value (ties: the first in code point order), or null when that is "no value". */
        String topValue() {
            String top = byValue.entrySet().stream()
                    .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElseThrow()
                    .getKey();
            return top.isEmpty() ? null : top;
        }
    }

    private final TileCoord tile;
    private final String by;
    private final Map<Long, Cell> cells = new TreeMap<>();

    CellCounts(TileCoord tile, String by) {
        this.tile = tile;
        this.by = by;
    }

    /** Counts a feature in its cell, if that cell is in this tile (a feature of the buffer is not). */
    void add(Feature f, Envelope box) {
        long column = TileCells.column(box, tile.z());
        long row = TileCells.row(box, tile.z());
        if (column / TileCells.PER_TILE != tile.x() || row / TileCells.PER_TILE != tile.y()) {
            return;
        }
        // in row order, then column order, as PostGIS's statement orders them
        Cell c = cells.computeIfAbsent(
                row * (TileCells.PER_TILE * (1L << tile.z())) + column, k -> new Cell(column, row));
        c.count++;
        c.only = c.count == 1 ? f : null;
        Object v = f.properties().get(by);
        c.byValue.merge(v == null ? "" : v.toString(), 1, Integer::sum);
    }

    Iterable<Cell> cells() {
        return cells.values();
    }
}
