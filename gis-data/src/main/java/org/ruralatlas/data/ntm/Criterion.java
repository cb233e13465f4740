package org.ruralatlas.data.ntm;

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
        Props p = new Props(f.properties());
        return new Criterion(
                p.string("number"),
                p.string("kind"),
                p.string("parent_number"),
                p.string("name_vi"),
                p.string("name_en"),
                p.bool("is_digital"),
                p.bool("verified"),
                p.string("remark"));
    }

    /** The name in {@code lang} (vi or en). */
    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameVi;
    }
}
