package org.ruralatlas.data.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.Keyset;

/**
 * A cursor over an open JDBC result set. Either the SQL did all the work (PostGIS), or rows go
 * through a {@link JavaPage} (the GeoPackage store): an exact test in Java (JTS after the
 * R-tree, a CQL2 filter), then offset and limit, then the parts of each feature the query asked
 * for. Rows are read with the sort keys and id of their query, so each returned feature's
 * {@link #position()} is known whatever the property selection. Any failure while reading closes the cursor.
 */
public final class JdbcFeatureCursor implements FeatureCursor {

    /**
     * What Java does to the rows: keep those {@code byProperties} accepts, then of those (their
     * geometry decoded, which a row refused on its properties never pays for) those {@code filter}
     * accepts; skip, limit, return them as {@code output} lays out, each with its position in
     * {@code order} (null: positions unknown).
     */
    public record JavaPage(
            Predicate<Map<String, Object>> byProperties,
            Predicate<Feature> filter,
            long skip,
            long limit,
            Layer output,
            FeatureQuery order) {

        /** Rows returned as the SQL selected them, in {@code order} (null: positions unknown). */
        public static JavaPage sqlDid(Layer output, FeatureQuery order) {
            return new JavaPage(p -> true, f -> true, 0, Long.MAX_VALUE, output, order);
        }
    }

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final Layer layer;
    private final FeatureRows.GeometryDecoder geometry;
    private final JavaPage page;
    private final boolean lastColumnCounts;
    private java.util.OptionalLong matched = java.util.OptionalLong.empty();
    private long toSkip;
    private long remaining;
    private Feature next;
    private Keyset nextPosition;
    private Keyset position;
    private boolean closed;

    /**
     * Rows read as {@code layer} lays them out, then through {@code page}; {@code lastColumnCounts}
     * says that each row's last column is the query's {@link #matched()}.
     */
    public JdbcFeatureCursor(
            Connection connection,
            Statement statement,
            ResultSet rows,
            Layer layer,
            FeatureRows.GeometryDecoder geometry,
            JavaPage page,
            boolean lastColumnCounts) {
        this.lastColumnCounts = lastColumnCounts;
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.layer = layer;
        this.geometry = geometry;
        this.page = page;
        this.toSkip = page.skip();
        this.remaining = page.limit();
    }

    @Override
    public Optional<Keyset> position() {
        return Optional.ofNullable(position);
    }

    @Override
    public java.util.OptionalLong matched() {
        return matched;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (closed || remaining <= 0) {
            close();
            return false;
        }
        try {
            while (rows.next()) {
                if (lastColumnCounts && matched.isEmpty()) {
                    matched = java.util.OptionalLong.of(
                            rows.getLong(rows.getMetaData().getColumnCount()));
                }
                Map<String, Object> properties = FeatureRows.properties(layer, rows);
                if (!page.byProperties().test(properties)) {
                    continue;
                }
                Feature f = FeatureRows.read(layer, properties, rows, geometry);
                if (!page.filter().test(f)) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                remaining--;
                nextPosition = page.order() == null ? null : Keyset.of(page.order(), f);
                next = output(f);
                return true;
            }
        } catch (SQLException e) {
            close();
            throw FeatureStoreException.of("reading " + layer.id(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        close();
        return false;
    }

    private Feature output(Feature f) {
        Layer out = page.output();
        if (out == layer) {
            return f;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        for (PropertySpec p : out.properties()) {
            props.put(p.name(), f.properties().get(p.name()));
        }
        return new Feature(f.id(), out.hasGeometry() ? f.geometry() : null, props);
    }

    @Override
    public Feature next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Feature f = next;
        next = null;
        position = nextPosition;
        return f;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            try (statement;
                    rows) {
                // closes the rows, then the statement
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("closing a cursor on " + layer.id() + " failed", e);
        }
    }
}
