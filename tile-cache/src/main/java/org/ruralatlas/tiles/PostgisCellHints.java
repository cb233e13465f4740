package org.ruralatlas.tiles;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * Names the feature of each cell of one feature whose hint is missing (V22's {@code one_id}): cells counted before
 * V22, and cells brought down to one feature by a delete or a move, which do not say which one is left. A tile
 * reads a named cell's feature by primary key, an unnamed one's through the GIST index in the cell's box, several
 * times slower at country scale. Works through V25's partial index of the unnamed cells, so a pass costs what is left
 * to name, not the table: in key order, batches of {@value #BATCH}, each a short transaction of its own; a batch
 * another server of the cluster is naming (an advisory lock) is left to it. A hint is only ever a hint: the tile
 * checks that its feature is still in the cell.
 */
public final class PostgisCellHints {

    static final int BATCH = 500;

    private final DataSource primary;
    private final Layer layer;
    private final int timeoutSeconds;
    private final String select;
    private final String name;

    /** Hints of {@code layer}'s cells (a layer whose tiles aggregate), written through {@code primary}. */
    public PostgisCellHints(DataSource primary, Layer layer, int timeoutSeconds) {
        this.primary = primary;
        this.layer = layer;
        this.timeoutSeconds = timeoutSeconds;
        String cells = quote("ruralatlas") + "." + quote(layer.id() + "_cells");
        this.select = "SELECT z, tx, ty, cx, cy, value FROM " + cells + " WHERE n = 1 AND one_id IS NULL AND"
                + " (z, tx, ty, cx, cy, value) > (?, ?, ?, ?, ?, ?) ORDER BY z, tx, ty, cx, cy, value LIMIT " + BATCH;
        String by = quote(layer.tiles().aggregate().by());
        this.name = "UPDATE " + cells + " c SET one_id = f.id FROM unnest(?::smallint[], ?::int[], ?::int[], ?::int[],"
                + " ?::int[], ?::text[]) AS t(z, tx, ty, cx, cy, value) CROSS JOIN LATERAL (SELECT g."
                + quote(layer.idProperty()) + " AS id FROM " + quote("ruralatlas") + "." + quote(layer.id())
                + " g WHERE coalesce(g." + by + ", '') = t.value AND "
                + PostgisTileProducer.inCellBox("t", "power(2::float8, t.z + 6)", "t.z")
                + " LIMIT 1) f WHERE (c.z, c.tx, c.ty, c.cx, c.cy, c.value) = (t.z, t.tx, t.ty, t.cx, t.cy, t.value"
                + " COLLATE \"C\") AND c.n = 1 AND c.one_id IS NULL";
    }

    public Layer layer() {
        return layer;
    }

    /**
     * Names every cell unnamed now, batch by batch; returns how many it named.
     *
     * @throws FeatureStoreException when the database fails (the batches before stay named)
     */
    public long nameAll() {
        Object[] after = {Short.MIN_VALUE, Integer.MIN_VALUE, 0, 0, 0, ""};
        long named = 0;
        while (true) {
            Batch b;
            try {
                b = nameAfter(after);
            } catch (SQLException e) {
                throw new FeatureStoreException("naming the cells of " + layer.id() + " failed: " + e.getMessage(), e);
            }
            named += b.named();
            if (b.last() == null) {
                return named;
            }
            after = b.last();
        }
    }

    /** One batch: the cells after {@code after}, named in one transaction; {@code last} is null when none was left. */
    private Batch nameAfter(Object[] after) throws SQLException {
        try (Connection c = primary.getConnection()) {
            c.setAutoCommit(false);
            try {
                Batch b = nameAfter(c, after);
                c.commit();
                return b;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Batch nameAfter(Connection c, Object[] after) throws SQLException {
        List<Object[]> todo = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < 6; i++) {
                ps.setObject(i + 1, after[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    todo.add(new Object[] {
                        rs.getShort(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getString(6)
                    });
                }
            }
        }
        if (todo.isEmpty()) {
            return new Batch(0, null);
        }
        Object[] last = todo.get(todo.size() - 1);
        if (!batchIsOurs(c, last)) {
            return new Batch(0, last);
        }
        try (PreparedStatement ps = c.prepareStatement(name)) {
            ps.setQueryTimeout(timeoutSeconds);
            String[] types = {"int2", "int4", "int4", "int4", "int4", "text"};
            for (int i = 0; i < 6; i++) {
                Object[] column = new Object[todo.size()];
                for (int r = 0; r < todo.size(); r++) {
                    column[r] = todo.get(r)[i];
                }
                Array array = c.createArrayOf(types[i], column);
                ps.setArray(i + 1, array);
            }
            return new Batch(ps.executeUpdate(), last);
        }
    }

    /** Whether no other server names this batch now (a transaction-scoped advisory lock on its last key). */
    private boolean batchIsOurs(Connection c, Object[] last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
            ps.setString(1, layer.id() + "_cells");
            ps.setString(2, java.util.Arrays.toString(last));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private record Batch(int named, Object[] last) {}
}
