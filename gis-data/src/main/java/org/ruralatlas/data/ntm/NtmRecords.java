package org.ruralatlas.data.ntm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
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

    /** Vietnam's time zone: days (and survey quarters) start at midnight there. */
    public static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    private final LayerCatalog catalog;
    private final FeatureStore store;

    public NtmRecords(LayerCatalog catalog, FeatureStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    public Layer layer(String id) {
        return catalog.require(id);
    }

    /** Today in Vietnam. */
    public static java.time.LocalDate today() {
        return java.time.LocalDate.now(VIETNAM);
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
        List<Target> out = new ArrayList<>();
        for (Feature f : list("ntm_targets", Map.of())) {
            Map<String, Object> p = f.properties();
            out.add(new Target(
                    f.id(),
                    (String) p.get("name_vi"),
                    (String) p.get("name_en"),
                    (String) p.get("metric"),
                    (String) p.get("level"),
                    (String) p.get("base"),
                    (String) p.get("criteria_set"),
                    (String) p.get("criterion"),
                    (String) p.get("comparator"),
                    ((Number) p.get("threshold")).doubleValue(),
                    (String) p.get("unit"),
                    (java.time.LocalDate) p.get("due"),
                    (String) p.get("scope"),
                    Boolean.TRUE.equals(p.get("verified")),
                    (String) p.get("source")));
        }
        return out;
    }

    /** Criteria of a set, criteria then their indicators, in number order. */
    public List<Criterion> criteria(String set) {
        List<Feature> all = new ArrayList<>(list("ntm_criteria", Map.of("criteria_set", set)));
        all.sort((a, b) -> NtmStatistics.compareNumbers(
                (String) a.properties().get("number"), (String) b.properties().get("number")));
        return all.stream().map(Criterion::of).toList();
    }

    /** Whether the set has a criterion or indicator of this number. */
    public boolean hasCriterion(String set, String number) {
        return criteria(set).stream().anyMatch(c -> c.number().equals(number));
    }
}
