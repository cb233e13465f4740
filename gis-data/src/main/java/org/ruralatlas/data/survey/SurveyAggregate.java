package org.ruralatlas.data.survey;

import java.util.Map;

/**
 * What the responses of one commune (or group of communes) in one period add up to: how many,
 * how many satisfied (overall 4 or 5), and the mean of each topic's ratings.
 */
public record SurveyAggregate(
        String communeCode, String period, long responses, long satisfied, Map<String, Double> topicMeans) {

    /** Share of responses satisfied, in percent to one decimal; null with no response. */
    public Double satisfactionPct() {
        return responses == 0 ? null : org.ruralatlas.data.ntm.Shares.percent(satisfied, responses);
    }
}
