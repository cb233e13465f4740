package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL streaming standbys that reads may use, and whether each may now: a thread of its
 * own asks the primary where its WAL is ({@code pg_current_wal_insert_lsn()}) and each standby how
 * far it has replayed ({@code pg_last_wal_replay_lsn()}) every {@link #PROBE_INTERVAL}, on
 * connections of its own outside the pools. A standby serves reads while it answers, is still in
 * recovery, lags at most {@code maxLag}, and has replayed every write this server waited for.
 *
 * <p>Lag is how long ago the primary was at a position the standby has not replayed yet, both
 * times taken on this server's clock when the monitor asks: exact to one probe interval, zero for
 * a standby that has caught up however long the primary has been idle (which {@code now() -
 * pg_last_xact_replay_timestamp()} is not), and immune to clock skew between the machines.
 *
 * <p>Read your writes: {@link #awaitReplay} holds a write's answer (or a change notification's
 * delivery) until every standby in use has replayed the primary's position after the commit,
 * at most {@code replayWait}; a standby that has not is kept out of reads until it has, so no one
 * reads a state older than one already answered.
 */
public final class Replicas implements AutoCloseable {

    /** No standby: every read goes to the primary. */
    public static final Replicas NONE = new Replicas(null, List.of(), Duration.ZERO, Duration.ZERO);

    /** How often the monitor asks when no write is waiting; while one is, it asks every {@link #FAST_INTERVAL}. */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(250);

    static final Duration FAST_INTERVAL = Duration.ofMillis(2);
    /** Primary positions kept to measure lag against (one per probe that saw the WAL move). */
    private static final int MAX_SAMPLES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(Replicas.class);

    /** A standby: its password-free name (host:port/database) and an unpooled data source with short timeouts. */
    public record Standby(String name, DataSource direct) {}

    /** What health and metrics show of a standby; {@code lagSeconds} is null while it cannot be measured. */
    public record Status(String name, boolean usable, Double lagSeconds, String reason) {}

    private record Sample(long lsn, long nanos) {}

    private static final class Node {
        final Standby standby;
        Connection connection;
        volatile boolean answered;
        volatile long replayed = -1;
        volatile long lagNanos = -1;
        /** A position this standby must have replayed before it serves reads again. */
        volatile long barrier;
        /** A request lost its connection to it: out until the next probe answers. */
        volatile boolean suspect;

        volatile String reason = "not probed yet";

        Node(Standby standby) {
            this.standby = standby;
        }
    }

    private final DataSource primary;
    private final List<Node> nodes = new ArrayList<>();
    private final long maxLagNanos;
    private final long replayWaitNanos;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Object lock = new Object();
    private final Thread thread;
    private Connection primaryConnection;
    private int waiters;
    private volatile boolean running = true;

    /**
     * @param primary an unpooled data source of the primary, with short timeouts
     * @param standbys the standbys, in the order of the read pools handed to {@link ReadRoute}s
     * @param maxLag the most a standby may lag and still serve reads
     * @param replayWait the longest a write waits for the standbys to replay it
     */
    public Replicas(DataSource primary, List<Standby> standbys, Duration maxLag, Duration replayWait) {
        this.primary = primary;
        standbys.forEach(s -> nodes.add(new Node(s)));
        this.maxLagNanos = maxLag.toNanos();
        this.replayWaitNanos = replayWait.toNanos();
        this.thread = new Thread(this::loop, "replica-monitor");
        this.thread.setDaemon(true);
    }

    /** Probes once (so the first reads know which standbys serve), then keeps probing on its thread. */
    public Replicas start() {
        if (!nodes.isEmpty()) {
            probe();
            thread.start();
        }
        return this;
    }

    public int size() {
        return nodes.size();
    }

    public String name(int standby) {
        return nodes.get(standby).standby.name();
    }

    /** Whether reads may go to this standby now. */
    public boolean usable(int standby) {
        return usable(nodes.get(standby));
    }

    private boolean usable(Node n) {
        return n.answered && !n.suspect && n.lagNanos >= 0 && n.lagNanos <= maxLagNanos && n.replayed >= n.barrier;
    }

    /** Whether any standby serves reads now (so reads go on with the primary away). */
    public boolean anyUsable() {
        return nodes.stream().anyMatch(this::usable);
    }

    /** A read lost its connection to this standby: no more reads there until the monitor finds it answering. */
    public void takeOut(int standby, String why) {
        Node n = nodes.get(standby);
        if (!n.suspect) {
            n.suspect = true;
            n.reason = why;
            LOG.warn(
                    "standby {} taken out of reads ({}); reads go to the other standbys or the primary",
                    n.standby.name(),
                    why);
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** The standby's replication lag in seconds, or NaN while it cannot be measured (the standby or primary away). */
    public double lagSeconds(int standby) {
        long lag = nodes.get(standby).lagNanos;
        return lag < 0 ? Double.NaN : lag / 1e9;
    }

    public List<Status> status() {
        List<Status> all = new ArrayList<>();
        for (Node n : nodes) {
            boolean usable = usable(n);
            String reason = usable
                    ? null
                    : n.reason != null
                            ? n.reason
                            : n.replayed < n.barrier
                                    ? "has not replayed a write yet"
                                    : "lags " + lagSeconds(nodes.indexOf(n)) + " s";
            all.add(new Status(n.standby.name(), usable, n.lagNanos < 0 ? null : n.lagNanos / 1e9, reason));
        }
        return all;
    }

    /** True while the monitor runs (or there is nothing to monitor). */
    public boolean alive() {
        return nodes.isEmpty() || thread.isAlive();
    }

    /**
     * Returns once every standby that serves reads has replayed the primary's WAL up to where it is
     * now, as seen on {@code primary} (a connection to the primary, after the commit to wait for), or
     * after {@code replayWait}; a standby that has not replayed it by then serves no reads until it has.
     */
    public void awaitPrimary(Connection primary) throws SQLException {
        if (!nodes.isEmpty()) {
            awaitReplay(position(primary));
        }
    }

    /** The same, for a WAL position already known. */
    public void awaitReplay(long lsn) {
        if (nodes.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + replayWaitNanos;
        synchronized (lock) {
            waiters++;
            lock.notifyAll();
            try {
                while (nodes.stream().anyMatch(n -> usable(n) && n.replayed < lsn)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    lock.wait(Math.max(1, Math.min(left / 1_000_000, 50)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                waiters--;
            }
            for (Node n : nodes) {
                if (n.replayed < lsn) {
                    if (usable(n)) {
                        LOG.warn(
                                "standby {} has not replayed {} within {} ms: no reads there until it has",
                                n.standby.name(),
                                format(lsn),
                                replayWaitNanos / 1_000_000);
                    }
                    n.barrier = Math.max(n.barrier, lsn);
                }
            }
        }
    }

    /**
     * The end of the last record the primary has put in its WAL: at or past the end of every
     * transaction committed before it is asked, and no further than a standby's replay position
     * gets once it has replayed everything ({@code pg_last_wal_replay_lsn()}, the end of the last
     * record replayed).
     */
    static long position(Connection primary) throws SQLException {
        // the insert position, not pg_current_wal_lsn() (written): with synchronous_commit=off a commit
        // record may still sit in the WAL buffers, before the written position
        try (PreparedStatement ps = primary.prepareStatement("SELECT pg_current_wal_insert_lsn()::text, "
                + "current_setting('wal_block_size')::bigint, pg_size_bytes(current_setting('wal_segment_size'))")) {
            ps.setQueryTimeout(2);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return endOfLastRecord(parse(rs.getString(1)), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /**
     * The insert position where the last record ended on a page boundary is past the next page's
     * header (where the next record will go: 24 bytes into a page, 40 into a segment's first),
     * which a standby never replays up to while the primary writes nothing more; the boundary
     * itself is the end of that record.
     */
    static long endOfLastRecord(long insert, long blockSize, long segmentSize) {
        if (insert % segmentSize == LONG_PAGE_HEADER) {
            return insert - LONG_PAGE_HEADER;
        }
        if (insert % blockSize == SHORT_PAGE_HEADER) {
            return insert - SHORT_PAGE_HEADER;
        }
        return insert;
    }

    /** SizeOfXLogShortPHD and SizeOfXLogLongPHD (PostgreSQL's xlog_internal.h, 8-byte alignment). */
    private static final long SHORT_PAGE_HEADER = 24;

    private static final long LONG_PAGE_HEADER = 40;

    /** A pg_lsn as a number: "16/B374D848" is 0x16B374D848. */
    static long parse(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a WAL position: " + lsn);
        }
        return Long.parseLong(lsn.substring(0, slash), 16) << 32 | Long.parseLong(lsn.substring(slash + 1), 16);
    }

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
    }

    private void loop() {
        while (running) {
            probe();
            synchronized (lock) {
                try {
                    lock.wait(waiters > 0 ? FAST_INTERVAL.toMillis() : PROBE_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One round: the primary's position, then each standby's, then lags; waiters are woken. */
    private void probe() {
        long now;
        long head = -1;
        try {
            if (primaryConnection == null) {
                primaryConnection = primary.getConnection();
            }
            head = position(primaryConnection);
        } catch (SQLException e) {
            primaryConnection = close(primaryConnection);
        }
        now = System.nanoTime();
        if (head >= 0 && (samples.isEmpty() || samples.peekLast().lsn() < head)) {
            samples.addLast(new Sample(head, now));
            if (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
        for (Node n : nodes) {
            probe(n, head);
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void probe(Node n, long head) {
        try {
            if (n.connection == null) {
                n.connection = n.standby.direct().getConnection();
            }
            try (PreparedStatement ps =
                    n.connection.prepareStatement("SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text")) {
                ps.setQueryTimeout(1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1) || rs.getString(2) == null) {
                        answered(
                                n, false, "not a streaming standby (in recovery: " + rs.getBoolean(1) + "); promoted?");
                        return;
                    }
                    n.replayed = parse(rs.getString(2));
                }
            }
            if (head >= 0) {
                n.lagNanos = lag(n.replayed, head);
            }
            answered(
                    n,
                    true,
                    n.lagNanos > maxLagNanos
                            ? "lags " + n.lagNanos / 1_000_000 + " ms (more than the " + maxLagNanos / 1_000_000
                                    + " ms allowed; replayed " + format(n.replayed) + ", primary at " + format(head)
                                    + ")"
                            : n.replayed < n.barrier ? "has not yet replayed a write at " + format(n.barrier) : null);
        } catch (SQLException e) {
            n.connection = close(n.connection);
            n.lagNanos = -1;
            answered(n, false, PostgisSchema.reason(e));
        } catch (RuntimeException e) {
            n.connection = close(n.connection);
            n.lagNanos = -1;
            answered(n, false, String.valueOf(e.getMessage()));
        }
    }

    private void answered(Node n, boolean answered, String reason) {
        boolean before = usable(n);
        n.answered = answered;
        if (answered) {
            n.suspect = false;
        }
        n.reason = reason;
        boolean after = usable(n);
        if (before != after) {
            if (after) {
                LOG.info("standby {} serves reads (lag {} ms)", n.standby.name(), n.lagNanos / 1_000_000);
            } else {
                LOG.warn("standby {} serves no reads: {}", n.standby.name(), reason);
            }
        }
    }

    /** Nanoseconds since the primary was first seen past {@code replayed}; 0 when the standby has caught up with {@code head}. */
    private long lag(long replayed, long head) {
        if (replayed >= head) {
            return 0;
        }
        long now = System.nanoTime();
        for (Sample s : samples) {
            if (s.lsn() > replayed) {
                return now - s.nanos();
            }
        }
        return now - samples.peekFirst().nanos();
    }

    private static Connection close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        primaryConnection = close(primaryConnection);
        nodes.forEach(n -> n.connection = close(n.connection));
    }
}
