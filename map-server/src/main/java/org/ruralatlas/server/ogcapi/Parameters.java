package org.ruralatlas.server.ogcapi;

import org.ruralatlas.server.error.ApiException;

/** Query parameters every endpoint reads the same way, refused the same way (400 naming the parameter). */
public final class Parameters {

    private Parameters() {}

    /** A whole number from {@code min} to {@code max}; {@code fallback} when the parameter is absent. */
    public static long wholeNumber(String name, String text, long fallback, long min, long max) {
        if (text == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, name + " must be a whole number, not '" + text + "'");
        }
        if (v < min || v > max) {
            throw ApiException.badParameter(name, max == Long.MAX_VALUE ? name + " must be at least " + min
                    : name + " must be between " + min + " and " + max);
        }
        return v;
    }
}
