package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import org.ruralatlas.data.feature.Feature;

/**
 * One step of the 2025 reorganisation ({@code unit_lineage}): an old unit (commune or province)
 * and the new unit it went into, wholly or in part.
 *
 * @param unitLevel commune or province
 * @param relation how the old unit went into the new one (merged, split…)
 */
public record LineageStep(
        String id,
        String unitLevel,
        String oldCode,
        String oldName,
        String oldUnitType,
        LocalDate oldValidTo,
        String newUnitId,
        String newCode,
        String relation) {

    static LineageStep of(Feature f) {
        Props p = new Props(f.properties());
        return new LineageStep(
                f.id(),
                p.string("unit_level"),
                p.string("old_code"),
                p.string("old_name"),
                p.string("old_unit_type"),
                p.date("old_valid_to"),
                p.string("new_unit_id"),
                p.string("new_code"),
                p.string("relation"));
    }
}
