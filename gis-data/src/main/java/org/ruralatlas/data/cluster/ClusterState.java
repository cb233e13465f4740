package org.ruralatlas.data.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.Pools;
import org.ruralatlas.data.store.postgis.PostgisSchema;

/**
 * What the servers of one PostGIS database must agree on, kept on the primary: rate limits'
 * buckets ({@link SharedBuckets}) and cluster-wide locks (PostgreSQL session advisory locks, so a
 * server that dies releases its locks with its connection, and nobody has to clean up after it).
 */
public final class ClusterState implements AutoCloseable {

    /** The first key of our advisory locks (the second is the lock name's hash), apart from anyone else's. */
    private static final int LOCK_SPACE = 0x52_41_18;

    /** A lock held: released when closed (or when its server dies). */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource primary;

    /** @param primary a small pool on the primary, owned (closed) by this */
    public ClusterState(DataSource primary) {
        this.primary = primary;
    }

    /** A rate limit shared by every server: {@code capacity} at once, refilled at {@code refills} per {@code period}. */
    public SharedBuckets buckets(String name, int capacity, int refills, Duration period) {
        return new SharedBuckets(primary, name, capacity, refills, period);
    }

    /**
     * The lock {@code name} for as long as the lease is open, or empty at once when another server
     * (or another lease here) holds it. The lease keeps a connection of the pool for its life.
     */
    public Optional<Lease> tryLock(String name) {
        Connection c = null;
        try {
            c = primary.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_SPACE);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.close();
                        return Optional.empty();
                    }
                }
            }
            Connection held = c;
            return Optional.of(() -> release(held, name));
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // broken already
                }
            }
            throw new FeatureStoreException(
                    "taking the cluster lock " + name + " failed: " + PostgisSchema.reason(e), e);
        }
    }

    private static void release(Connection held, String name) {
        try (held;
                PreparedStatement ps = held.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_SPACE);
            ps.setString(2, name);
            ps.executeQuery().close();
        } catch (SQLException e) {
            // the connection is gone, and the lock with it
        }
    }

    @Override
    public void close() {
        Pools.close(primary, "the cluster state's pool");
    }
}
