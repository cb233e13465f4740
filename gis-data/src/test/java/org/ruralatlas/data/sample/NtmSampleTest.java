package org.ruralatlas.data.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.ntm.CommuneResult;
import org.ruralatlas.data.ntm.Criterion;
import org.ruralatlas.data.ntm.GroupFigures;
import org.ruralatlas.data.ntm.Level;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.NtmStatistics;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;

/** The NTM records of the built sample agree with each other and with the communes. */
class NtmSampleTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static GeoPackageFeatureStore sample;

    @TempDir
    static Path sampleDir;

    @BeforeAll
    static void open() {
        sample = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
    }

    @AfterAll
    static void close() {
        sample.close();
    }

    private static List<Feature> all(String layer) {
        List<Feature> out = new ArrayList<>();
        sample.query(FeatureQuery.all(CATALOG.require(layer))).drainTo(out::add);
        return out;
    }

    @Test
    void theCommuneSetReadsAsTypedCriteriaInNumberOrder() {
        NtmRecords records = new NtmRecords(CATALOG, sample);
        List<Criterion> criteria = records.criteria("commune_2021_2025");
        List<Criterion> top = criteria.stream().filter(c -> c.parent() == null).toList();
        assertThat(top).hasSize(19);
        assertThat(top.get(0).number()).isEqualTo("1");
        assertThat(top.get(18).number()).isEqualTo("19");
        Criterion digital = criteria.stream()
                .filter(c -> c.number().equals("8.4"))
                .findFirst()
                .orElseThrow();
        assertThat(digital.parent()).isEqualTo("8");
        assertThat(digital.kind()).isEqualTo("indicator");
        assertThat(digital.digital()).isTrue();
        assertThat(digital.name("vi")).isNotBlank().isNotEqualTo(digital.name("en"));
        assertThat(records.hasCriterion("commune_2021_2025", "8.4")).isTrue();
        assertThat(records.hasCriterion("commune_2021_2025", "8.99")).isFalse();
    }

    @SuppressWarnings("unchecked")
    @Test
    void everyRuralCommuneHasAnAssessmentConsistentWithItsCriteriaMet() {
        Map<String, Feature> assessments = new HashMap<>();
        all("ntm_assessments")
                .forEach(a -> assessments.put((String) a.properties().get("unit_id"), a));
        int rural = 0;
        for (Feature c : all("communes")) {
            if (!"xa".equals(c.properties().get("unit_type"))) {
                assertThat(assessments).doesNotContainKey(c.id());
                continue;
            }
            rural++;
            Map<String, Object> a = assessments.get(c.id()).properties();
            List<String> passed = (List<String>) a.get("criteria_passed");
            List<String> failed = (List<String>) a.get("criteria_failed");
            assertThat(passed).hasSize(((Long) c.properties().get("criteria_met")).intValue());
            Set<String> all = new HashSet<>(passed);
            all.addAll(failed);
            assertThat(all).hasSize(19);
            assertThat(a.get("ntm_level")).isEqualTo(c.properties().get("ntm_level"));
            List<String> indicatorsFailed = (List<String>) a.get("indicators_failed");
            // an indicator of criterion 8 fails exactly when criterion 8 does
            assertThat(indicatorsFailed.isEmpty()).isEqualTo(passed.contains("8"));
            assertThat(a.get("sample")).isEqualTo(true);
        }
        assertThat(assessments).hasSize(rural);
    }

    @Test
    void lineageCoversEveryCurrentUnitAndThe63Provinces() {
        List<Feature> lineage = all("unit_lineage");
        Set<String> newCommunes = new HashSet<>();
        Set<String> oldProvinces = new HashSet<>();
        Set<String> newProvinces = new HashSet<>();
        for (Feature l : lineage) {
            if ("province".equals(l.properties().get("unit_level"))) {
                oldProvinces.add((String) l.properties().get("old_code"));
                newProvinces.add((String) l.properties().get("new_code"));
            } else {
                newCommunes.add((String) l.properties().get("new_unit_id"));
            }
        }
        assertThat(oldProvinces).hasSize(63);
        assertThat(newProvinces).hasSize(34);
        Set<String> communes = new HashSet<>();
        all("communes").forEach(c -> communes.add(c.id()));
        // every commune whose before-merger text names units has lineage rows
        assertThat(newCommunes.size()).isGreaterThan(communes.size() * 95 / 100);
        assertThat(communes).containsAll(newCommunes);
    }

    @Test
    void theCatalogueMarksWhatIsUnverified() {
        Map<String, Feature> sets = new HashMap<>();
        all("ntm_criteria_sets").forEach(s -> sets.put(s.id(), s));
        assertThat(sets.get("commune_2026_2030").properties())
                .containsEntry("verified", false)
                .containsEntry("criteria_count", 10L)
                .containsEntry("indicator_count", 47L);
        assertThat(all("ntm_targets"))
                .allSatisfy(t -> assertThat(t.properties().get("source")).isNotNull());
    }

    /**
     * The sample's computed figures read like the country's published ones (06/2025: 79.3 % NTM,
     * 33.5 % advanced, 9.7 % model, 17.5 criteria), within 2 points; provinces differ the way the
     * country's do (delta and cities ahead, uplands behind) rather than all alike.
     */
    @Test
    void computedSharesLandOnThePublishedNationalFigures() {
        NtmStatistics stats = new NtmStatistics();
        for (Feature c : all("communes")) {
            Map<String, Object> p = c.properties();
            if (p.get("criteria_met") != null) {
                stats.add(new CommuneResult(
                        (String) p.get("province_code"),
                        (String) p.get("ntm_level"),
                        ((Number) p.get("criteria_met")).intValue(),
                        null,
                        null));
            }
        }
        GroupFigures all = stats.total();
        assertThat(all.share(Level.NTM)).isCloseTo(79.3, offset(2.0));
        assertThat(all.share(Level.ADVANCED)).isCloseTo(100.0 * 2567 / 7669, offset(2.0));
        assertThat(all.share(Level.MODEL)).isCloseTo(100.0 * 743 / 7669, offset(2.0));
        assertThat(all.averageCriteria()).isCloseTo(17.5, offset(0.2));

        Map<String, Double> share = new HashMap<>();
        stats.byGroup().forEach(g -> share.put(g.groupCode(), g.share(Level.NTM)));
        assertThat(share.get("01")).as("Hà Nội").isGreaterThan(95.0);
        assertThat(share.get("24")).as("Bắc Ninh (with Bắc Giang)").isBetween(80.0, 98.0);
        assertThat(share.get("12")).as("Lai Châu").isLessThan(60.0);
        assertThat(share.get("04")).as("Cao Bằng").isLessThan(share.get("22"));
    }

    /** A recognised commune meets all 19 criteria; one not yet recognised meets 6 to 18. */
    @Test
    void criteriaFollowTheLevel() {
        for (Feature c : all("communes")) {
            Map<String, Object> p = c.properties();
            if (p.get("criteria_met") == null) {
                continue;
            }
            long met = ((Number) p.get("criteria_met")).longValue();
            if ("none".equals(p.get("ntm_level"))) {
                assertThat(met).as(c.id()).isBetween(6L, 18L);
            } else {
                assertThat(met).as(c.id()).isEqualTo(19L);
            }
        }
    }
}
