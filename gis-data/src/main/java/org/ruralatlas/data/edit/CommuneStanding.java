package org.ruralatlas.data.edit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.VietnamCalendar;

/**
 * A commune's NTM standing follows its newest assessment. The assessments ({@code ntm_assessments}) are the
 * record, each a fact about one version of a commune, kept beside, never over, the earlier ones; the current
 * version's {@link #FOLLOWED} fields ({@code ntm_level}, {@code criteria_set}, {@code criteria_met}, {@code
 * criteria_total}) are what the newest of them says, as the sample builds them and as the commune picture reads
 * them. So they are written in place on the version the assessment names, in the assessment's own transaction,
 * after the commune's row is held: a new version would be a new administrative unit, to which the recognition
 * does not carry over (DOMAIN.md §2). The past is not overwritten: earlier assessments stay, the audit keeps the
 * commune's before and after, and an ended version is never touched ({@link UnitVersions}).
 *
 * <p>The newest is the latest {@code assessed_on}, then the smallest id (as {@code NtmRecords}' picture chooses),
 * among the unit's assessments against a set a commune may hold (the communes' {@code criteria_set} values); with
 * none left, the followed fields are empty (not assessed). Only rural communes ({@code xa}) take levels.
 */
final class CommuneStanding {

    /** The commune's fields that its newest assessment decides. */
    static final List<String> FOLLOWED = List.of("ntm_level", "criteria_set", "criteria_met", "criteria_total");

    private final Layer communes;

    CommuneStanding(Layer communes) {
        this.communes = communes;
    }

    Layer communes() {
        return communes;
    }

    /** Whether writes of {@code layer} move a commune's standing. */
    static boolean moves(Layer layer) {
        return layer.id().equals(NtmRecordRules.ASSESSMENTS);
    }

    /** The commune versions an assessment's write concerns (before and after), in a fixed order, so locks never cross. */
    static Set<String> units(Optional<Feature> before, Optional<Feature> after) {
        Set<String> units = new TreeSet<>();
        for (Optional<Feature> f : List.of(before, after)) {
            f.map(x -> x.properties().get("unit_id")).ifPresent(u -> units.add(u.toString()));
        }
        return units;
    }

    /**
     * The query of the id of a unit's newest assessment, against {@code table} (one parameter: the unit id). The
     * criteria sets are the communes' own, from the catalogue (inlined as literals: they are the catalogue's
     * words, never a caller's).
     */
    String newest(String table) {
        List<String> sets = communes.property("criteria_set")
                .map(PropertySpec::allowedValues)
                .orElse(List.of());
        String within = sets.isEmpty()
                ? ""
                : " AND \"criteria_set\" IN ("
                        + String.join(
                                ", ",
                                sets.stream()
                                        .filter(s -> s.matches("[a-z0-9_]+"))
                                        .map(s -> "'" + s + "'")
                                        .toList())
                        + ")";
        return "SELECT \"assessment_id\" FROM " + table + " WHERE \"unit_id\" = ?" + within
                + " ORDER BY \"assessed_on\" IS NULL, \"assessed_on\" DESC, \"assessment_id\" LIMIT 1";
    }

    /**
     * The commune as its newest assessment ({@code newest}, empty when none is left) says it stands; empty when
     * nothing is to be written: the unit is not a rural commune, its version has ended (history), or it stands so
     * already.
     */
    Optional<Feature> followed(Feature commune, Optional<Feature> newest) {
        Map<String, Object> was = commune.properties();
        if (!"xa".equals(was.get("unit_type"))
                || UnitVersions.closed(communes, commune, VietnamCalendar.today())
                        .isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> is = new LinkedHashMap<>(was);
        for (String field : FOLLOWED) {
            is.put(field, newest.map(a -> a.properties().get(field)).orElse(null));
        }
        boolean same = FOLLOWED.stream().allMatch(f -> Objects.equals(number(was.get(f)), number(is.get(f))));
        return same ? Optional.empty() : Optional.of(new Feature(commune.id(), commune.geometry(), is));
    }

    /** Integers compare by value whatever their boxing (a store reads a long, a body an int). */
    static Object number(Object value) {
        return value instanceof Number n ? (Object) n.longValue() : value;
    }
}
