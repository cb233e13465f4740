package org.ruralatlas.data.edit;

/** A write that clashes with the data as it is now: a new feature whose id is taken meanwhile. */
public final class EditConflictException extends RuntimeException {

    public EditConflictException(String message) {
        super(message, null, false, false);
    }
}
