package org.ruralatlas.data.survey;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One resident's answer to the NTM satisfaction survey of a commune for a period: an overall
 * rating and optional ratings per programme topic, 1 (very dissatisfied) to 5 (very satisfied).
 * It carries no personal data: the device hash is a keyed hash of a random device token and the
 * period, so it neither identifies the person nor links answers across periods.
 */
public record SurveyResponse(
        String responseId,
        String period,
        String communeCode,
        LocalDate submittedOn,
        String deviceHash,
        int overall,
        Map<String, Integer> topics) {

    /** The programme's topics, as the survey form asks them. */
    public static final List<String> TOPICS = List.of(
            "infrastructure",
            "production_income",
            "environment",
            "culture_education_health",
            "security_order",
            "public_services");

    /** A rating of 4 or 5 counts as satisfied. */
    public boolean satisfied() {
        return overall >= 4;
    }
}
