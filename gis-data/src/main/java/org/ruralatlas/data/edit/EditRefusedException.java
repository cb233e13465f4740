package org.ruralatlas.data.edit;

/** Values the store refuses (a constraint, a value out of a column's range): nothing was written. */
public final class EditRefusedException extends RuntimeException {

    public EditRefusedException(String message) {
        super(message, null, false, false);
    }
}
