package org.ruralatlas.data.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The datetime parameter: what it takes, and every date no store can hold refused as bad input, never thrown as anything else. */
class TimeIntervalTest {

    @Test
    void takesDatesDateTimesAndOpenIntervals() {
        assertThat(TimeInterval.parse("2025-07-01")).isEqualTo(TimeInterval.at(LocalDate.of(2025, 7, 1)));
        assertThat(TimeInterval.parse("2025-07-01T23:30:00-02:00").start()).isEqualTo(LocalDate.of(2025, 7, 2));
        assertThat(TimeInterval.parse("../2025-06-30").start()).isNull();
        assertThat(TimeInterval.parse("0001-01-01/9999-12-31").end()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+999999999-12-31T23:00:00-18:00",
                "-999999999-01-01T00:00:00+18:00",
                "+999999999-12-31",
                "+10000-01-01",
                "10000-01-01",
                "0000-12-31",
                "-4714-11-24",
                "294277-01-01",
                "9999-12-31T23:00:00-02:00",
                "0001-01-01T00:30:00+01:00",
                "2025-02-30",
                "2025-07-01T25:00:00Z",
                "yesterday",
                "",
                "..",
                "../..",
                "2025-07-01/2024-01-01"
            })
    void refusesWhatNoStoreHoldsAsIllegalArgument(String text) {
        assertThatThrownBy(() -> TimeInterval.parse(text)).isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calendarDatesAreYearsOneToNineThousandNineHundredNinetyNine() {
        assertThat(CalendarDate.parse("0001-01-01")).isEqualTo(LocalDate.of(1, 1, 1));
        assertThatThrownBy(() -> CalendarDate.parse("+10000-01-01"))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalendarDate.parse("0000-01-01")).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalendarDate.parse("2025-7-1")).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
