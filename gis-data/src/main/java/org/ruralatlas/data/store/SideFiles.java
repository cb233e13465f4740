package org.ruralatlas.data.store;

import java.nio.file.Path;
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
}
