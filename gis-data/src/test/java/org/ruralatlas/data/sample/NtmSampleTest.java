package org.ruralatlas.data.sample;

import java.nio.file.Path;
import static org.assertj.core.api.Assertions.assertThat;

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

    @SuppressWarnings("unchecked")
    @Test
    void everyRuralCommuneHasAnAssessmentConsistentWithItsCriteriaMet() {
        Map<String, Feature> assessments = new HashMap<>();
        all("ntm_assessments").forEach(a -> assessments.put((String) a.properties().get("unit_id"), a));
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
        assertThat(sets.get("commune_2026_2030").properties()).containsEntry("verified", false)
                .containsEntry("criteria_count", 10L).containsEntry("indicator_count", 47L);
        assertThat(all("ntm_targets")).allSatisfy(t -> assertThat(t.properties().get("source")).isNotNull());
    }
}
