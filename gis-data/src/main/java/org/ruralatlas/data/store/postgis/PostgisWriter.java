package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.LayerInput;
import org.ruralatlas.data.store.PropertyValues;

/**
 * Upserts features into the PostGIS tables, all layers in one transaction: a load either lands
 * whole or not at all, and loading the same data twice leaves the same rows (keyed on the id;
 * rows that did not change are not written again). Features stream through {@code COPY}: straight
 * into an empty layer table, otherwise into a temporary table from which one
 * {@code INSERT … ON CONFLICT DO UPDATE} moves them in. Either way the layer's triggers fire once
 * per statement and the database works set by set, so the time grows with the rows, whatever
 * their number, and memory stays bounded.
 */
public final class PostgisWriter {

    /** Told how a load goes, layer by layer. */
    public interface Progress {
        Progress NONE = new Progress() {};

        /** How many of the layer's rows have been read: 0 when it starts, then every {@value #PROGRESS_EVERY}. */
        default void read(Layer layer, long rows) {}

        /** The layer is in its table: {@code rows} read, {@code written} of them new or changed. */
        default void loaded(Layer layer, long rows, long written) {}
    }

    static final int PROGRESS_EVERY = 50_000;
    /** ON CONFLICT DO UPDATE meeting the same id twice in one statement. */
    private static final String SAME_ROW_TWICE = "21000";

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public PostgisWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every layer's features; returns how many rows each layer received. */
    public Map<String, Long> upsert(Map<Layer, Supplier<? extends Iterator<Feature>>> layers) {
        return upsert(layers, Progress.NONE);
    }

    /** Writes every layer's features, telling {@code progress} as it goes; returns how many rows each layer received. */
    public Map<String, Long> upsert(Map<Layer, Supplier<? extends Iterator<Feature>>> layers, Progress progress) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                setting(c, "ruralatlas.actor", LOADER);
                for (Map.Entry<Layer, Supplier<? extends Iterator<Feature>>> e : layers.entrySet()) {
                    Layer layer = e.getKey();
                    counts.put(layer.id(), load(c, layer, e.getValue(), progress));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "loading into PostGIS failed, nothing was written: " + PostgisSchema.reason(e), e);
        }
        return counts;
    }

    private static long load(Connection c, Layer layer, Supplier<? extends Iterator<Feature>> input, Progress progress)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        layer.properties().forEach(p -> columns.add(quote(p.name())));
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
        }
        progress.read(layer, 0);
        if (empty(c, layer)) {
            // nothing to update: every row goes straight in
            Savepoint before = c.setSavepoint();
            try {
                // the first rows of a layer are its origin, not changes: the audit (V11) starts after them
                setting(c, "ruralatlas.audit", "off");
                long rows = LayerInput.drain(input, it -> copy(c, layer, ItemsSql.table(layer), columns, it, progress));
                setting(c, "ruralatlas.audit", "on");
                c.releaseSavepoint(before);
                progress.loaded(layer, rows, rows);
                return rows;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // an id twice in the input (or written meanwhile): from the start, the general way
                c.rollback(before);
                progress.read(layer, 0);
            }
        }
        String staging = quote("load_" + layer.id());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE " + staging + " (LIKE " + ItemsSql.table(layer) + ")");
        }
        long rows = LayerInput.drain(input, it -> copy(c, layer, staging, columns, it, progress));
        progress.loaded(layer, rows, merge(c, layer, staging, columns));
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + staging);
        }
        return rows;
    }

    /** How the audit names the loader's changes. */
    static final String LOADER = "ruralatlas load";

    /** A setting for the rest of the transaction (the triggers of V7 and V11 read them). */
    private static void setting(Connection c, String name, String value) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT set_config(?, ?, true)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.execute();
        }
    }

    private static boolean empty(Connection c, Layer layer) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT FROM " + ItemsSql.table(layer) + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Streams {@code features} of {@code layer} into {@code table} (the layer's or one like it) with
     * one {@code COPY}, in the caller's transaction; returns how many rows went in.
     */
    public static long copy(Connection c, Layer layer, String table, Iterator<Feature> features) throws SQLException {
        List<String> columns = new ArrayList<>();
        layer.properties().forEach(p -> columns.add(quote(p.name())));
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
        }
        return copy(c, layer, table, columns, features, Progress.NONE);
    }

    private static long copy(
            Connection c,
            Layer layer,
            String table,
            List<String> columns,
            Iterator<Feature> features,
            Progress progress)
            throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
        boolean multi = layer.geometryType().startsWith("Multi");
        long count = 0;
        try {
            CopyRows rows = new CopyRows(copy);
            while (features.hasNext()) {
                Feature f = features.next();
                for (PropertySpec p : layer.properties()) {
                    rows.value(PropertyValues.toColumn(p, f.properties().get(p.name())));
                }
                if (layer.hasGeometry()) {
                    if (f.geometry() == null) {
                        throw new FeatureStoreException(layer.id() + " feature " + f.id() + " has no geometry");
                    }
                    rows.geometry(multi ? CopyRows.multi(f.geometry()) : f.geometry());
                }
                rows.endRow();
                if (++count % PROGRESS_EVERY == 0) {
                    progress.read(layer, count);
                }
            }
            rows.end();
        } catch (SQLException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancelled) {
                    e.addSuppressed(cancelled);
                }
            }
            throw e;
        }
        return count;
    }

    /**
     * One statement from the staging table into the layer's table: new ids inserted, known ones
     * updated where something differs; returns how many were written. When the input holds an id
     * twice, its last feature wins.
     */
    private static long merge(Connection c, Layer layer, String staging, List<String> columns) throws SQLException {
        String id = quote(layer.idProperty());
        String values = String.join(", ", columns);
        List<String> updated = columns.stream().filter(col -> !col.equals(id)).toList();
        String into = "INSERT INTO " + ItemsSql.table(layer) + " AS t (" + String.join(", ", columns) + ") ";
        String onConflict = " ON CONFLICT (" + id + ") DO UPDATE SET "
                + String.join(
                        ", ",
                        updated.stream().map(col -> col + " = EXCLUDED." + col).toList())
                + " WHERE ("
                + String.join(", ", updated.stream().map(col -> "t." + col).toList()) + ") IS DISTINCT FROM ("
                + String.join(
                        ", ", updated.stream().map(col -> "EXCLUDED." + col).toList()) + ")";
        String select = "SELECT " + values + " FROM " + staging;
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            long written = s.executeLargeUpdate(into + select + onConflict);
            c.releaseSavepoint(before);
            return written;
        } catch (SQLException e) {
            if (!SAME_ROW_TWICE.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            // rows sit in the order they were copied: the last of each id is the one with the highest ctid
            try (Statement s = c.createStatement()) {
                return s.executeLargeUpdate(into + "SELECT DISTINCT ON (" + id + ") " + values + " FROM " + staging
                        + " ORDER BY " + id + ", ctid DESC" + onConflict);
            }
        }
    }
}
