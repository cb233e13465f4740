package org.ruralatlas.data.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;

/**
 * A cursor over an open JDBC result set. An optional exact filter (the GeoPackage store's JTS
 * test after its R-tree prefilter) is applied as rows are read, and then offset and limit; when
 * the SQL already applied them, the filter accepts everything and skip is zero. When the SQL
 * carries the number of matches as its last column ({@code counted}), the cursor keeps it for
 * {@link #numberMatched()}.
 */
public final class JdbcFeatureCursor implements FeatureCursor {

    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final Layer layer;
    private final FeatureRows.GeometryDecoder geometry;
    private final Predicate<Feature> filter;
    private long toSkip;
    private long remaining;
    private final int countColumn;
    private long matched = -1;
    private Feature next;
    private boolean closed;

    public JdbcFeatureCursor(Connection connection, Statement statement, ResultSet rows, Layer layer,
            FeatureRows.GeometryDecoder geometry, Predicate<Feature> filter, long skip, long limit) {
        this(connection, statement, rows, layer, geometry, filter, skip, limit, false);
    }

    public JdbcFeatureCursor(Connection connection, Statement statement, ResultSet rows, Layer layer,
            FeatureRows.GeometryDecoder geometry, Predicate<Feature> filter, long skip, long limit, boolean counted) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
        this.layer = layer;
        this.geometry = geometry;
        this.filter = filter;
        this.toSkip = skip;
        this.remaining = limit;
        this.countColumn = counted ? layer.properties().size() + (layer.hasGeometry() ? 1 : 0) + 1 : 0;
    }

    @Override
    public java.util.OptionalLong numberMatched() {
        return matched >= 0 ? java.util.OptionalLong.of(matched) : java.util.OptionalLong.empty();
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
                Feature f = FeatureRows.read(layer, rows, geometry);
                if (countColumn > 0) {
                    matched = rows.getLong(countColumn);
                }
                if (!filter.test(f)) {
                    continue;
                }
                if (toSkip > 0) {
                    toSkip--;
                    continue;
                }
                remaining--;
                next = f;
                return true;
            }
        } catch (SQLException e) {
            close();
            throw new FeatureStoreException("reading " + layer.id() + " failed: " + e.getMessage(), e);
        }
        close();
        return false;
    }

    @Override
    public Feature next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Feature f = next;
        next = null;
        return f;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection) {
            try (statement; rows) {
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
