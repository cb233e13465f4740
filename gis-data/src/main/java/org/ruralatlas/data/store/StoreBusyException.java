package org.ruralatlas.data.store;

/**
 * Every connection of a pool stayed in use for as long as a request may wait: the database is there, only
 * loaded. A request is refused (503, retry shortly); work that must not fail for it, such as a server's start,
 * waits and tries again.
 */
public class StoreBusyException extends FeatureStoreException {

    public StoreBusyException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether a pool's refusal is this: HikariCP's timeout with no driver failure behind it (one that could
     * not connect carries the driver's reason as its cause).
     */
    public static boolean is(java.sql.SQLException e) {
        return e instanceof java.sql.SQLTransientConnectionException && e.getCause() == null;
    }
}
