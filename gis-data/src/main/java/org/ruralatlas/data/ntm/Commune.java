package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import java.util.List;
import org.ruralatlas.data.feature.Feature;

/**
 * A version of a commune ({@code communes}: one row per unit and validity period) with its NTM
 * status as the record states it.
 *
 * @param unitId the version's id, code@valid_from (07330@2025-07-01)
 * @param unitType xa (rural commune), phuong (ward) or dac_khu (special zone)
 * @param beforeMerger the decree's text of what it was made from
 * @param level the NTM level; null for a ward or where none is recorded
 */
public record Commune(
        String unitId,
        String code,
        String name,
        String unitType,
        String provinceCode,
        String provinceName,
        String beforeMerger,
        LocalDate validFrom,
        LocalDate validTo,
        String level,
        String criteriaSet,
        Integer criteriaMet,
        Integer criteriaTotal,
        Integer recognitionYear,
        String recognitionDecision,
        Integer smartVillages,
        List<String> outstandingFields,
        Boolean sample) {

    static Commune of(Feature f) {
        Props p = new Props(f.properties());
        return new Commune(
                f.id(),
                p.string("code"),
                p.string("name"),
                p.string("unit_type"),
                p.string("province_code"),
                p.string("province_name"),
                p.string("before_merger"),
                p.date("valid_from"),
                p.date("valid_to"),
                p.string("ntm_level"),
                p.string("criteria_set"),
                p.integer("criteria_met"),
                p.integer("criteria_total"),
                p.integer("recognition_year"),
                p.string("recognition_decision"),
                p.integer("smart_villages"),
                p.strings("outstanding_fields"),
                p.bool("sample"));
    }

    /** A rural commune (xa): the only kind the NTM programme assesses and surveys. */
    public boolean rural() {
        return "xa".equals(unitType);
    }
}
