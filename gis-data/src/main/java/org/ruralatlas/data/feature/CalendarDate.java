package org.ruralatlas.data.feature;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The dates RuralAtlas takes from its users: RFC 3339 full-dates of years 0001 to 9999, the
 * four-digit years of RFC 3339 and OGC {@code datetime}. Every store holds them (PostgreSQL's
 * timestamps end in 294276 AD, and a year like +999999999 would make it fail rather than
 * answer), so a request with another date is refused at the edge, never sent to the store.
 */
public final class CalendarDate {

    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    private CalendarDate() {}

    /** {@code YYYY-MM-DD}; {@link IllegalArgumentException} saying why otherwise. */
    public static LocalDate parse(String text) {
        if (text.length() != 10) {
            throw new IllegalArgumentException("'" + text + "' is not a date YYYY-MM-DD");
        }
        try {
            return inRange(LocalDate.parse(text));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date YYYY-MM-DD");
        }
    }

    /** {@code date} itself, or {@link IllegalArgumentException} when its year is outside 0001–9999. */
    public static LocalDate inRange(LocalDate date) {
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw new IllegalArgumentException(
                    "dates run from year " + MIN_YEAR + " to " + MAX_YEAR + ", not " + date.getYear());
        }
        return date;
    }
}
