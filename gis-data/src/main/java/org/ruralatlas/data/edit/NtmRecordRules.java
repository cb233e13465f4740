package org.ruralatlas.data.edit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.store.FeatureStore;

/**
 * What the NTM programme's records (tables without geometry) must say beyond their schema, and
 * whose they are. A record has no geometry to place it, so its provinces come from what it names:
 * its {@code province_code} (or {@code province_code_2025}) and the province of the commune it is
 * about; an editor must hold all of them, so a record that names a commune of another province
 * than its own {@code province_code} is refused to every editor. Records that name no province
 * (criteria sets, criteria, the national targets) are the administrators' alone.
 *
 * <p>An assessment belongs to one version of a commune, as a recognition does (DOMAIN.md: they did
 * not carry over to the merged units): it names an existing version of a rural commune ({@code xa}:
 * only they take NTM levels), its commune and province codes are that version's, its date lies in
 * that version's validity, and once the version has ended its assessments are history, as the
 * version itself is ({@link UnitVersions}).
 */
public final class NtmRecordRules {

    static final String ASSESSMENTS = "ntm_assessments";
    static final String RECOGNITIONS = "historical_recognitions";

    private final FeatureStore store;
    private final Layer communes;

    public NtmRecordRules(FeatureStore store, Layer communes) {
        this.store = store;
        this.communes = communes;
    }

    /**
     * The id of a new record sent without one, where the record has a natural one: an assessment is
     * {@code unit_id~criteria_set~assessed_on} (no {@code /}, so that it stands in a URL path), so
     * that the same assessment sent twice is a 409, not two records. Null otherwise.
     */
    public static String naturalId(Layer layer, tools.jackson.databind.JsonNode properties) {
        if (!layer.id().equals(ASSESSMENTS)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String name : List.of("unit_id", "criteria_set", "assessed_on")) {
            tools.jackson.databind.JsonNode v = properties.get(name);
            if (v == null || !v.isString() || !v.asString().matches("[A-Za-z0-9._@-]{1,40}")) {
                return null;
            }
            parts.add(v.asString());
        }
        return String.join("~", parts);
    }

    /** The provinces a record belongs to (2025 codes); empty when it names none. */
    public Set<String> provinces(Layer layer, Feature record) {
        Set<String> codes = new TreeSet<>();
        for (String property : List.of("province_code", "province_code_2025")) {
            Object code = record.properties().get(property);
            if (code != null) {
                codes.add(code.toString());
            }
        }
        commune(layer, record).map(c -> c.properties().get("province_code")).ifPresent(c -> codes.add(c.toString()));
        return codes;
    }

    /**
     * The record as it will be stored (an assessment's commune and province codes filled from its
     * unit when missing) and every problem with it.
     */
    public FeatureValidator.Checked check(Layer layer, Feature record) {
        List<EditProblem> problems = new ArrayList<>();
        Map<String, Object> values = new java.util.LinkedHashMap<>(record.properties());
        counts(values, problems);
        if (layer.id().equals(ASSESSMENTS)) {
            assessment(values, problems);
        } else if (layer.id().equals(RECOGNITIONS)) {
            Object code = values.get("commune_code");
            if (code != null && current(code.toString()).isEmpty()) {
                problems.add(new EditProblem("commune_code", "no commune has the code " + code + " today"));
            }
            Object year = values.get("year");
            if (year instanceof Number y
                    && (y.intValue() < 2010
                            || y.intValue() > VietnamCalendar.today().getYear())) {
                problems.add(
                        new EditProblem("year", "the programme began in 2010; a recognition's year is 2010 to now"));
            }
        }
        return new FeatureValidator.Checked(
                problems.isEmpty() ? new Feature(record.id(), null, values) : null, List.copyOf(problems));
    }

    /** Why the record may not be changed or deleted any more: it belongs to a version of a commune that has ended. */
    public Optional<String> closed(Layer layer, Feature record, LocalDate today) {
        if (!layer.id().equals(ASSESSMENTS)) {
            return Optional.empty();
        }
        return commune(layer, record)
                .flatMap(unit -> UnitVersions.closed(communes, unit, today))
                .map(why -> record.id() + " assesses a past version of its commune (" + why.split(" ")[0]
                        + "): it is history and kept as it was");
    }

    private void assessment(Map<String, Object> values, List<EditProblem> problems) {
        for (String required : List.of("unit_id", "criteria_set", "assessed_on")) {
            if (values.get(required) == null) {
                problems.add(new EditProblem(required, required + " is required"));
            }
        }
        Object unitId = values.get("unit_id");
        if (unitId == null) {
            return;
        }
        Optional<Feature> unit = store.get(communes, unitId.toString());
        if (unit.isEmpty()) {
            problems.add(new EditProblem("unit_id", "no commune version " + unitId + " (code@valid_from)"));
            return;
        }
        Map<String, Object> u = unit.get().properties();
        if (!"xa".equals(u.get("unit_type"))) {
            problems.add(new EditProblem(
                    "unit_id", unitId + " is a " + u.get("unit_type") + ": only rural communes (xã) take NTM levels"));
        }
        for (String property : List.of("commune_code", "province_code")) {
            Object own = u.get(property.equals("commune_code") ? "code" : property);
            Object given = values.get(property);
            if (given == null) {
                values.put(property, own);
            } else if (!given.equals(own)) {
                problems.add(new EditProblem(property, property + " is " + own + " for " + unitId + ", not " + given));
            }
        }
        if (values.get("assessed_on") instanceof LocalDate on) {
            LocalDate from = UnitVersions.date(u.get("valid_from"));
            LocalDate to = UnitVersions.date(u.get("valid_to"));
            if ((from != null && on.isBefore(from)) || (to != null && on.isAfter(to))) {
                problems.add(new EditProblem(
                        "assessed_on",
                        "an assessment of " + unitId + " is dated within its validity (" + from + " to "
                                + (to == null ? "now" : to) + "); an earlier one belongs to the unit before it"));
            }
        }
        List<?> passed = values.get("criteria_passed") instanceof List<?> l ? l : List.of();
        List<?> failed = values.get("criteria_failed") instanceof List<?> l ? l : List.of();
        if (passed.stream().anyMatch(failed::contains)) {
            problems.add(new EditProblem("criteria_failed", "a criterion is either passed or failed, not both"));
        }
        Object met = values.get("criteria_met");
        if (!passed.isEmpty() && met instanceof Number n && n.intValue() != passed.size()) {
            problems.add(new EditProblem(
                    "criteria_met", "criteria_met is " + n + " but criteria_passed lists " + passed.size()));
        }
    }

    /** Counts of criteria are not negative, and no more are met than there are. */
    private static void counts(Map<String, Object> values, List<EditProblem> problems) {
        Object met = values.get("criteria_met");
        Object total = values.get("criteria_total");
        for (String property : List.of("criteria_met", "criteria_total")) {
            if (values.get(property) instanceof Number n && n.longValue() < 0) {
                problems.add(new EditProblem(property, property + " cannot be negative"));
            }
        }
        if (met instanceof Number m && total instanceof Number t && m.longValue() > t.longValue()) {
            problems.add(
                    new EditProblem("criteria_met", "criteria_met (" + m + ") exceeds criteria_total (" + t + ")"));
        }
    }

    /** The commune version a record is about: an assessment's unit, or the current commune of a code. */
    private Optional<Feature> commune(Layer layer, Feature record) {
        Object unitId = record.properties().get("unit_id");
        if (layer.id().equals(ASSESSMENTS) && unitId != null) {
            return store.get(communes, unitId.toString());
        }
        Object code = record.properties().get("commune_code");
        return code == null ? Optional.empty() : current(code.toString());
    }

    private Optional<Feature> current(String code) {
        FeatureQuery q = FeatureQuery.all(communes).withEqual("code", code);
        if (communes.temporal() != null) {
            q = q.withTime(TimeInterval.at(VietnamCalendar.today()));
        }
        try (FeatureCursor c = store.query(q)) {
            return c.hasNext() ? Optional.of(c.next()) : Optional.empty();
        }
    }
}
