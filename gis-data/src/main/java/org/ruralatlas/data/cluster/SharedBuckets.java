package org.ruralatlas.data.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.postgis.PostgisSchema;

/**
 * A rate limit's token buckets in PostgreSQL (table {@code rate_buckets}, migration V12), so that
 * every server of the database counts against the same allowance: each take is one statement that
 * refills the key's bucket by the time elapsed on the database's clock, takes a token if there is
 * one and says whether it did, atomic under the row's lock however many servers ask at once. Our
 * own rather than Bucket4j's PostgreSQL backend, which Maven Central does not serve here; the
 * arithmetic is that of the in-process {@code TokenBuckets}.
 */
public final class SharedBuckets {

    /** The bucket's level now: its tokens refilled for the time since it was last touched, capped. */
    private static final String LEVEL = "least(?, b.tokens + greatest(0, extract(epoch FROM now() - b.at)) * ?)";

    private static final String TAKE =
            "INSERT INTO ruralatlas.rate_buckets AS b (limit_name, bucket_key, tokens, granted, at) "
                    + "VALUES (?, ?, ?, true, now()) ON CONFLICT (limit_name, bucket_key) DO UPDATE SET "
                    + "tokens = CASE WHEN " + LEVEL + " >= 1 THEN " + LEVEL + " - 1 ELSE " + LEVEL + " END, "
                    + "granted = " + LEVEL + " >= 1, at = greatest(b.at, now()) RETURNING b.granted, b.tokens";

    /** One take in this many also deletes the buckets idle long enough to be full again (the same as absent). */
    private static final int SWEEP_EVERY = 512;

    private final DataSource primary;
    private final String name;
    private final double capacity;
    private final double perSecond;
    private final long fullAfterSeconds;
    private final AtomicLong takes = new AtomicLong();

    /**
     * @param primary a pool on the primary
     * @param name the limit's name, one bucket per key under it
     * @param capacity tokens a full bucket holds (at least 1)
     * @param refills tokens added per {@code period}
     */
    public SharedBuckets(DataSource primary, String name, int capacity, int refills, Duration period) {
        if (capacity < 1 || refills <= 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a shared rate limit needs capacity >= 1 and a positive refill rate");
        }
        this.primary = primary;
        this.name = name;
        this.capacity = capacity;
        this.perSecond = refills / (period.toNanos() / 1e9);
        this.fullAfterSeconds = (long) Math.ceil(capacity / perSecond) + 1;
    }

    /** Takes a token for the key: 0 when taken, else the whole seconds (at least 1) until one is there. */
    public long take(String key) {
        try (Connection c = primary.getConnection()) {
            c.setAutoCommit(true);
            if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
                sweep(c);
            }
            try (PreparedStatement ps = c.prepareStatement(TAKE)) {
                ps.setString(1, name);
                ps.setString(2, key);
                ps.setDouble(3, capacity - 1);
                for (int i = 0; i < 4; i++) {
                    ps.setDouble(4 + 2 * i, capacity);
                    ps.setDouble(5 + 2 * i, perSecond);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return 0;
                    }
                    return Math.max(1, (long) Math.ceil((1 - rs.getDouble(2)) / perSecond));
                }
            }
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "taking from the shared rate limit " + name + " failed: " + PostgisSchema.reason(e), e);
        }
    }

    /** Gives back a token taken by {@link #take} for something that did not happen after all. */
    public void giveBack(String key) {
        try (Connection c = primary.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE ruralatlas.rate_buckets SET tokens = least(?, tokens + 1) "
                                + "WHERE limit_name = ? AND bucket_key = ?")) {
            c.setAutoCommit(true);
            ps.setDouble(1, capacity);
            ps.setString(2, name);
            ps.setString(3, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "giving back to the shared rate limit " + name + " failed: " + PostgisSchema.reason(e), e);
        }
    }

    private void sweep(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ruralatlas.rate_buckets WHERE limit_name = ? "
                + "AND at < now() - make_interval(secs => ?)")) {
            ps.setString(1, name);
            ps.setDouble(2, fullAfterSeconds);
            ps.executeUpdate();
        }
    }
}
