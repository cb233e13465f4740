package org.ruralatlas.data.store;

import org.ruralatlas.data.filter.BadFilterException;

/** A store could not answer: the database is unreachable, a statement failed, a file is unreadable. */
public class FeatureStoreException extends RuntimeException {

    public FeatureStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public FeatureStoreException(String message) {
        super(message);
    }

    /**
     * The exception for a statement that failed: a {@link BadFilterException} when the database
     * refused to evaluate the request's own values (SQL state class 22, a data exception, such as
     * an overflow or a division by zero in a filter's arithmetic, or a GEOS topology error on a
     * filter's geometry), a {@link StoreBusyException} when the pool had no connection free in time,
     * otherwise this store exception.
     */
    public static RuntimeException of(String what, java.sql.SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (state.startsWith("22") || state.equals("XX000") && message.contains("TopologyException")) {
            BadFilterException bad = BadFilterException.invalid("the filter cannot be evaluated: "
                    + message.lines().findFirst().orElse("").replaceFirst("^ERROR: ", ""));
            bad.initCause(e);
            return bad;
        }
        if (StoreBusyException.is(e)) {
            return new StoreBusyException(what + " failed: " + message, e);
        }
        return new FeatureStoreException(what + " failed: " + message, e);
    }
}
