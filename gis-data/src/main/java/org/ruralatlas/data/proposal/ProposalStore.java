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
import org.ruralatlas.data.store.FeatureStoreException;
import org.sqlite.SQLiteDataSource;

/**
 * The queue of proposals from the public: {@code ruralatlas.proposals} in PostGIS (migration V19),
 * or tables of the same shape in a SQLite file beside the embedded GeoPackage. A proposal leaves
 * {@value Proposal#PENDING} once: {@link #decide} updates only a pending row, so of two reviewers
 * deciding at once exactly one does. A reviewer sees the proposals whose provinces are all its own
 * ({@code proposal_provinces}, one row per province, the same query on both stores).
 */
public final class ProposalStore implements AutoCloseable {

    private static final String COLUMNS = "seq, proposal_id, layer, feature_id, kind, feature, comment, base_digest, "
            + "provinces, status, created, decided_by, decided_at, reason, revision";

    private final DataSource dataSource;
    private final boolean postgis;
    private final String proposals;
    private final String provinces;

    private ProposalStore(DataSource dataSource, boolean postgis) {
        this.dataSource = dataSource;
        this.postgis = postgis;
        this.proposals = postgis ? "ruralatlas.proposals" : "proposals";
        this.provinces = postgis ? "ruralatlas.proposal_provinces" : "proposal_provinces";
    }

    /** The tables of the RuralAtlas schema (migrated by Flyway). */
    public static ProposalStore postgis(DataSource dataSource) {
        return new ProposalStore(dataSource, true);
    }

    /** A SQLite file, created with its tables when missing; writers take the lock at BEGIN (IMMEDIATE). */
    public static ProposalStore sqlite(Path file) {
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
        return new ProposalStore(ds, false);
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + proposals
                        + " SET status = ?, decided_by = ?, decided_at = ?, reason = ? "
                        + "WHERE proposal_id = ? AND status = 'pending'")) {
            ps.setString(1, status);
            ps.setString(2, reviewer);
            setTime(ps, 3, at);
            ps.setString(4, reason);
            ps.setString(5, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FeatureStoreException("deciding a proposal failed: " + e.getMessage(), e);
        }
    }

    /** Puts back to pending a proposal {@code reviewer} accepted but whose edit did not commit. */
    public void reopen(String id, String reviewer) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + proposals
                        + " SET status = 'pending', decided_by = NULL, decided_at = NULL "
                        + "WHERE proposal_id = ? AND status = 'accepted' AND decided_by = ? AND revision IS NULL")) {
            ps.setString(1, id);
            ps.setString(2, reviewer);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new FeatureStoreException("reopening a proposal failed: " + e.getMessage(), e);
        }
    }

    /** Notes the audit revision that the acceptance of proposal {@code id} wrote. */
    public void noteRevision(String id, long revision) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + proposals + " SET revision = ? WHERE proposal_id = ? AND status = 'accepted'")) {
            ps.setLong(1, revision);
            ps.setString(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new FeatureStoreException("noting a proposal's revision failed: " + e.getMessage(), e);
        }
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
