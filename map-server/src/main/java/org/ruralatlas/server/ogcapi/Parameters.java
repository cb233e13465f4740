package org.ruralatlas.server.ogcapi;

import java.time.LocalDate;
import org.ruralatlas.data.feature.CalendarDate;
import org.ruralatlas.server.error.ApiException;

/** Query parameters every endpoint reads the same way, refused the same way (400 naming the parameter). */
public final class Parameters {

    private Parameters() {}

    /** The offset of the page after one at {@code offset} of {@code limit} items; never overflows (at most Long.MAX_VALUE). */
    public static long next(long offset, long limit) {
        return offset > Long.MAX_VALUE - limit ? Long.MAX_VALUE : offset + limit;
    }

    /** A date {@code YYYY-MM-DD} within {@link CalendarDate}'s years; {@code fallback} when the parameter is absent. */
    public static LocalDate date(String name, String text, LocalDate fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return CalendarDate.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, name + ": " + e.getMessage());
        }
    }

    /** {@code true} or {@code false}, exactly; {@code fallback} when the parameter is absent. */
    public static boolean bool(String name, String text, boolean fallback) {
        if (text == null) {
            return fallback;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badParameter(name, name + " is true or false");
        };
    }

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
            throw ApiException.badParameter(
                    name,
                    max == Long.MAX_VALUE
                            ? name + " must be at least " + min
                            : name + " must be between " + min + " and " + max);
        }
        return v;
    }
}
