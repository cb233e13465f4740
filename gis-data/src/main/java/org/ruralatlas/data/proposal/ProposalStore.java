package org.ruralatlas.data.proposal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.store.FeatureStoreException;
import org.sqlite.SQLiteDataSource;

/**
 * The queue of proposals from the public: {@code ruralatlas.proposals} in PostGIS (migration V19),
 * or tables of the same shape in a SQLite file beside the embedded GeoPackage. A proposal leaves
 * {@value Proposal#PENDING} once: {@link #decide} updates only a pending row, so of two reviewers
 * deciding at once exactly one does. A reviewer sees the proposals whose provinces are all its own
 * ({@code proposal_provinces}, one row per province, the same query on both stores).
 *
 * <p>An acceptance is exactly once, across a crash too: it is written in the transaction of the edit that carries
 * it out ({@link #acceptance}), so the edit is never kept without the decision nor the decision without the edit.
 * In PostGIS the queue is in the edit's database and its row moves there. The embedded queue is a file of its own,
 * which one transaction cannot commit with the GeoPackage's (both WAL: each file commits on its own), so the
 * decisions are recorded in the GeoPackage ({@value #DECISIONS}, one row per proposal, its key making a second
 * decision fail) and copied to the queue's file after; a copy lost in a crash is made again by {@link #reconcile},
 * run at every start and whenever a decision is refused. A rejection claims the same row first.
 */
public final class ProposalStore implements AutoCloseable {

    private static final String COLUMNS = "seq, proposal_id, layer, feature_id, kind, feature, comment, base_digest, "
            + "provinces, status, created, decided_by, decided_at, reason, revision";

    /** The embedded store's record of decisions, a table of the GeoPackage (not a layer: GDAL and QGIS do not list it). */
    public static final String DECISIONS = "ruralatlas_proposal_decisions";

    private static final String DECISIONS_DDL = " (proposal_id TEXT PRIMARY KEY, status TEXT NOT NULL "
            + "CHECK (status IN ('accepted', 'rejected')), decided_by TEXT NOT NULL, decided_at INTEGER NOT NULL, "
            + "reason TEXT, revision INTEGER)";

    private final DataSource dataSource;
    private final boolean postgis;
    private final String proposals;
    private final String provinces;
    /** The GeoPackage that records the embedded queue's decisions; null in PostGIS. */
    private final Path geopackage;

    private ProposalStore(DataSource dataSource, boolean postgis, Path geopackage) {
        this.dataSource = dataSource;
        this.postgis = postgis;
        this.proposals = postgis ? "ruralatlas.proposals" : "proposals";
        this.provinces = postgis ? "ruralatlas.proposal_provinces" : "proposal_provinces";
        this.geopackage = geopackage;
    }

    /** The tables of the RuralAtlas schema (migrated by Flyway). */
    public static ProposalStore postgis(DataSource dataSource) {
        return new ProposalStore(dataSource, true, null);
    }

    /**
     * A SQLite file, created with its tables when missing; writers take the lock at BEGIN (IMMEDIATE). The
     * decisions are recorded in {@code geopackage}, the file the edits write, and copied from there at once.
     */
    public static ProposalStore sqlite(Path file, Path geopackage) {
        SQLiteDataSource ds = org.ruralatlas.data.store.SideFiles.dataSource(file);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS proposals (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "proposal_id TEXT NOT NULL UNIQUE, layer TEXT NOT NULL, feature_id TEXT NOT NULL, "
                    + "kind TEXT NOT NULL CHECK (kind IN ('correction', 'new')), feature TEXT NOT NULL, comment TEXT, "
                    + "base_digest TEXT, provinces TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'pending' "
                    + "CHECK (status IN ('pending', 'accepted', 'rejected')), created INTEGER NOT NULL, "
                    + "decided_by TEXT, decided_at INTEGER, reason TEXT, revision INTEGER, "
                    + "CHECK ((kind = 'correction') = (base_digest IS NOT NULL)), "
                    + "CHECK (status <> 'rejected' OR reason IS NOT NULL))");
            s.execute("CREATE INDEX IF NOT EXISTS proposals_status_idx ON proposals (status, seq)");
            s.execute("CREATE TABLE IF NOT EXISTS proposal_provinces (proposal_id TEXT NOT NULL "
                    + "REFERENCES proposals (proposal_id) ON DELETE CASCADE, province_code TEXT NOT NULL, "
                    + "PRIMARY KEY (proposal_id, province_code))");
            s.execute("CREATE INDEX IF NOT EXISTS proposal_provinces_code_idx ON proposal_provinces (province_code)");
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot open the proposals file " + file + ": " + e.getMessage(), e);
        }
        ProposalStore store = new ProposalStore(ds, false, geopackage.toAbsolutePath());
        store.reconcile();
        return store;
    }

    /** Queues a proposal with its provinces, in one transaction. */
    public void add(Proposal p) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement row = c.prepareStatement("INSERT INTO " + proposals
                            + " (proposal_id, layer, feature_id, kind, feature, comment, base_digest, provinces, status, "
                            + "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)");
                    PreparedStatement each = c.prepareStatement(
                            "INSERT INTO " + provinces + " (proposal_id, province_code) VALUES (?, ?)")) {
                row.setString(1, p.id());
                row.setString(2, p.layer());
                row.setString(3, p.featureId());
                row.setString(4, p.correction() ? "correction" : "new");
                row.setString(5, p.feature());
                row.setString(6, p.comment());
                row.setString(7, p.baseDigest());
                row.setString(8, String.join(",", p.provinces()));
                setTime(row, 9, p.created());
                row.executeUpdate();
                for (String code : p.provinces()) {
                    each.setString(1, p.id());
                    each.setString(2, code);
                    each.addBatch();
                }
                each.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("queuing a proposal failed: " + e.getMessage(), e);
        }
    }

    public Optional<Proposal> find(String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM " + proposals + " WHERE proposal_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("reading a proposal failed: " + e.getMessage(), e);
        }
    }

    /**
     * Up to {@code limit} proposals of {@code status} after {@code afterSeq} in queue order; with
     * {@code within} (not null), only those with provinces, every one of them in {@code within}.
     */
    public List<Proposal> list(String status, List<String> within, long afterSeq, int limit) {
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM " + proposals + " p WHERE status = ?" + " AND seq > ?");
        if (within != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM ")
                    .append(provinces)
                    .append(" x WHERE x.proposal_id = p.proposal_id)");
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ")
                    .append(provinces)
                    .append(" x WHERE x.proposal_id = p.proposal_id");
            if (!within.isEmpty()) {
                sql.append(" AND x.province_code NOT IN (")
                        .append(String.join(", ", java.util.Collections.nCopies(within.size(), "?")))
                        .append(")");
            }
            sql.append(")");
        }
        sql.append(" ORDER BY seq LIMIT ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setString(i++, status);
            ps.setLong(i++, afterSeq);
            for (String code : within == null ? List.<String>of() : within) {
                ps.setString(i++, code);
            }
            ps.setInt(i, limit);
            List<Proposal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new FeatureStoreException("listing proposals failed: " + e.getMessage(), e);
        }
    }

    /** How many proposals there are (any status). */
    public long count() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + proposals)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new FeatureStoreException("counting proposals failed: " + e.getMessage(), e);
        }
    }

    /**
     * Moves a pending proposal to {@code status} ({@value Proposal#ACCEPTED} or {@value
     * Proposal#REJECTED}) by {@code reviewer}; false when it was no longer pending (another decided
     * first), whatever the concurrency.
     */
    public boolean decide(String id, String status, String reviewer, String reason, Instant at) {
        // a GeoPackage served as it is takes no edits, so no acceptance can race a rejection there
        if (geopackage != null && java.nio.file.Files.isWritable(geopackage)) {
            if (!claim(id, status, reviewer, reason, at)) {
                reconcile();
                return false;
            }
            copy(id, status, reviewer, at, reason, null);
            return true;
        }
        return copy(id, status, reviewer, at, reason, null);
    }

    /**
     * The acceptance of proposal {@code id} by {@code reviewer}, to be written in the transaction of the edit that
     * carries it out ({@link FeatureEdits#edit(org.ruralatlas.data.catalog.Layer, String, String,
     * java.util.function.Function, FeatureEdits.Alongside)}), with the revision that edit wrote. It throws {@link
     * ProposalDecidedException} when the proposal was decided already, which rolls the edit back.
     */
    public Acceptance acceptance(String id, String reviewer, Instant at) {
        return new Acceptance(this, id, reviewer, at);
    }

    /** An acceptance to write in an edit's transaction ({@link #acceptance}); then the revision it noted. */
    public static final class Acceptance implements FeatureEdits.Alongside {

        private final ProposalStore queue;
        private final String id;
        private final String reviewer;
        private final Instant at;
        private long revision;

        private Acceptance(ProposalStore queue, String id, String reviewer, Instant at) {
            this.queue = queue;
            this.id = id;
            this.reviewer = reviewer;
            this.at = at;
        }

        @Override
        public void write(Connection c, FeatureEdits.Store store, long number) throws SQLException {
            if ((store == FeatureEdits.Store.POSTGIS) != queue.postgis) {
                throw new IllegalStateException("the proposals and the edits are in different stores");
            }
            if (queue.postgis) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE " + queue.proposals
                        + " SET status = 'accepted', decided_by = ?, decided_at = ?, revision = ? "
                        + "WHERE proposal_id = ? AND status = 'pending'")) {
                    ps.setString(1, reviewer);
                    queue.setTime(ps, 2, at);
                    ps.setLong(3, number);
                    ps.setString(4, id);
                    if (ps.executeUpdate() != 1) {
                        throw new ProposalDecidedException(id);
                    }
                }
            } else {
                record(c, "", id, Proposal.ACCEPTED, reviewer, at, null, number);
            }
            revision = number;
        }

        /** The revision of the edit that carried the acceptance out (0 before it is written). */
        public long revision() {
            return revision;
        }
    }

    /**
     * Copies an acceptance that {@link #acceptance} wrote in the edit's transaction into the queue (the embedded
     * store's file; in PostGIS it is there already).
     */
    public void accepted(String id, String reviewer, Instant at, long revision) {
        if (geopackage != null) {
            copy(id, Proposal.ACCEPTED, reviewer, at, null, revision);
        }
    }

    /**
     * Copies into the embedded queue every decision that the GeoPackage records and the queue does not show yet (a
     * copy that a crash or a failure stopped); the number copied. Nothing to do in PostGIS.
     */
    public int reconcile() {
        if (geopackage == null) {
            return 0;
        }
        try (Connection c = attached()) {
            try (ResultSet rs = c.createStatement()
                    .executeQuery(
                            "SELECT 1 FROM gpkg.sqlite_master WHERE type = 'table' AND name = '" + DECISIONS + "'")) {
                if (!rs.next()) {
                    return 0;
                }
            }
            String d = "(SELECT d.%s FROM gpkg." + DECISIONS + " d WHERE d.proposal_id = proposals.proposal_id)";
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE proposals SET status = " + d.formatted("status") + ", decided_by = "
                        + d.formatted("decided_by") + ", decided_at = " + d.formatted("decided_at") + ", reason = "
                        + d.formatted("reason") + ", revision = " + d.formatted("revision")
                        + " WHERE status = 'pending' AND proposal_id IN (SELECT proposal_id FROM gpkg." + DECISIONS
                        + ")");
            }
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "reconciling the proposals with their decisions failed: " + e.getMessage(), e);
        }
    }

    /** Records a rejection in the GeoPackage, in a transaction of its own; false when the proposal was decided already. */
    private boolean claim(String id, String status, String reviewer, String reason, Instant at) {
        try (Connection c = attached()) {
            c.setAutoCommit(false);
            try {
                record(c, "gpkg.", id, status, reviewer, at, reason, null);
                c.commit();
                return true;
            } catch (ProposalDecidedException e) {
                c.rollback();
                return false;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("deciding a proposal failed: " + e.getMessage(), e);
        }
    }

    /** One decision into the GeoPackage's record ({@code schema} "" or "gpkg."); a second one of a proposal throws. */
    private static void record(
            Connection c, String schema, String id, String status, String reviewer, Instant at, String reason, Long rev)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + schema + DECISIONS + DECISIONS_DDL);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + DECISIONS
                + " (proposal_id, status, decided_by, decided_at, reason, revision) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, status);
            ps.setString(3, reviewer);
            ps.setLong(4, at.toEpochMilli());
            ps.setString(5, reason);
            ps.setObject(6, rev);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("UNIQUE")) {
                throw new ProposalDecidedException(id);
            }
            throw e;
        }
    }

    /**
     * Writes a decision into the queue, a pending row only (on the embedded store, one recorded in the GeoPackage);
     * false when the row was no longer pending.
     */
    private boolean copy(String id, String status, String reviewer, Instant at, String reason, Long revision) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + proposals
                        + " SET status = ?, decided_by = ?, decided_at = ?, reason = ?, revision = ? "
                        + "WHERE proposal_id = ? AND status = 'pending'")) {
            ps.setString(1, status);
            ps.setString(2, reviewer);
            setTime(ps, 3, at);
            ps.setString(4, reason);
            ps.setObject(5, revision);
            ps.setString(6, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FeatureStoreException("deciding a proposal failed: " + e.getMessage(), e);
        }
    }

    /** A connection to the queue's file with the GeoPackage attached as {@code gpkg}. */
    private Connection attached() throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS gpkg")) {
            attach.setString(1, geopackage.toString());
            attach.execute();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        org.ruralatlas.data.store.SideFiles.setTime(ps, i, t, postgis);
    }

    private Instant time(ResultSet rs, String column) throws SQLException {
        return org.ruralatlas.data.store.SideFiles.time(rs, rs.findColumn(column), postgis);
    }

    private Proposal read(ResultSet rs) throws SQLException {
        String codes = rs.getString("provinces");
        long revision = rs.getLong("revision");
        Long rev = rs.wasNull() ? null : revision;
        return new Proposal(
                rs.getLong("seq"),
                rs.getString("proposal_id"),
                rs.getString("layer"),
                rs.getString("feature_id"),
                "correction".equals(rs.getString("kind")),
                rs.getString("feature"),
                rs.getString("comment"),
                rs.getString("base_digest"),
                codes == null || codes.isEmpty() ? List.of() : Arrays.asList(codes.split(",")),
                rs.getString("status"),
                time(rs, "created"),
                rs.getString("decided_by"),
                time(rs, "decided_at"),
                rs.getString("reason"),
                rev);
    }

    /** Closes the pool, when the store was given one that closes. */
    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable a) {
            try {
                a.close();
            } catch (Exception e) {
                throw new FeatureStoreException("closing the proposals store failed: " + e.getMessage(), e);
            }
        }
    }
}
