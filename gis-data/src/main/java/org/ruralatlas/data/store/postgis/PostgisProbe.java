package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * Asks the database whether it answers, on a connection of its own outside the pools: one
 * {@code SELECT 1} on a connection kept open, reconnecting after a failure. Outside the pools, so
 * that probing an absent database never makes a pool back off from reconnecting (HikariCP waits
 * up to five seconds between attempts while someone waits), and the database's return is
 * noticed at the next probe.
 */
public final class PostgisProbe implements Runnable, AutoCloseable {

    private final DataSource direct;
    private Connection connection;

    /** @param direct a plain (unpooled) data source of the database, with short connect and socket timeouts */
    public PostgisProbe(DataSource direct) {
        this.direct = direct;
    }

    @Override
    public synchronized void run() {
        try {
            if (connection == null) {
                connection = direct.getConnection();
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT 1")) {
                ps.setQueryTimeout(1);
                ps.executeQuery().close();
            }
        } catch (SQLException e) {
            close();
            throw new FeatureStoreException(PostgisSchema.reason(e), e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
