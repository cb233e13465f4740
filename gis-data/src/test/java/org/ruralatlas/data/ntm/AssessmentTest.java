package org.ruralatlas.data.ntm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.feature.Feature;

/** An assessment read from its record: what it passes, fails, and does not say. */
class AssessmentTest {

    private static Assessment read(Map<String, Object> properties) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("criteria_met", 17L);
        p.put("source_date", java.time.LocalDate.of(2026, 7, 1));
        p.put("sample", true);
        return Assessment.of(new Feature("a", null, p));
    }

    @Test
    void criteriaAndIndicatorsPassFailOrAreUnknown() {
        Assessment a = read(Map.of(
                "criteria_passed", List.of("1", "8"),
                "criteria_failed", List.of("9"),
                "indicators_passed", List.of("8.1"),
                "indicators_failed", List.of("8.4")));
        assertThat(a.result("8")).isTrue();
        assertThat(a.result("8.1")).isTrue();
        assertThat(a.result("9")).isFalse();
        assertThat(a.result("8.4")).isFalse();
        // neither passed nor failed: unknown, never counted as failed
        assertThat(a.result("8.2")).isNull();
        assertThat(a.passed()).containsExactly("1", "8", "8.1");
        assertThat(a.failed()).containsExactly("9", "8.4");
        assertThat(a.criteriaMet()).isEqualTo(17);
        assertThat(a.provenance().sample()).isTrue();
        assertThat(a.provenance().sourceDate()).hasToString("2026-07-01");
    }

    @Test
    void aRecordWithoutListsSaysNothingAndKeepsItsNulls() {
        Assessment a = read(Map.of());
        assertThat(a.result("1")).isNull();
        assertThat(a.passed()).isEmpty();
        assertThat(a.criteriaPassed()).isNull();
    }

    @Test
    void theCommunePictureReadsEachCriterionOfTheSetAgainstTheLatestAssessment() {
        List<Criterion> set = List.of(
                new Criterion("8", "criterion", null, "Thông tin", "Information", true, true, null),
                new Criterion("8.4", "indicator", "8", "Dịch vụ công", "Online services", true, true, null),
                new Criterion("9", "criterion", null, "Nhà ở", "Housing", false, true, null));
        Assessment a = read(Map.of("criteria_passed", List.of("8"), "indicators_failed", List.of("8.4")));
        assertThat(CommunePicture.results(set, a))
                .extracting(CommunePicture.CriterionResult::met)
                .containsExactly(true, false, null);
        assertThat(CommunePicture.results(set, null))
                .extracting(CommunePicture.CriterionResult::met)
                .containsExactly(null, null, null);
    }
}
