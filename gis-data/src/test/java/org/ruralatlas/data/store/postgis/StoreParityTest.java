package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/** The sample loaded into PostGIS with the loader answers every query exactly as the embedded GeoPackage does. */
@IntegrationTest
class StoreParityTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static GeoPackageFeatureStore geopackage;
    private static PostgisFeatureStore postgis;

    @TempDir
    static Path sampleDir;

    @BeforeAll
    static void open() {
        String url = TestDatabase.withSample("parity");
        postgis = new PostgisFeatureStore(TestDatabase.dataSource(url), 30, "test");
        geopackage = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
    }

    @AfterAll
    static void close() {
        geopackage.close();
        postgis.close();
    }

    @Test
    void everyFeatureOfEveryLayerIsIdentical() {
        for (Layer layer : CATALOG.all()) {
            List<Feature> a = read(geopackage.query(FeatureQuery.all(layer)));
            List<Feature> b = read(postgis.query(FeatureQuery.all(layer)));
            assertThat(b).as(layer.id()).hasSameSizeAs(a).isNotEmpty();
            for (int i = 0; i < a.size(); i++) {
                Feature fa = a.get(i);
                Feature fb = b.get(i);
                assertThat(fb.id()).isEqualTo(fa.id());
                assertThat(fb.properties()).as(layer.id() + " " + fa.id()).isEqualTo(fa.properties());
                if (layer.hasGeometry()) {
                    assertThat(fb.geometry().equalsExact(fa.geometry()))
                            .as(layer.id() + " " + fa.id() + " geometry")
                            .isTrue();
                }
            }
        }
    }

    /** Thirty boxes of every size from a village's to a region's, each on every layer: 150 comparisons. */
    @Test
    void randomBoxesSelectTheSameFeaturesInTheSameOrder() {
        Random random = new Random(42);
        for (int i = 0; i < 30; i++) {
            double size = 0.02 + random.nextDouble() * 1.5;
            double minx = 102.2 + random.nextDouble() * 7;
            double miny = 8.5 + random.nextDouble() * 14;
            Bbox box = new Bbox(minx, miny, minx + size, miny + size);
            for (Layer layer : CATALOG.collections()) {
                FeatureQuery q = FeatureQuery.all(layer).withBbox(box);
                assertThat(ids(postgis.query(q))).as(layer.id() + " " + box).isEqualTo(ids(geopackage.query(q)));
                assertThat(postgis.count(q)).isEqualTo(geopackage.count(q));
                FeatureQuery page = q.page(3, 7);
                assertThat(ids(postgis.query(page))).isEqualTo(ids(geopackage.query(page)));
            }
        }
    }

    @Test
    void filtersAndExtentsAgree() {
        Layer communes = CATALOG.require("communes");
        for (String level : List.of("none", "ntm", "advanced", "model")) {
            FeatureQuery q =
                    FeatureQuery.all(communes).withEqual("ntm_level", level).withEqual("province_code", "24");
            assertThat(ids(postgis.query(q))).isEqualTo(ids(geopackage.query(q)));
            assertThat(postgis.count(q)).isEqualTo(geopackage.count(q));
        }
        for (Layer layer : CATALOG.all()) {
            assertThat(postgis.extent(layer)).as(layer.id()).isEqualTo(geopackage.extent(layer));
        }
    }

    private static List<Feature> read(FeatureCursor cursor) {
        List<Feature> out = new ArrayList<>();
        cursor.drainTo(out::add);
        return out;
    }

    private static List<String> ids(FeatureCursor cursor) {
        return read(cursor).stream().map(Feature::id).toList();
    }
}
