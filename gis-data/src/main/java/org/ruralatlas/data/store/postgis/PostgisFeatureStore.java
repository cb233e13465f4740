package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.postgis.jdbc.PGbox2d;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.postgresql.PGConnection;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.MatchCount;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.JdbcFeatureCursor;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.data.store.StoreBusyException;

/**
 * The production store: one parameterised statement per query, streamed with a server-side cursor
 * (fetch size, no autocommit) so a large page never sits in memory, each with a timeout. Reads
 * (features, counts, extents, versions) go through a {@link ReadRoute}, to a streaming standby when
 * one is configured and healthy; writes, notifications and the write counters stay on the primary.
 */
public final class PostgisFeatureStore implements FeatureStore {

    private static final int FETCH_SIZE = 1000;

    /**
     * The session setting of the store's pools (HikariCP's {@code connectionInitSql}): every
     * statement planned with its values. A generic plan knows no box, and read every match of a
     * country-wide box through the GIST index before sorting (2.6 s at a million farms, against
     * 1 ms for the plan that walks the primary key).
     */
    public static final String SESSION = "SET plan_cache_mode = force_custom_plan";

    private final DataSource dataSource;
    private final ReadRoute reads;
    private final int timeoutSeconds;
    private final String description;

    /** A store over a database whose schema {@link PostgisSchema#check} has accepted, read and written on one pool. */
    public PostgisFeatureStore(DataSource dataSource, int timeoutSeconds, String description) {
        this(ReadRoute.primaryOnly(dataSource), timeoutSeconds, description);
    }

    /**
     * A store that reads through {@code reads} (whose primary pool it writes and listens on); it
     * closes the route's pools and its {@link Replicas}.
     */
    public PostgisFeatureStore(ReadRoute reads, int timeoutSeconds, String description) {
        this.dataSource = reads.primary();
        this.reads = reads;
        this.timeoutSeconds = timeoutSeconds;
        this.description = description;
    }

    /** The primary's connection pool: writes, and whatever must see the latest commit. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The standbys reads may use (none: {@link Replicas#NONE}). */
    public Replicas replicas() {
        return reads.replicas();
    }

    /**
     * Returns once the standbys that serve reads have replayed every write committed on the
     * primary so far (bounded; one that has not by then serves no reads until it has): what a
     * write calls before it answers, so that its author reads it back. At once without standbys.
     */
    public void awaitReplicas() {
        if (reads.replicas().size() == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            reads.replicas().awaitPrimary(c);
        } catch (SQLException e) {
            throw failure("waiting for the standbys", e);
        }
    }

    /** Search by name in the database (V18), labelled with the catalogue's communes and provinces. */
    @Override
    public Optional<org.ruralatlas.data.search.NameSearch> nameSearch(
            org.ruralatlas.data.catalog.LayerCatalog catalog) {
        return Optional.of(new PostgisSearch(this, catalog));
    }

    /** Runs {@code work} where reads go (a healthy standby, else the primary). */
    <T> T read(ReadRoute.Work<T> work) throws SQLException {
        return reads.read(work);
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    @Override
    public FeatureCursor query(FeatureQuery query) {
        return open(
                query.readLayer(),
                ItemsSql.select(query),
                query.limit(),
                JdbcFeatureCursor.JavaPage.sqlDid(query.outputLayer(), query));
    }

    @Override
    public long count(FeatureQuery query) {
        ItemsSql sql = ItemsSql.count(query);
        try {
            return reads.read(c -> {
                try (c;
                        PreparedStatement ps = prepare(c, sql);
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        } catch (SQLException e) {
            throw FeatureStoreException.of("counting " + query.layer().id(), e);
        }
    }

    /**
     * How many times the bound the planner must estimate before the count is not tried at all. Its estimates of a
     * box's matches are within a few times of the truth, so a count skipped this far over would not have been exact.
     */
    private static final long SURELY_OVER = 10;

    /**
     * Counts at most {@code exactUpTo} + 1 matches within {@code budget} (a local statement
     * timeout), so the count reads a bounded number of rows; beyond either, the planner's estimate
     * of the matches (EXPLAIN), which costs the same at any size. Where that estimate is already
     * {@link #SURELY_OVER} times the bound, the count is not tried.
     */
    @Override
    public MatchCount countUpTo(FeatureQuery query, long exactUpTo, java.time.Duration budget) {
        try {
            return reads.read(c -> inTransaction(c, t -> {
                long estimated = estimate(t, query);
                // far beyond the bound by the planner's own estimate: counting to the bound would only tell
                // that again, at the cost of reading the bound's rows (50 ms for 100,001 farms at 10 M)
                Long n = estimated > SURELY_OVER * exactUpTo ? null : boundedCount(t, query, exactUpTo, budget);
                return n != null && n <= exactUpTo ? MatchCount.exactly(n) : MatchCount.estimated(estimated);
            }));
        } catch (SQLException e) {
            throw FeatureStoreException.of("counting " + query.layer().id(), e);
        }
    }

    /**
     * Work on {@code c} (closed after) in a transaction of its own that is rolled back, so that its {@code SET LOCAL}
     * settings end with it. The work's own failure decides what is thrown (a standby gone is retried on the
     * primary), not the rollback's on a dead connection.
     */
    static <T> T inTransaction(Connection c, ReadRoute.Work<T> work) throws SQLException {
        try (c) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            c.rollback();
            c.setAutoCommit(true);
            return result;
        }
    }

    /** The count up to {@code exactUpTo} + 1, or null when the budget ran out first. */
    private Long boundedCount(Connection c, FeatureQuery query, long exactUpTo, java.time.Duration budget)
            throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SAVEPOINT bounded_count");
            s.execute("SET LOCAL statement_timeout = " + Math.max(1, budget.toMillis()));
        }
        try (PreparedStatement ps = prepare(c, ItemsSql.countUpTo(query, exactUpTo + 1));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            restoreTimeout(c);
            return n;
        } catch (SQLException e) {
            if (!"57014".equals(e.getSQLState())) {
                throw e;
            }
            // the budget ran out (query_canceled)
            restoreTimeout(c);
            return null;
        }
    }

    /** Back to before the count: undoes its SET LOCAL, and the transaction's failure when it was cancelled. */
    private static void restoreTimeout(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("ROLLBACK TO SAVEPOINT bounded_count");
        }
    }

    private long estimate(Connection c, FeatureQuery query) throws SQLException {
        try (PreparedStatement ps = prepare(c, ItemsSql.explainCount(query));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            String plan = rs.getString(1);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"Plan Rows\":\\s*([0-9.eE+]+)")
                    .matcher(plan);
            if (!m.find()) {
                throw new SQLException("no row estimate in the plan: " + plan);
            }
            return Math.round(Double.parseDouble(m.group(1)));
        }
    }

    @Override
    public Optional<Feature> get(Layer layer, String id) {
        try (FeatureCursor cursor =
                open(layer, ItemsSql.byId(layer, id), 1, JdbcFeatureCursor.JavaPage.sqlDid(layer, null))) {
            return cursor.hasNext() ? Optional.of(cursor.next()) : Optional.empty();
        }
    }

    /**
     * Exact (ST_Extent) for a table of at most {@link #EXACT_EXTENT_UP_TO} rows by the planner's
     * count; for a larger one the union of the GIST index's root entries (ST_EstimatedExtent reads
     * it since PostGIS 3.2), which costs the same at any size where ST_Extent reads every row
     * (2.5 s at a million farms, once per change of the layer): a box around every feature,
     * larger than the exact one by the index's single-precision rounding (about 1e-6°), and by
     * deleted features until the index is rebuilt.
     */
    @Override
    public Optional<Bbox> extent(Layer layer) {
        if (!layer.hasGeometry()) {
            return Optional.empty();
        }
        try {
            return reads.read(c -> {
                try (c) {
                    return extent(c, layer);
                }
            });
        } catch (SQLException e) {
            throw failure("extent of " + layer.id(), e);
        }
    }

    private static Optional<Bbox> extent(Connection c, Layer layer) throws SQLException {
        c.unwrap(PGConnection.class).addDataType("box2d", PGbox2d.class);
        if (estimatedRows(c, layer) > EXACT_EXTENT_UP_TO) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT CASE WHEN split_part(postgis_lib_version(), '.', 1)::int * 100"
                            + " + split_part(postgis_lib_version(), '.', 2)::int >= 302 THEN ST_EstimatedExtent(?, ?, 'geom') END")) {
                ps.setString(1, ItemsSql.SCHEMA);
                ps.setString(2, layer.id());
                Optional<Bbox> box = box(ps);
                if (box.isPresent()) {
                    return box;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT ST_Extent(\"geom\") FROM " + ItemsSql.table(layer))) {
            return box(ps);
        }
    }

    /** Tables of more rows than this get the index's extent rather than a scan of every row. */
    static final long EXACT_EXTENT_UP_TO = 50_000;

    private static long estimatedRows(Connection c, Layer layer) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT reltuples::bigint FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, ItemsSql.table(layer));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static Optional<Bbox> box(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            PGbox2d box = (PGbox2d) rs.getObject(1);
            return box == null
                    ? Optional.empty()
                    : Optional.of(new Bbox(box.getLLB().x, box.getLLB().y, box.getURT().x, box.getURT().y));
        }
    }

    @Override
    public Optional<TimeInterval> temporalExtent(Layer layer) {
        if (layer.temporal() == null) {
            return Optional.empty();
        }
        try {
            return reads.read(c -> {
                try (c;
                        PreparedStatement ps =
                                c.prepareStatement(FeatureRows.temporalExtentSql(layer, ItemsSql.table(layer)));
                        ResultSet rs = ps.executeQuery()) {
                    return FeatureRows.temporalExtent(layer, rs);
                }
            });
        } catch (SQLException e) {
            throw failure("temporal extent of " + layer.id(), e);
        }
    }

    /** The version of the data reads see (a standby's, when reads go to one), so that ETags agree with the features served. */
    @Override
    public LayerVersion version(Layer layer) {
        try {
            return reads.read(c -> {
                try (c;
                        PreparedStatement ps = c.prepareStatement(
                                "SELECT version, modified FROM \"ruralatlas\".\"layer_versions\" WHERE layer = ?")) {
                    ps.setString(1, layer.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return new LayerVersion("0", Instant.EPOCH);
                        }
                        Instant modified =
                                rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                        return new LayerVersion(rs.getLong(1) + "." + modified.toEpochMilli(), modified);
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("version of " + layer.id(), e);
        }
    }

    @Override
    public org.ruralatlas.data.change.ChangeFeed watch(
            List<Layer> layers, java.util.function.Consumer<org.ruralatlas.data.change.DataChange> listener) {
        try {
            return PostgisChangeFeed.start(dataSource, layers, listener, reads.replicas());
        } catch (SQLException e) {
            throw failure("listening for data changes", e);
        }
    }

    /** Every layer's write counter on the primary (bumped once per writing transaction, at its commit: migration V7). */
    public java.util.Map<String, Long> versionNumbers() {
        java.util.Map<String, Long> versions = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT layer, version FROM \"ruralatlas\".\"layer_versions\"");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
            return versions;
        } catch (SQLException e) {
            throw failure("layer versions", e);
        }
    }

    /**
     * One {@code SELECT 1} through the pool. A pool whose every connection is busy answers
     * healthy: the database is there, only loaded (a pool that timed out carries no driver
     * failure then); a pool that cannot connect says the driver's reason.
     */
    @Override
    public void checkHealth() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.setQueryTimeout(1);
            ps.executeQuery().close();
        } catch (java.sql.SQLTransientConnectionException e) {
            if (e.getCause() != null) {
                throw new FeatureStoreException(PostgisSchema.reason(e), e);
            }
        } catch (SQLException e) {
            throw new FeatureStoreException(PostgisSchema.reason(e), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        reads.replicas().close();
        reads.close();
    }

    /** Runs {@code sql}, whose rows {@code layer} lays out. */
    private FeatureCursor open(Layer layer, ItemsSql sql, int limit, JdbcFeatureCursor.JavaPage page) {
        try {
            return reads.read(c -> open(c, layer, sql, limit, page));
        } catch (SQLException e) {
            throw FeatureStoreException.of("querying " + layer.id(), e);
        }
    }

    /** The cursor, which closes {@code c} when it is closed; {@code c} is closed here when the statement fails. */
    private FeatureCursor open(Connection c, Layer layer, ItemsSql sql, int limit, JdbcFeatureCursor.JavaPage page)
            throws SQLException {
        try {
            // a server-side cursor (fetch size) needs a transaction; a page that fits one fetch does not
            boolean large = limit == FeatureQuery.UNLIMITED || limit > FETCH_SIZE;
            if (large) {
                c.setAutoCommit(false);
            }
            PreparedStatement ps = prepare(c, sql);
            if (large) {
                ps.setFetchSize(FETCH_SIZE);
            }
            ResultSet rs = ps.executeQuery();
            WKBReader wkb = new WKBReader();
            return new JdbcFeatureCursor(c, ps, rs, layer, bytes -> decode(wkb, bytes), page, sql.countsMatches());
        } catch (SQLException e) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The statement, a named statement on the server from its first use, so that PostgreSQL parses
     * its text once per connection (a tenth to a sixth of the database's time per page), and planned
     * afresh with its values at every execution, by the sessions' {@link #SESSION}.
     */
    PreparedStatement prepare(Connection c, ItemsSql sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.sql());
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        ps.setQueryTimeout(timeoutSeconds);
        List<Object> params = sql.params();
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    static org.locationtech.jts.geom.Geometry decode(WKBReader reader, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            org.locationtech.jts.geom.Geometry g = reader.read(bytes);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new FeatureStoreException("unreadable geometry from PostGIS", e);
        }
    }

    private static FeatureStoreException failure(String what, SQLException e) {
        if (StoreBusyException.is(e)) {
            return new StoreBusyException(what + " failed: " + e.getMessage(), e);
        }
        return new FeatureStoreException(what + " failed: " + e.getMessage(), e);
    }
}
