package org.ruralatlas.data.feature;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A closed interval of calendar days, either end open (null), as the OGC {@code datetime}
 * parameter gives it: an instant ({@code 2025-07-01} or {@code 2025-07-01T08:00:00Z}), or
 * {@code start/end} with {@code ..} (or nothing) for an open end. Times are taken in UTC and
 * reduced to their day, the precision of the data (validity dates, recognition years).
 */
public record TimeInterval(LocalDate start, LocalDate end) {

    public TimeInterval {
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException("datetime interval starts after it ends");
        }
    }

    /** The single day {@code day}. */
    public static TimeInterval at(LocalDate day) {
        return new TimeInterval(day, day);
    }

    public static TimeInterval parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        if (slash < 0) {
            if (t.isEmpty() || t.equals("..")) {
                throw new IllegalArgumentException("datetime needs a date-time, or an interval start/end");
            }
            return at(day(t));
        }
        if (t.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("datetime interval has more than one '/'");
        }
        String a = t.substring(0, slash);
        String b = t.substring(slash + 1);
        boolean openA = a.isEmpty() || a.equals("..");
        boolean openB = b.isEmpty() || b.equals("..");
        if (openA && openB) {
            throw new IllegalArgumentException("datetime interval must have at least one end");
        }
        return new TimeInterval(openA ? null : day(a), openB ? null : day(b));
    }

    /** The day of a date or of a date-time in UTC, within {@link CalendarDate}'s years. */
    private static LocalDate day(String s) {
        try {
            if (s.length() == 10) {
                return CalendarDate.inRange(LocalDate.parse(s));
            }
            return CalendarDate.inRange(OffsetDateTime.parse(s.replace(' ', 'T'))
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDate());
        } catch (DateTimeException | ArithmeticException e) {
            // a text that is no date, or one whose UTC day falls outside what java.time can hold
            throw new IllegalArgumentException("datetime '" + s
                    + "' is not an RFC 3339 date or date-time (e.g. 2025-07-01 or 2025-07-01T00:00:00Z)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("datetime '" + s + "': " + e.getMessage());
        }
    }
}
