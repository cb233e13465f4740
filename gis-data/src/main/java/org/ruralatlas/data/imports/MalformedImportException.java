package org.ruralatlas.data.imports;

/** A file that cannot be read (on): its syntax is broken, or it is not what its format says. Nothing is written. */
public final class MalformedImportException extends RuntimeException {

    public MalformedImportException(String message) {
        super(message, null, false, false);
    }

    public MalformedImportException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
