package org.ruralatlas.data.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The instants of CQL2 as both encodings write them (RFC 3339): a date {@code 2025-07-01}
 * (rule fullDate) and a timestamp in UTC {@code 2025-07-01T08:00:00Z} (fullDate "T" utcTime).
 */
public final class Instants {

    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    /** How a date is written, for messages. */
    public static final String DATE_FORM = "YYYY-MM-DD";
    /** How a timestamp is written, for messages. */
    public static final String TIMESTAMP_FORM = "YYYY-MM-DDThh:mm:ssZ (UTC)";

    private Instants() {}

    /** The day {@code text} writes, or null when it is not a day of the calendar written YYYY-MM-DD. */
    public static LocalDate date(String text) {
        try {
            return FULL_DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The instant {@code text} writes, or null when it is not a UTC timestamp as CQL2 writes one. */
    public static Instant timestamp(String text) {
        try {
            return TIMESTAMP.matcher(text).matches() ? Instant.parse(text) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
