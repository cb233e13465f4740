package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.CommunePicture;
import org.ruralatlas.data.survey.SurveyAggregate;
import org.ruralatlas.server.ogcapi.Link;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /ntm/communes/{code}} as JSON: the commune's NTM status, its criteria, this quarter's
 * satisfaction (rural communes only), its number of pre-2025 units, its growing areas and links.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CommuneJson(
        String unitId,
        String code,
        String name,
        String unitType,
        String provinceCode,
        String provinceName,
        String ntmLevel,
        String criteriaSet,
        Integer criteriaMet,
        Integer criteriaTotal,
        Integer recognitionYear,
        String recognitionDecision,
        Integer smartVillages,
        List<String> outstandingFields,
        Boolean sample,
        List<CriterionResult> criteria,
        @JsonInclude(JsonInclude.Include.NON_NULL) Satisfaction satisfaction,
        int predecessors,
        List<GrowingAreaJson> growingAreas,
        List<Link> links) {

    /** The picture; {@code survey} null for a commune that is not surveyed (not rural). */
    static CommuneJson of(CommunePicture picture, SurveyAggregate survey, String base, List<Link> links) {
        Commune c = picture.commune();
        return new CommuneJson(
                c.unitId(),
                c.code(),
                c.name(),
                c.unitType(),
                c.provinceCode(),
                c.provinceName(),
                c.level(),
                c.criteriaSet(),
                c.criteriaMet(),
                c.criteriaTotal(),
                c.recognitionYear(),
                c.recognitionDecision(),
                c.smartVillages(),
                c.outstandingFields(),
                c.sample(),
                picture.criteria().stream().map(CriterionResult::of).toList(),
                survey == null ? null : Satisfaction.of(survey),
                picture.predecessors(),
                picture.growingAreas().stream()
                        .map(g -> GrowingAreaJson.of(g, base))
                        .toList(),
                links);
    }

    /** A criterion of the commune's set and whether its latest assessment met it (null when unknown). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CriterionResult(String number, String nameVi, String nameEn, Boolean isDigital, Boolean met) {
        static CriterionResult of(CommunePicture.CriterionResult r) {
            return new CriterionResult(
                    r.criterion().number(),
                    r.criterion().nameVi(),
                    r.criterion().nameEn(),
                    r.criterion().digital(),
                    r.met());
        }

        /** The criterion's name in {@code lang} (vi or en). */
        public String name(String lang) {
            return "en".equals(lang) ? nameEn : nameVi;
        }
    }

    /** This quarter's survey figures (zero responses when none came). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Satisfaction(String period, long responses, Double satisfactionPct) {
        static Satisfaction of(SurveyAggregate a) {
            return new Satisfaction(a.period(), a.responses(), a.satisfactionPct());
        }
    }

    /** A growing area of the commune, with the address of its trace page. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GrowingAreaJson(String name, String growingAreaCode, String status, String trace) {
        static GrowingAreaJson of(CommunePicture.GrowingArea g, String base) {
            return new GrowingAreaJson(
                    g.name(), g.growingAreaCode(), g.status(), base + "/trace/" + g.growingAreaCode());
        }
    }
}
