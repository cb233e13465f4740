package org.ruralatlas.data.edit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed change that an actor made, as its list of recent changes shows it: the revision's number, the
 * feature and the operation, without the documents (a province's polygon before and after, a hundred times over,
 * is no list). The feature's own revisions have them.
 */
public record AccountChange(long number, String layer, String featureId, Instant at, String operation) {

    /** How a store keeps a revision's time (PostgreSQL a timestamptz, SQLite epoch milliseconds). */
    interface Time {
        Instant at(ResultSet row, int column) throws SQLException;
    }

    /** The page of {@code actor}'s changes below {@code before} from a store's audit {@code table}, newest first. */
    static List<AccountChange> page(Connection c, String table, Time time, String actor, long before, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision, layer, feature_id, at, operation FROM " + table
                + " WHERE actor = ? AND revision < ? ORDER BY revision DESC LIMIT ?")) {
            ps.setString(1, actor);
            ps.setLong(2, before);
            ps.setInt(3, limit);
            List<AccountChange> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AccountChange(
                            rs.getLong(1), rs.getString(2), rs.getString(3), time.at(rs, 4), rs.getString(5)));
                }
            }
            return out;
        }
    }
}
