package org.ruralatlas.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.testing.IntegrationTest;

/**
 * The behaviour every {@link FeatureStore} must have, on the bundled sample data. Run once per
 * store; {@code StoreParityTest} then checks that both stores return identical features.
 */
@IntegrationTest
public abstract class FeatureStoreContract {

    protected static final LayerCatalog CATALOG = LayerCatalog.load();
    /** Around Lục Ngạn, the lychee heartland, where the sample places lychee zones. */
    protected static final Bbox LUC_NGAN = new Bbox(106.35, 21.2, 106.8, 21.55);

    protected abstract FeatureStore store();

    protected static List<Feature> read(FeatureCursor cursor) {
        List<Feature> out = new ArrayList<>();
        cursor.drainTo(out::add);
        return out;
    }

    @Test
    void countsEveryLayerOfTheSample() {
        assertThat(store().count(FeatureQuery.all(CATALOG.require("communes")))).isEqualTo(3321);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("provinces")))).isEqualTo(34);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("farms")))).isGreaterThanOrEqualTo(2000);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("zones")))).isGreaterThanOrEqualTo(50);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("tourism")))).isGreaterThanOrEqualTo(300);
    }

    @Test
    void getsOneFeatureWithTypedPropertiesAndRealGeometry() {
        Feature f = store().get(CATALOG.require("communes"), "07330@2025-07-01").orElseThrow();
        assertThat(f.id()).isEqualTo("07330@2025-07-01");
        assertThat(f.properties()).containsEntry("name", "Phúc Hoà").containsEntry("province_name", "Bắc Ninh")
                .containsEntry("unit_type", "xa").containsEntry("valid_from", LocalDate.of(2025, 7, 1))
                .containsEntry("criteria_total", 19L).containsEntry("sample", true);
        assertThat((String) f.properties().get("before_merger")).contains("Xã Phúc Hòa");
        assertThat(f.geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(f.geometry().isValid()).isTrue();
        assertThat(f.geometry().getEnvelopeInternal().contains(106.16, 21.38)).isTrue();
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(store().get(CATALOG.require("farms"), "no-such-farm")).isEmpty();
        assertThat(store().get(CATALOG.require("farms"), "'; DROP TABLE farms; --")).isEmpty();
    }

    @Test
    void bboxReturnsExactlyTheIntersectingFeatures() {
        Layer zones = CATALOG.require("zones");
        List<Feature> inBox = read(store().query(FeatureQuery.all(zones).withBbox(LUC_NGAN)));
        Geometry box = new GeometryFactory().toGeometry(LUC_NGAN.envelopes().get(0));
        List<Feature> all = read(store().query(FeatureQuery.all(zones)));
        List<String> expected = all.stream().filter(f -> f.geometry().intersects(box)).map(Feature::id).toList();
        assertThat(inBox).extracting(Feature::id).isEqualTo(expected);
        assertThat(inBox).extracting(f -> f.properties().get("commodity")).contains("vai_thieu");
        assertThat(store().count(FeatureQuery.all(zones).withBbox(LUC_NGAN))).isEqualTo(expected.size());
    }

    @Test
    void pagesInStableIdOrder() {
        Layer farms = CATALOG.require("farms");
        List<String> first30 = read(store().query(FeatureQuery.all(farms).page(0, 30))).stream().map(Feature::id).toList();
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            read(store().query(FeatureQuery.all(farms).page(offset, 10))).forEach(f -> paged.add(f.id()));
        }
        assertThat(paged).isEqualTo(first30).hasSize(30).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void pagesAfterTheExactBboxTest() {
        Layer communes = CATALOG.require("communes");
        FeatureQuery q = FeatureQuery.all(communes).withBbox(LUC_NGAN);
        List<String> all = read(store().query(q)).stream().map(Feature::id).toList();
        List<String> secondPage = read(store().query(q.page(5, 5))).stream().map(Feature::id).toList();
        assertThat(all.size()).isGreaterThan(10);
        assertThat(secondPage).isEqualTo(all.subList(5, 10));
    }

    @Test
    void filtersOnPropertyEquality() {
        Layer tourism = CATALOG.require("tourism");
        FeatureQuery homestays = FeatureQuery.all(tourism).withEqual("category", "homestay");
        List<Feature> found = read(store().query(homestays));
        assertThat(found).isNotEmpty().allSatisfy(f -> assertThat(f.properties()).containsEntry("category", "homestay"));
        assertThat(store().count(homestays)).isEqualTo(found.size());
        Layer communes = CATALOG.require("communes");
        FeatureQuery models = FeatureQuery.all(communes).withEqual("ntm_level", "model").withEqual("criteria_met", 19L)
                .withBbox(new Bbox(102, 8, 110, 24));
        assertThat(read(store().query(models))).isNotEmpty()
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("ntm_level", "model"));
        assertThat(store().count(FeatureQuery.all(communes).withEqual("sample", false))).isEqualTo(3321 - 2611);
    }

    @Test
    void servesRecordsWithoutGeometry() {
        Feature bacGiang = store().get(CATALOG.require("reported_province_figures"), "bac-giang-2023-05").orElseThrow();
        assertThat(bacGiang.geometry()).isNull();
        assertThat(bacGiang.properties()).containsEntry("communes_total", 182L).containsEntry("communes_ntm", 144L)
                .containsEntry("communes_advanced", 43L).containsEntry("communes_model", 1L)
                .containsEntry("average_criteria", 17.1).containsEntry("sample", false);
        Feature phucHoa = store().get(CATALOG.require("historical_recognitions"), "bg-phuc-hoa").orElseThrow();
        assertThat(phucHoa.properties()).containsEntry("commune_code", "07330").containsEntry("old_district", "Tân Yên");
    }

    @Test
    void computesExtentsFromData() {
        Bbox communes = store().extent(CATALOG.require("communes")).orElseThrow();
        assertThat(communes.minx()).isBetween(102.1, 102.2);
        assertThat(communes.maxy()).isBetween(23.3, 23.4);
        assertThat(store().extent(CATALOG.require("reported_province_figures"))).isEmpty();
    }

    @Test
    void releasesConnectionsWhenCursorsAreClosedEarly() {
        Layer farms = CATALOG.require("farms");
        for (int i = 0; i < 40; i++) {
            try (FeatureCursor c = store().query(FeatureQuery.all(farms))) {
                assertThat(c.hasNext()).isTrue();
                c.next();
            }
        }
        store().checkHealth();
    }

    @Test
    void jsonPropertiesComeBackAsListsAndMaps() {
        List<Feature> withOcop = read(store().query(FeatureQuery.all(CATALOG.require("farms")).withEqual("ocop_stars", 5L)));
        assertThat(withOcop).isNotEmpty();
        Object products = withOcop.get(0).properties().get("ocop_products");
        assertThat(products).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isNotEmpty();
        assertThat(((List<?>) products).get(0)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("name", "stars");
        assertThat(withOcop.get(0).properties().get("certifications")).isInstanceOf(List.class);
    }
}
