package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ruralatlas.data.store.Pools;

/**
 * Where one kind of read (items, tiles) gets its connection: a pool on a standby that {@link
 * Replicas} says may serve reads (taking turns), else the primary's pool. A read that cannot
 * connect to its standby, or loses the connection (the standby stopped), or is cancelled by a
 * conflict with recovery, takes that standby out of reads and runs again on the primary, so a
 * standby going away costs a read some time, never an error. Only reads come here: writes and
 * LISTEN use the primary's pool directly (standbys refuse writes, and notifications are not
 * replicated).
 */
public final class ReadRoute implements AutoCloseable {

    /** Work on a connection it owns: it closes the connection when done, or hands it on (a streaming cursor). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource primary;
    private final Replicas replicas;
    private final List<DataSource> standbys;
    private final AtomicInteger turn = new AtomicInteger();

    /**
     * @param primary the primary's pool for this kind of read (and, by its owner, for writes)
     * @param replicas the standbys' health
     * @param standbys a pool on each standby, in the order of {@code replicas}
     */
    public ReadRoute(DataSource primary, Replicas replicas, List<? extends DataSource> standbys) {
        if (standbys.size() != replicas.size()) {
            throw new IllegalArgumentException(standbys.size() + " pools for " + replicas.size() + " standbys");
        }
        this.primary = primary;
        this.replicas = replicas;
        this.standbys = List.<DataSource>copyOf(standbys);
    }

    /** Every read on the primary. */
    public static ReadRoute primaryOnly(DataSource primary) {
        return new ReadRoute(primary, Replicas.NONE, List.of());
    }

    public DataSource primary() {
        return primary;
    }

    public Replicas replicas() {
        return replicas;
    }

    /** Runs {@code work} on a usable standby, else on the primary; again on the primary when the standby fails it. */
    public <T> T read(Work<T> work) throws SQLException {
        int standby = choose();
        if (standby < 0) {
            return work.run(primary.getConnection());
        }
        try {
            return work.run(standbys.get(standby).getConnection());
        } catch (SQLException e) {
            if (!standbyFault(e)) {
                throw e;
            }
            replicas.takeOut(standby, PostgisSchema.reason(e));
            return work.run(primary.getConnection());
        }
    }

    /** The next usable standby in turn, or -1 when none is. */
    private int choose() {
        int n = standbys.size();
        if (n == 0) {
            return -1;
        }
        int start = Math.floorMod(turn.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            int s = (start + i) % n;
            if (replicas.usable(s)) {
                return s;
            }
        }
        return -1;
    }

    /**
     * A failure of the standby rather than of the read: no connection (class 08, or the pool's
     * timeout), the server shutting down or not accepting connections (57P01–57P03), or the
     * statement cancelled by a conflict with recovery (40001, which the same read on the primary
     * never meets).
     */
    static boolean standbyFault(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("40001")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Closes every pool of this route, the primary's included. */
    @Override
    public void close() {
        standbys.forEach(s -> Pools.close(s, "a standby's pool"));
        Pools.close(primary, "the PostGIS pool");
    }
}
