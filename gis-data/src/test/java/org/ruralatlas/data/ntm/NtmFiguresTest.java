package org.ruralatlas.data.ntm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which published reports count for a date: the newest per reported unit on or before it, then the undated. */
class NtmFiguresTest {

    private static ReportedFigures report(String id, String pre, String now, String scope, LocalDate date) {
        return new ReportedFigures(
                id, "P", pre, now, scope, null, 182L, 144L, 43L, 1L, 79.1, 23.6, 0.5, null, null, "s", date);
    }

    private static final List<ReportedFigures> REPORTS = List.of(
            report("old", "24", "24", "province", LocalDate.of(2022, 12, 31)),
            report("plan", "24", "24", "province", null),
            report("new", "24", "24", "province", LocalDate.of(2023, 5, 1)),
            // listed after a newer one: the newer still counts
            report("older", "24", "24", "province", LocalDate.of(2022, 6, 1)),
            report("district", "24", "24", "district Lục Nam", LocalDate.of(2022, 1, 1)),
            report("later", "24", "24", "province", LocalDate.of(2024, 6, 1)),
            report("merged", "70", "68", "province", LocalDate.of(2023, 1, 1)));

    @Test
    void theNewestReportPerUnitOnOrBeforeTheDateThenTheUndated() {
        assertThat(NtmFigures.latest(REPORTS, LocalDate.of(2024, 1, 1), null))
                .extracting(ReportedFigures::reportId)
                .containsExactly("new", "district", "merged", "plan");
        // the day a report is dated, it counts
        assertThat(NtmFigures.latest(REPORTS, LocalDate.of(2024, 6, 1), null))
                .extracting(ReportedFigures::reportId)
                .containsExactly("later", "district", "merged", "plan");
        assertThat(NtmFigures.latest(REPORTS, LocalDate.of(2021, 1, 1), null))
                .extracting(ReportedFigures::reportId)
                .containsExactly("plan");
    }

    @Test
    void aProvinceIsItsPre2025CodeBeforeTheReorganisationAndIts2025CodeAfter() {
        assertThat(NtmFigures.latest(REPORTS, LocalDate.of(2025, 6, 30), "70"))
                .extracting(ReportedFigures::reportId)
                .containsExactly("merged");
        assertThat(NtmFigures.latest(REPORTS, LocalDate.of(2025, 6, 30), "68")).isEmpty();
        assertThat(NtmFigures.latest(REPORTS, NtmFigures.REORGANISATION, "68"))
                .extracting(ReportedFigures::reportId)
                .containsExactly("merged");
        assertThat(NtmFigures.latest(REPORTS, NtmFigures.REORGANISATION, "70")).isEmpty();
    }

    @Test
    void communeValuesAreNamedAsTheParameterSpellsThem() {
        assertThat(NtmFigures.Value.of("criteria_met")).isEqualTo(NtmFigures.Value.CRITERIA_MET);
        assertThat(NtmFigures.Value.of("CRITERION")).isNull();
        assertThat(NtmFigures.Value.of(null)).isNull();
    }
}
