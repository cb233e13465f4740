package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.ntm.Assessment;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An assessment as {@code /ntm/assessments} lists it: the record's columns, then, when a criterion
 * was asked about, the criterion and whether it is met ({@code met} null: the assessment does not say).
 *
 * @param criterion null (and left out) when no criterion was asked about
 * @param met null (left out) when no criterion was asked about; empty (written as null) when unknown
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssessmentJson(
        String assessmentId,
        String unitId,
        String communeCode,
        String provinceCode,
        String criteriaSet,
        LocalDate assessedOn,
        String ntmLevel,
        Integer criteriaMet,
        Integer criteriaTotal,
        List<String> criteriaPassed,
        List<String> criteriaFailed,
        List<String> indicatorsPassed,
        List<String> indicatorsFailed,
        String source,
        LocalDate sourceDate,
        String licence,
        Boolean sample,
        @JsonInclude(JsonInclude.Include.NON_NULL) String criterion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Optional<Boolean> met) {

    /** The row of {@code a}, with the result of {@code criterion} when it is not null. */
    static AssessmentJson of(Assessment a, String criterion) {
        return new AssessmentJson(
                a.assessmentId(),
                a.unitId(),
                a.communeCode(),
                a.provinceCode(),
                a.criteriaSet(),
                a.assessedOn(),
                a.level(),
                a.criteriaMet(),
                a.criteriaTotal(),
                a.criteriaPassed(),
                a.criteriaFailed(),
                a.indicatorsPassed(),
                a.indicatorsFailed(),
                a.provenance().source(),
                a.provenance().sourceDate(),
                a.provenance().licence(),
                a.provenance().sample(),
                criterion,
                criterion == null ? null : Optional.ofNullable(a.result(criterion)));
    }
}
