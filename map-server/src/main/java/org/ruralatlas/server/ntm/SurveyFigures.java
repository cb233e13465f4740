package org.ruralatlas.server.ntm;

import java.util.List;
import org.ruralatlas.data.survey.SurveyAggregate;

/**
 * What the commune picture shows of the satisfaction survey. The survey package implements it
 * ({@code SurveyService}); it is declared here so that ntm does not depend on survey, which
 * depends on ntm for its communes.
 */
public interface SurveyFigures {

    /** The survey period of today, e.g. 2026-Q4. */
    String currentPeriod();

    /** The period's figures, of one commune or (null) of every commune. */
    List<SurveyAggregate> aggregates(String period, String commune);

    /** This period's figures of one commune; zero responses when none came. */
    default SurveyAggregate thisPeriod(String commune) {
        String period = currentPeriod();
        List<SurveyAggregate> a = aggregates(period, commune);
        return a.isEmpty() ? new SurveyAggregate(commune, period, 0, 0, java.util.Map.of()) : a.get(0);
    }
}
