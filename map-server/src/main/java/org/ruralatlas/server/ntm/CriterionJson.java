package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.ruralatlas.data.ntm.Criterion;
import org.ruralatlas.data.ntm.NtmRecords;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A criterion of a criteria set as {@code /ntm/criteria-sets/{id}} lists it, with its indicators;
 * an indicator has no {@code indicators} member, and a remark is there only when there is one.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CriterionJson(
        String number,
        String kind,
        String nameVi,
        String nameEn,
        Boolean isDigital,
        Boolean verified,
        @JsonInclude(JsonInclude.Include.NON_NULL) String remark,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CriterionJson> indicators) {

    static CriterionJson of(NtmRecords.CriterionGroup g) {
        return of(g.criterion(), g.indicators().stream().map(i -> of(i, null)).toList());
    }

    private static CriterionJson of(Criterion c, List<CriterionJson> indicators) {
        return new CriterionJson(
                c.number(), c.kind(), c.nameVi(), c.nameEn(), c.digital(), c.verified(), c.remark(), indicators);
    }

    /** The name in {@code lang} (vi or en). */
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameVi;
    }
}
