package org.ruralatlas.server.ntm;

import java.time.LocalDate;
import org.ruralatlas.data.ntm.Target;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** An NTM target as JSON, the same in the targets list and in the statistics' distance from each target. */
public final class Targets {

    private Targets() {}

    /** The target's members, then what its gap means. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Json(
            String id,
            String nameVi,
            String nameEn,
            String metric,
            String level,
            String base,
            String criteriaSet,
            String criterion,
            String comparator,
            double threshold,
            String unit,
            LocalDate due,
            String scope,
            boolean verified,
            String source,
            String gapMeans) {}

    public static Json json(Target t) {
        return new Json(
                t.id(),
                t.nameVi(),
                t.nameEn(),
                t.metric(),
                t.level(),
                t.base(),
                t.criteriaSet(),
                t.criterion(),
                t.comparator(),
                t.threshold(),
                t.unit(),
                t.due(),
                t.scope(),
                t.verified(),
                t.source(),
                "value − threshold, in the threshold's unit (percentage points for shares)");
    }
}
