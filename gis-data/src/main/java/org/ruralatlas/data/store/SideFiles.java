package org.ruralatlas.data.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite files kept beside the embedded GeoPackage (accounts, proposals): one writer at a
 * time, which takes the lock at BEGIN (IMMEDIATE, so two writers never deadlock upgrading a read
 * lock) and waits up to ten seconds for it; WAL, so readers never wait for a writer; foreign keys
 * enforced.
 */
public final class SideFiles {

    private SideFiles() {}

    public static SQLiteDataSource dataSource(Path file) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ds.setBusyTimeout(10_000);
        ds.setJournalMode("WAL");
        ds.setTransactionMode("IMMEDIATE");
        ds.setEnforceForeignKeys(true);
        return ds;
    }

    /**
     * Sets a time parameter as the store keeps times: {@code timestamptz} in PostGIS, epoch
     * milliseconds in a side file; null stays null.
     */
    public static void setTime(PreparedStatement ps, int i, Instant t, boolean postgis) throws SQLException {
        if (t == null) {
            ps.setObject(i, null);
        } else if (postgis) {
            ps.setObject(i, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        } else {
            ps.setLong(i, t.toEpochMilli());
        }
    }

    /** A time column as {@link #setTime} wrote it; null stays null. */
    public static Instant time(ResultSet rs, int i, boolean postgis) throws SQLException {
        if (postgis) {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        long ms = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
