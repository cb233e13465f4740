package org.ruralatlas.data.ntm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;

/**
 * The NTM programme's repository: reads the record layers (criteria catalogue, targets,
 * assessments, lineage, reported facts) from either store through the {@link FeatureStore}
 * contract, with equality filters the store applies, so the same code serves PostGIS and the
 * GeoPackage. These tables are small (a few thousand rows at most), so they are read whole per
 * request rather than streamed.
 */
public class NtmRecords {

    /** The layers of growing areas (zones) and farms, which traceability codes name. */
    static final String ZONES = "zones";

    static final String FARMS = "farms";

    private final LayerCatalog catalog;
    private final FeatureStore store;

    public NtmRecords(LayerCatalog catalog, FeatureStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public Layer layer(String id) {
        return catalog.require(id);
    }

    /** Every record of {@code layer} whose properties equal {@code equal}, ordered by id. */
    public List<Feature> list(String layer, Map<String, Object> equal) {
        return list(layer, equal, null);
    }

    /** As {@link #list(String, Map)}, only features valid on {@code day} (temporal layers). */
    public List<Feature> list(String layer, Map<String, Object> equal, java.time.LocalDate day) {
        FeatureQuery q = FeatureQuery.all(layer(layer));
        for (Map.Entry<String, Object> e : equal.entrySet()) {
            if (e.getValue() != null) {
                q = q.withEqual(e.getKey(), e.getValue());
            }
        }
        if (day != null) {
            q = q.withTime(TimeInterval.at(day));
        }
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.query(q)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    /** A combined version of several layers, for ETags of answers built from them. */
    public String version(String... layers) {
        StringBuilder b = new StringBuilder();
        for (String l : layers) {
            LayerVersion v = store.version(layer(l));
            b.append(l).append('=').append(v.tag()).append(';');
        }
        return b.toString();
    }

    public java.time.Instant lastModified(String... layers) {
        java.time.Instant latest = java.time.Instant.EPOCH;
        for (String l : layers) {
            java.time.Instant m = store.version(layer(l)).modified();
            if (m.isAfter(latest)) {
                latest = m;
            }
        }
        return latest;
    }

    /** The programme targets of the catalogue. */
    public List<Target> targets() {
        return list("ntm_targets", Map.of()).stream().map(Target::of).toList();
    }

    /** Criteria of a set, criteria then their indicators, in number order. */
    public List<Criterion> criteria(String set) {
        return list("ntm_criteria", Map.of("criteria_set", set)).stream()
                .map(Criterion::of)
                .sorted((a, b) -> NtmStatistics.compareNumbers(a.number(), b.number()))
                .toList();
    }

    /** A criterion and its indicators, in number order. */
    public record CriterionGroup(Criterion criterion, List<Criterion> indicators) {}

    /** The criteria of a set in number order, each with its indicators (an indicator of no criterion of the set is left out). */
    public List<CriterionGroup> criteriaWithIndicators(String set) {
        return grouped(criteria(set));
    }

    static List<CriterionGroup> grouped(List<Criterion> criteria) {
        Map<String, List<Criterion>> indicators = new java.util.HashMap<>();
        criteria.stream()
                .filter(c -> c.parent() != null)
                .forEach(c -> indicators
                        .computeIfAbsent(c.parent(), k -> new ArrayList<>())
                        .add(c));
        return criteria.stream()
                .filter(c -> c.parent() == null)
                .map(c -> new CriterionGroup(c, List.copyOf(indicators.getOrDefault(c.number(), List.of()))))
                .toList();
    }

    /** Whether the set has a criterion or indicator of this number. */
    public boolean hasCriterion(String set, String number) {
        return criteria(set).stream().anyMatch(c -> c.number().equals(number));
    }

    /** The record of {@code layer} with this id. */
    public Optional<Feature> get(String layer, String id) {
        return store.get(layer(layer), id);
    }

    /** A version of a commune by its unit id (code@valid_from). */
    public Optional<Commune> commune(String unitId) {
        return get("communes", unitId).map(Commune::of);
    }

    /** The commune of this code valid today. */
    public Optional<Commune> currentCommune(String code) {
        return list("communes", Map.of("code", code), VietnamCalendar.today()).stream()
                .findFirst()
                .map(Commune::of);
    }

    /** The assessments whose properties equal {@code equal} (null values ignored), ordered by id. */
    public List<Assessment> assessments(Map<String, Object> equal) {
        return list("ntm_assessments", equal).stream().map(Assessment::of).toList();
    }

    /** The lineage steps into the commune version {@code newUnitId}: its pre-2025 units. */
    public List<LineageStep> lineage(String newUnitId) {
        return list("unit_lineage", Map.of("new_unit_id", newUnitId)).stream()
                .map(LineageStep::of)
                .toList();
    }

    /** The historical recognitions filed under a (merged) commune's code. */
    public List<Recognition> recognitions(String communeCode) {
        return list("historical_recognitions", Map.of("commune_code", communeCode)).stream()
                .map(Recognition::of)
                .toList();
    }

    /** A commune version's pre-2025 units, each with the recognitions granted to it. */
    public PreMergerHistory history(Commune commune) {
        return PreMergerHistory.of(lineage(commune.unitId()), recognitions(commune.code()));
    }

    /** The NTM picture of the commune of this code valid today; empty when there is none. */
    public Optional<CommunePicture> picture(String code) {
        return currentCommune(code)
                .map(c -> new CommunePicture(
                        c,
                        criteriaResults(c),
                        lineage(c.unitId()).size(),
                        list(ZONES, Map.of("commune_code", code)).stream()
                                .map(z -> {
                                    Props p = new Props(z.properties());
                                    return new CommunePicture.GrowingArea(
                                            p.string("name"), p.string("growing_area_code"), p.string("status"));
                                })
                                .toList()));
    }

    private List<CommunePicture.CriterionResult> criteriaResults(Commune c) {
        if (c.criteriaSet() == null) {
            return List.of();
        }
        List<Assessment> assessed = assessments(Map.of("unit_id", c.unitId(), "criteria_set", c.criteriaSet()));
        Assessment latest = assessed.stream().max(Assessment.NEWEST).orElse(null);
        return CommunePicture.results(criteria(c.criteriaSet()), latest);
    }

    /** What a traceability code names: see {@link Traced#resolve}. */
    public Optional<Traced> resolve(String code) {
        return Traced.resolve(code, new Traced.Lookup() {
            @Override
            public List<Feature> growingAreas(String c) {
                return list(ZONES, Map.of("growing_area_code", c));
            }

            @Override
            public Optional<Feature> get(String layer, String id) {
                return NtmRecords.this.get(layer, id);
            }
        });
    }

    /** The farms of a growing area, at most {@code limit}, ordered by id. */
    public List<Feature> growers(String growingAreaCode, int limit) {
        List<Feature> farms = list(FARMS, Map.of("growing_area_code", growingAreaCode));
        return farms.subList(0, Math.min(limit, farms.size()));
    }
}
