package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.PreMergerHistory;
import org.ruralatlas.data.ntm.Recognition;
import org.ruralatlas.server.ogcapi.Link;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /collections/communes/items/{id}/history} as JSON: the commune as it is now, its
 * pre-2025 units with their recognitions, the recognitions matching none of them, and the one
 * derived figure, labelled as derived.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HistoryJson(
        Unit unit,
        String beforeMerger,
        List<Predecessor> predecessors,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RecognitionJson> otherRecognitions,
        String note,
        Derived derivedPreMergerNtmShare,
        List<Link> links) {

    static HistoryJson of(Commune c, PreMergerHistory past, List<Link> links) {
        List<RecognitionJson> unmatched =
                past.unmatched().stream().map(RecognitionJson::of).toList();
        return new HistoryJson(
                Unit.of(c),
                c.beforeMerger(),
                past.predecessors().stream().map(Predecessor::of).toList(),
                unmatched.isEmpty() ? null : unmatched,
                "NTM recognitions did not carry over to the merged commune: each one is a fact about the "
                        + "pre-2025 unit it was granted to, and " + c.name() + "'s own level is assessed anew.",
                Derived.of(past),
                links);
    }

    /** The commune as it is now: its identity, validity and NTM status. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Unit(
            String code,
            String name,
            String unitType,
            String provinceCode,
            String provinceName,
            LocalDate validFrom,
            LocalDate validTo,
            String ntmLevel,
            String criteriaSet,
            Integer criteriaMet,
            Integer recognitionYear,
            Boolean sample,
            String unitId) {

        static Unit of(Commune c) {
            return new Unit(
                    c.code(),
                    c.name(),
                    c.unitType(),
                    c.provinceCode(),
                    c.provinceName(),
                    c.validFrom(),
                    c.validTo(),
                    c.level(),
                    c.criteriaSet(),
                    c.criteriaMet(),
                    c.recognitionYear(),
                    c.sample(),
                    c.unitId());
        }
    }

    /** A pre-2025 unit and the recognitions granted to it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Predecessor(
            String oldName,
            String oldUnitType,
            String oldCode,
            String relation,
            LocalDate validTo,
            List<RecognitionJson> recognitions) {

        static Predecessor of(PreMergerHistory.Predecessor p) {
            return new Predecessor(
                    p.step().oldName(),
                    p.step().oldUnitType(),
                    p.step().oldCode(),
                    p.step().relation(),
                    p.step().oldValidTo(),
                    p.recognitions().stream().map(RecognitionJson::of).toList());
        }
    }

    /** A recognition, a fact about the old unit it was granted to. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RecognitionJson(
            String recognitionId,
            String oldCommune,
            String oldDistrict,
            String oldProvince,
            String ntmLevel,
            Integer criteriaMet,
            Integer criteriaTotal,
            Integer year,
            String remark,
            String source,
            LocalDate sourceDate) {

        static RecognitionJson of(Recognition r) {
            return new RecognitionJson(
                    r.id(),
                    r.oldCommune(),
                    r.oldDistrict(),
                    r.oldProvince(),
                    r.level(),
                    r.criteriaMet(),
                    r.criteriaTotal(),
                    r.year(),
                    r.remark(),
                    r.provenance().source(),
                    r.provenance().sourceDate());
        }
    }

    /** The derived share, said to be derived and not a recognition. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Derived(
            boolean derived,
            boolean isRecognition,
            Double valuePct,
            int predecessors,
            int withRecordedNtmRecognition,
            int withoutRecordedStatus,
            String basis) {

        static Derived of(PreMergerHistory past) {
            return new Derived(
                    true,
                    false,
                    past.recognisedPct(),
                    past.predecessors().size(),
                    past.recognised(),
                    past.unknown(),
                    "share of the predecessor units (by count, not by area: the old boundaries are not in the data) "
                            + "with a recorded recognition at NTM level or above; a derived figure, not a recognition of this unit");
        }

        /** The figure as the page's table shows it, a row per member. */
        Map<String, Object> rows() {
            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("derived", derived);
            rows.put("is_recognition", isRecognition);
            rows.put("value_pct", valuePct);
            rows.put("predecessors", predecessors);
            rows.put("with_recorded_ntm_recognition", withRecordedNtmRecognition);
            rows.put("without_recorded_status", withoutRecordedStatus);
            rows.put("basis", basis);
            return rows;
        }
    }
}
