package org.ruralatlas.server.ogcapi;

import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Numbers and dates as the reader writes them, for the pages: 6.084 and 79,3 in Vietnamese, 6,084
 * and 79.3 in English; "—" for none.
 */
public final class Figures {

    public static final String NONE = "—";

    private final NumberFormat counts;
    private final NumberFormat decimals;
    private final DecimalFormat gaps;
    private final DateTimeFormatter dates;

    public Figures(Words words) {
        counts = NumberFormat.getIntegerInstance(words.locale());
        decimals = NumberFormat.getNumberInstance(words.locale());
        decimals.setMinimumFractionDigits(1);
        decimals.setMaximumFractionDigits(1);
        gaps = (DecimalFormat) decimals.clone();
        gaps.setPositivePrefix("+");
        dates = DateTimeFormatter.ofPattern(words.get("page.date-pattern"), words.locale());
    }

    public String count(Number n) {
        return n == null ? NONE : counts.format(n.longValue());
    }

    public String decimal(Double d) {
        return d == null || d.isNaN() ? NONE : decimals.format(d);
    }

    /** A distance to a target, signed: +2,3 above it, -4,1 below. */
    public String gap(Double d) {
        return d == null || d.isNaN() ? NONE : gaps.format(d);
    }

    public String date(LocalDate d) {
        return d == null ? NONE : dates.format(d);
    }
}
