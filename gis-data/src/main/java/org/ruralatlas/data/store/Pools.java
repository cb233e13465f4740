package org.ruralatlas.data.store;

import javax.sql.DataSource;

/** Connection pools handed to stores and producers, which own and close them. */
public final class Pools {

    private Pools() {}

    /** Closes {@code dataSource} when it is a pool (a plain DataSource has nothing to close). */
    public static void close(DataSource dataSource, String what) {
        if (dataSource instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new FeatureStoreException("closing " + what + " failed: " + e.getMessage(), e);
            }
        }
    }
}
