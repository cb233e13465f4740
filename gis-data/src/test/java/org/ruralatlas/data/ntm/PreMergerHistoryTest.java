package org.ruralatlas.data.ntm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A merged commune's predecessors, each with the recognitions granted to it, and the share derived from them. */
class PreMergerHistoryTest {

    private static LineageStep step(String name) {
        return new LineageStep("l-" + name, "commune", null, name, "xa", null, "u", "00001", "merged");
    }

    private static Recognition recognition(String id, String oldCommune, String level) {
        return new Recognition(id, oldCommune, null, null, level, null, null, null, null, "00001", null);
    }

    @Test
    void recognitionsGoToThePredecessorOfTheirNameWhereverTheToneMarkSits() {
        PreMergerHistory h = PreMergerHistory.of(
                List.of(step("Phúc Hoà"), step("Đông Xá"), step("Tân Lập")),
                List.of(
                        recognition("r1", "PHÚC HÒA", "ntm"),
                        recognition("r2", "Phúc Hoà ", "advanced"),
                        recognition("r3", "Đông Xá", null),
                        recognition("r4", "Hà Nội", "model"),
                        recognition("r5", "Phuc Hoa", "model")));
        assertThat(h.predecessors())
                .extracting(p -> p.recognitions().stream().map(Recognition::id).toList())
                .containsExactly(List.of("r1", "r2"), List.of("r3"), List.of());
        // another commune, and a name without its diacritics (another name in Vietnamese), match none
        assertThat(h.unmatched()).extracting(Recognition::id).containsExactly("r4", "r5");
        assertThat(h.predecessors())
                .extracting(PreMergerHistory.Predecessor::best)
                .containsExactly(Level.ADVANCED, null, null);
        assertThat(h.recognised()).isEqualTo(1);
        assertThat(h.unknown()).isEqualTo(2);
        // of all three predecessors, not of the one with a recorded status
        assertThat(h.recognisedPct()).isEqualTo(33.3);
    }

    @Test
    void aRecognitionBelowNtmCountsAsKnownButNotRecognised() {
        PreMergerHistory h = PreMergerHistory.of(
                List.of(step("A"), step("B")),
                List.of(recognition("r1", "A", "not_ntm"), recognition("r2", "B", "ntm")));
        assertThat(h.recognised()).isEqualTo(1);
        assertThat(h.unknown()).isZero();
        assertThat(h.recognisedPct()).isEqualTo(50.0);
    }

    @Test
    void noRecordedStatusGivesNoShare() {
        assertThat(PreMergerHistory.of(List.of(step("A")), List.of()).recognisedPct())
                .isNull();
        assertThat(PreMergerHistory.of(List.of(), List.of(recognition("r", "A", "ntm")))
                        .recognisedPct())
                .isNull();
    }
}
