package org.ruralatlas.data.ntm;

import java.util.List;

/**
 * A current commune's NTM picture, as a commune panel shows it: the commune, each criterion of
 * its set with whether its latest assessment meets it, how many pre-2025 units it was made from,
 * and the growing areas it holds. Satisfaction comes from the survey, which the caller adds.
 */
public record CommunePicture(
        Commune commune, List<CriterionResult> criteria, int predecessors, List<GrowingArea> growingAreas) {

    /** A criterion of the commune's set and whether it is met: null when the commune was never assessed or the assessment does not say. */
    public record CriterionResult(Criterion criterion, Boolean met) {}

    /** A growing area (zone) in the commune and its code's status. */
    public record GrowingArea(String name, String growingAreaCode, String status) {}

    /** The criteria of {@code set} against the commune's latest assessment ({@code null} when none). */
    static List<CriterionResult> results(List<Criterion> set, Assessment latest) {
        return set.stream()
                .map(c -> new CriterionResult(c, latest == null ? null : latest.result(c.number())))
                .toList();
    }
}
