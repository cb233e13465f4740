package org.ruralatlas.data.feature;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calendar the data's dates are in: a unit's validity, a recognition's decision, a survey's day are Vietnam's
 * days, whatever the zone of the server that reads them. "Today" is one day for every part of RuralAtlas (items,
 * tiles, search, records, edits): the server's or UTC's day differs from Vietnam's from 00:00 to 07:00 there.
 */
public final class VietnamCalendar {

    /** Vietnam's zone (UTC+7, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private VietnamCalendar() {}

    /** Today in Vietnam. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
