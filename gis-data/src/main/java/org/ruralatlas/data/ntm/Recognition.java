package org.ruralatlas.data.ntm;

import org.ruralatlas.data.feature.Feature;

/**
 * A historical NTM recognition ({@code historical_recognitions}): a fact about the pre-2025 unit
 * it was granted to, named by that unit's old commune, district and province names, and filed
 * under the code of the merged commune that unit became part of.
 *
 * @param level the level granted (ntm, advanced…); null when the record does not say
 */
public record Recognition(
        String id,
        String oldCommune,
        String oldDistrict,
        String oldProvince,
        String level,
        Integer criteriaMet,
        Integer criteriaTotal,
        Integer year,
        String remark,
        String communeCode,
        Provenance provenance) {

    static Recognition of(Feature f) {
        Props p = new Props(f.properties());
        return new Recognition(
                f.id(),
                p.string("old_commune"),
                p.string("old_district"),
                p.string("old_province"),
                p.string("ntm_level"),
                p.integer("criteria_met"),
                p.integer("criteria_total"),
                p.integer("year"),
                p.string("remark"),
                p.string("commune_code"),
                p.provenance());
    }
}
