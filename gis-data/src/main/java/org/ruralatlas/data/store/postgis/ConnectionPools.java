package org.ruralatlas.data.store.postgis;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.ruralatlas.data.store.FeatureStoreException;

/** Connection pools on the PostGIS database, as the server starts them. */
public final class ConnectionPools {

    private ConnectionPools() {}

    /**
     * Has the pool open its first connection now, however long that takes (the first one of a
     * cold JVM on a busy machine can take longer than a request may wait), so that the first
     * requests find it made.
     */
    public static void warm(HikariDataSource pool) {
        for (int attempt = 0; attempt < 60; attempt++) {
            try (Connection c = pool.getConnection()) {
                return;
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() != null) {
                    throw new FeatureStoreException(
                            "cannot connect to the PostGIS database: " + PostgisSchema.reason(e), e);
                }
                // still being made: wait again
            } catch (SQLException e) {
                throw new FeatureStoreException(
                        "cannot connect to the PostGIS database: " + PostgisSchema.reason(e), e);
            }
        }
        throw new FeatureStoreException("cannot connect to the PostGIS database: no connection made in "
                + 60 * pool.getConnectionTimeout() / 1000 + " s");
    }
}
