package org.ruralatlas.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.feature.SortKey;
import org.ruralatlas.data.filter.BadFilterException;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.CrsOffer;
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
        assertThat(store().count(FeatureQuery.all(CATALOG.require("provinces"))))
                .isEqualTo(34);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("farms")))).isGreaterThanOrEqualTo(2000);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("zones")))).isGreaterThanOrEqualTo(50);
        assertThat(store().count(FeatureQuery.all(CATALOG.require("tourism")))).isGreaterThanOrEqualTo(300);
    }

    @Test
    void getsOneFeatureWithTypedPropertiesAndRealGeometry() {
        Feature f = store().get(CATALOG.require("communes"), "07330@2025-07-01").orElseThrow();
        assertThat(f.id()).isEqualTo("07330@2025-07-01");
        assertThat(f.properties())
                .containsEntry("name", "Phúc Hoà")
                .containsEntry("province_name", "Bắc Ninh")
                .containsEntry("unit_type", "xa")
                .containsEntry("valid_from", LocalDate.of(2025, 7, 1))
                .containsEntry("criteria_total", 19L)
                .containsEntry("sample", true);
        assertThat((String) f.properties().get("before_merger")).contains("Xã Phúc Hòa");
        assertThat(f.geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(f.geometry().isValid()).isTrue();
        assertThat(f.geometry().getEnvelopeInternal().contains(106.16, 21.38)).isTrue();
    }

    @Test
    void unknownIdsAreEmpty() {
        assertThat(store().get(CATALOG.require("farms"), "no-such-farm")).isEmpty();
        assertThat(store().get(CATALOG.require("farms"), "'; DROP TABLE farms; --"))
                .isEmpty();
    }

    @Test
    void bboxReturnsExactlyTheIntersectingFeatures() {
        Layer zones = CATALOG.require("zones");
        List<Feature> inBox = read(store().query(FeatureQuery.all(zones).withBbox(LUC_NGAN)));
        Geometry box = new GeometryFactory().toGeometry(LUC_NGAN.envelopes().get(0));
        List<Feature> all = read(store().query(FeatureQuery.all(zones)));
        List<String> expected = all.stream()
                .filter(f -> f.geometry().intersects(box))
                .map(Feature::id)
                .toList();
        assertThat(inBox).extracting(Feature::id).isEqualTo(expected);
        assertThat(inBox).extracting(f -> f.properties().get("commodity")).contains("vai_thieu");
        assertThat(store().count(FeatureQuery.all(zones).withBbox(LUC_NGAN))).isEqualTo(expected.size());
    }

    /** A box of no area (a point, bbox=x,y,x,y, as "what is here" asks; or a line) finds what lies on it, on both stores. */
    @Test
    void aBoxOfNoAreaFindsThePointOnIt() {
        Layer tourism = CATALOG.require("tourism");
        Feature site =
                read(store().query(FeatureQuery.all(tourism).page(10, 1))).get(0);
        double x = site.geometry().getCoordinate().x;
        double y = site.geometry().getCoordinate().y;
        assertThat(read(store().query(FeatureQuery.all(tourism).withBbox(new Bbox(x, y, x, y)))))
                .extracting(Feature::id)
                .contains(site.id());
        assertThat(read(store().query(FeatureQuery.all(tourism).withBbox(new Bbox(x, y - 0.001, x, y + 0.001)))))
                .extracting(Feature::id)
                .contains(site.id());
        assertThat(store().count(FeatureQuery.all(tourism).withBbox(new Bbox(x, y, x, y))))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void pagesInStableIdOrder() {
        Layer farms = CATALOG.require("farms");
        List<String> first30 = read(store().query(FeatureQuery.all(farms).page(0, 30))).stream()
                .map(Feature::id)
                .toList();
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
        List<String> secondPage =
                read(store().query(q.page(5, 5))).stream().map(Feature::id).toList();
        assertThat(all.size()).isGreaterThan(10);
        assertThat(secondPage).isEqualTo(all.subList(5, 10));
    }

    @Test
    void filtersOnPropertyEquality() {
        Layer tourism = CATALOG.require("tourism");
        FeatureQuery homestays = FeatureQuery.all(tourism).withEqual("category", "homestay");
        List<Feature> found = read(store().query(homestays));
        assertThat(found)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("category", "homestay"));
        assertThat(store().count(homestays)).isEqualTo(found.size());
        Layer communes = CATALOG.require("communes");
        FeatureQuery models = FeatureQuery.all(communes)
                .withEqual("ntm_level", "model")
                .withEqual("criteria_met", 19L)
                .withBbox(new Bbox(102, 8, 110, 24));
        assertThat(read(store().query(models)))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("ntm_level", "model"));
        assertThat(store().count(FeatureQuery.all(communes).withEqual("sample", false)))
                .isEqualTo(3321 - 2611);
    }

    @Test
    void servesRecordsWithoutGeometry() {
        Feature bacGiang = store().get(CATALOG.require("reported_province_figures"), "bac-giang-2023-05")
                .orElseThrow();
        assertThat(bacGiang.geometry()).isNull();
        assertThat(bacGiang.properties())
                .containsEntry("communes_total", 182L)
                .containsEntry("communes_ntm", 144L)
                .containsEntry("communes_advanced", 43L)
                .containsEntry("communes_model", 1L)
                .containsEntry("average_criteria", 17.1)
                .containsEntry("sample", false);
        Feature phucHoa = store().get(CATALOG.require("historical_recognitions"), "bg-phuc-hoa")
                .orElseThrow();
        assertThat(phucHoa.properties())
                .containsEntry("commune_code", "07330")
                .containsEntry("old_district", "Tân Yên");
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
        List<Feature> withOcop =
                read(store().query(FeatureQuery.all(CATALOG.require("farms")).withEqual("ocop_stars", 5L)));
        assertThat(withOcop).isNotEmpty();
        Object products = withOcop.get(0).properties().get("ocop_products");
        assertThat(products)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .isNotEmpty();
        assertThat(((List<?>) products).get(0))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("name", "stars");
        assertThat(withOcop.get(0).properties().get("certifications")).isInstanceOf(List.class);
    }

    // ------------------------------------------------- CQL2 filters, sortby, properties

    @Test
    void sortsByQueryablesThenByIdAndPagesStayCorrect() {
        Layer zones = CATALOG.require("zones");
        FeatureQuery q = FeatureQuery.all(zones).sortedBy(SortKey.parse(zones, "-commodity, area_ha"));
        List<Feature> sorted = read(store().query(q));
        assertThat(sorted).hasSize((int) store().count(FeatureQuery.all(zones)));
        for (int i = 1; i < sorted.size(); i++) {
            Feature a = sorted.get(i - 1);
            Feature b = sorted.get(i);
            int byCommodity = ((String) a.properties().get("commodity"))
                    .compareTo((String) b.properties().get("commodity"));
            assertThat(byCommodity).as("commodity descending at " + b.id()).isGreaterThanOrEqualTo(0);
            if (byCommodity == 0) {
                int byArea = Double.compare((Double) a.properties().get("area_ha"), (Double)
                        b.properties().get("area_ha"));
                assertThat(byArea).as("area ascending at " + b.id()).isLessThanOrEqualTo(0);
                if (byArea == 0) {
                    assertThat(a.id()).isLessThan(b.id());
                }
            }
        }
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < sorted.size(); offset += 7) {
            read(store().query(q.page(offset, 7))).forEach(f -> paged.add(f.id()));
        }
        assertThat(paged).isEqualTo(sorted.stream().map(Feature::id).toList()).doesNotHaveDuplicates();
    }

    @Test
    void sortsMissingValuesLastAscendingAndFirstDescending() {
        Layer farms = CATALOG.require("farms");
        List<Feature> up = read(store().query(FeatureQuery.all(farms).sortedBy(SortKey.parse(farms, "ocop_stars"))));
        List<Feature> down = read(store().query(FeatureQuery.all(farms).sortedBy(SortKey.parse(farms, "-ocop_stars"))));
        assertThat(up.get(0).properties().get("ocop_stars")).isEqualTo(3L);
        assertThat(up.get(up.size() - 1).properties().get("ocop_stars")).isNull();
        assertThat(down.get(0).properties().get("ocop_stars")).isNull();
        assertThat(down.get(down.size() - 1).properties().get("ocop_stars")).isEqualTo(3L);
        // ties (every null, every 3-star farm) in id order both ways
        List<String> nullsUp = up.stream()
                .filter(f -> f.properties().get("ocop_stars") == null)
                .map(Feature::id)
                .toList();
        assertThat(nullsUp)
                .isSorted()
                .isEqualTo(down.stream()
                        .filter(f -> f.properties().get("ocop_stars") == null)
                        .map(Feature::id)
                        .toList());
    }

    @Test
    void returnsOnlyTheSelectedPropertiesWithTheIdAndSkipsTheGeometry() {
        Layer tourism = CATALOG.require("tourism");
        FeatureQuery q = FeatureQuery.all(tourism)
                .selecting(PropertySelection.parse(tourism, "name,category", true))
                .page(0, 5);
        List<Feature> found = read(store().query(q));
        assertThat(found).hasSize(5).allSatisfy(f -> {
            assertThat(f.properties()).containsOnlyKeys("site_id", "name", "category");
            assertThat(f.geometry()).isNull();
        });
        assertThat(q.outputLayer().properties())
                .extracting(p -> p.name())
                .containsExactly("site_id", "name", "category");
        assertThat(q.outputLayer().hasGeometry()).isFalse();
        Feature whole = store().get(tourism, found.get(0).id()).orElseThrow();
        assertThat(found.get(0).properties())
                .containsEntry("name", whole.properties().get("name"));
    }

    @Test
    void filtersOnPropertiesItDoesNotReturnAndCountsTheMatches() {
        Layer zones = CATALOG.require("zones");
        Filter lychee = Filter.parse(
                zones,
                "commodity = 'vai_thieu' AND area_ha > 100 AND S_INTERSECTS(geometry, BBOX(105, 20, 108, 23))",
                null,
                null,
                CrsOffer.ALL);
        FeatureQuery q =
                FeatureQuery.all(zones).withFilter(lychee).selecting(PropertySelection.parse(zones, "name", true));
        List<Feature> found = read(store().query(q));
        assertThat(found)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.properties()).containsOnlyKeys("zone_id", "name"));
        List<String> expected = read(store().query(FeatureQuery.all(zones))).stream()
                .filter(f -> "vai_thieu".equals(f.properties().get("commodity"))
                        && (Double) f.properties().get("area_ha") > 100
                        && f.geometry()
                                .intersects(new GeometryFactory()
                                        .toGeometry(new org.locationtech.jts.geom.Envelope(105, 108, 20, 23))))
                .map(Feature::id)
                .toList();
        assertThat(found).extracting(Feature::id).isEqualTo(expected);
        assertThat(store().count(q)).isEqualTo(expected.size());
        try (FeatureCursor page = store().query(q.page(1, 2))) {
            assertThat(read(page)).extracting(Feature::id).isEqualTo(expected.subList(1, 3));
            assertThat(page.position()).hasValue(new org.ruralatlas.data.feature.Keyset(List.of(expected.get(2))));
        }
        java.time.Duration budget = java.time.Duration.ofSeconds(10);
        assertThat(store().countUpTo(q.page(1, 2), expected.size(), budget))
                .isEqualTo(org.ruralatlas.data.feature.MatchCount.exactly(expected.size()));
        // one match over the bound: not counted further, an estimate (the planner's, or the R-tree's candidates)
        assertThat(store().countUpTo(q, expected.size() - 1, budget).exact()).isFalse();
    }

    @Test
    void aFilterThatCannotBeComputedIsABadFilterNeverAStoreError() {
        Layer communes = CATALOG.require("communes");
        for (String text : List.of(
                "criteria_met / (criteria_met - criteria_met) > 1",
                "criteria_met * 1e308 * 1e308 > 1",
                "(0 - criteria_met) ^ 0.5 > 1")) {
            FeatureQuery q =
                    FeatureQuery.all(communes).withFilter(Filter.parse(communes, text, null, null, CrsOffer.ALL));
            assertThatThrownBy(() -> read(store().query(q))).as(text).isInstanceOf(BadFilterException.class);
            assertThatThrownBy(() -> store().count(q)).as(text).isInstanceOf(BadFilterException.class);
        }
        store().checkHealth();
    }
}
