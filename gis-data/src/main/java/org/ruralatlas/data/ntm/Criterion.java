package org.ruralatlas.data.ntm;

import java.util.Map;
import org.ruralatlas.data.feature.Feature;

/**
 * A criterion (8) or an indicator (8.4) of an NTM criteria set, as the catalogue holds it in
 * {@code ntm_criteria}: names in both languages, whether it is about digital transformation, and
 * whether its text was checked against the decision that issued it.
 *
 * @param number "8" for a criterion, "8.4" for an indicator
 * @param kind criterion, indicator or requirement
 * @param parent the criterion an indicator belongs to; null for a criterion
 * @param verified null when the catalogue does not say
 * @param remark null when there is none
 */
public record Criterion(
        String number,
        String kind,
        String parent,
        String nameVi,
        String nameEn,
        Boolean digital,
        Boolean verified,
        String remark) {

    static Criterion of(Feature f) {
        Map<String, Object> p = f.properties();
        return new Criterion(
                (String) p.get("number"),
                (String) p.get("kind"),
                (String) p.get("parent_number"),
                (String) p.get("name_vi"),
                (String) p.get("name_en"),
                (Boolean) p.get("is_digital"),
                (Boolean) p.get("verified"),
                (String) p.get("remark"));
    }

    /** The name in {@code lang} (vi or en). */
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameVi;
    }
}
