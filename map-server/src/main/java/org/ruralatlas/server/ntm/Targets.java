package org.ruralatlas.server.ntm;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ruralatlas.data.ntm.Target;

/** An NTM target as JSON, the same in the targets list and in the statistics' distance from each target. */
public final class Targets {

    private Targets() {}

    public static Map<String, Object> json(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("name_vi", t.nameVi());
        m.put("name_en", t.nameEn());
        m.put("metric", t.metric());
        m.put("level", t.level());
        m.put("base", t.base());
        m.put("criteria_set", t.criteriaSet());
        m.put("criterion", t.criterion());
        m.put("comparator", t.comparator());
        m.put("threshold", t.threshold());
        m.put("unit", t.unit());
        m.put("due", t.due());
        m.put("scope", t.scope());
        m.put("verified", t.verified());
        m.put("source", t.source());
        m.put("gap_means", "value − threshold, in the threshold's unit (percentage points for shares)");
        return m;
    }
}
