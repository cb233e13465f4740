package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.feature.SortKey;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageWriter;
import org.ruralatlas.data.testing.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every writer lays out what a narrowed query returns ({@code properties}, {@code skipGeometry},
 * through {@link FeatureQuery#outputLayer()}), as GDAL and a JSON parser read the files: only
 * the id and the chosen columns, no geometry when it is skipped (FlatGeobuf, a format of
 * geometries, refuses), in the query's order.
 */
@IntegrationTest
class PropertySelectionWritersTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path sampleDir;

    private static final Layer ZONES = LayerCatalog.load().require("zones");
    private static GeoPackageFeatureStore store;

    @BeforeAll
    static void open() {
        store = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static FeatureQuery query(boolean skipGeometry) {
        return FeatureQuery.all(ZONES)
                .withFilter(Filter.parse(ZONES, "commodity = 'vai_thieu'", null, null, CrsOffer.ALL))
                .sortedBy(SortKey.parse(ZONES, "-area_ha"))
                .selecting(PropertySelection.parse(ZONES, "area_ha,name", skipGeometry));
    }

    private static List<Feature> features(FeatureQuery q) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.query(q)) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void geoJsonHasOnlyTheChosenProperties() {
        for (boolean skip : List.of(false, true)) {
            List<Feature> features = features(query(skip));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var g = JsonMapper.builder().build().createGenerator(out)) {
                assertThat(GeoJsonWriter.writeCollection(g, "zones", features.iterator()))
                        .isEqualTo(features.size());
            }
            JsonNode collection = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(collection.get("features").size()).isPositive();
            double previous = Double.MAX_VALUE;
            for (JsonNode f : collection.get("features")) {
                assertThat(f.get("properties").propertyNames()).containsExactly("zone_id", "name", "area_ha");
                assertThat(f.get("geometry").isNull()).isEqualTo(skip);
                assertThat(f.get("properties").get("area_ha").doubleValue()).isLessThanOrEqualTo(previous);
                previous = f.get("properties").get("area_ha").doubleValue();
            }
        }
    }

    @Test
    void csvHasOnlyTheChosenColumns() throws Exception {
        ByteArrayOutputStream with = new ByteArrayOutputStream();
        CsvFeatureWriter.write(
                query(false).outputLayer(), features(query(false)).iterator(), with, false);
        assertThat(with.toString(StandardCharsets.UTF_8).lines().findFirst())
                .hasValue("WKT,lon,lat,zone_id,name,area_ha");
        ByteArrayOutputStream without = new ByteArrayOutputStream();
        CsvFeatureWriter.write(query(true).outputLayer(), features(query(true)).iterator(), without, false);
        assertThat(without.toString(StandardCharsets.UTF_8).lines().findFirst()).hasValue("zone_id,name,area_ha");
    }

    @Test
    void geoPackageAndFlatGeobufAsGdalReadsThem(@TempDir Path dir) throws Exception {
        Path gpkg = dir.resolve("zones.gpkg");
        GeoPackageWriter.write(
                gpkg,
                Map.of(query(false).outputLayer(), () -> features(query(false)).iterator()));
        String info = FlatGeobufWriterTest.gdal("ogrinfo", "-ro", "-so", "-al", gpkg.toString());
        assertThat(info)
                .contains("Geometry: Multi Polygon")
                .contains("zone_id: String")
                .contains("name: String")
                .contains("area_ha: Real")
                .doesNotContain("commodity:")
                .doesNotContain("households:");

        Path records = dir.resolve("records.gpkg");
        GeoPackageWriter.write(
                records,
                Map.of(query(true).outputLayer(), () -> features(query(true)).iterator()));
        String recordsInfo = FlatGeobufWriterTest.gdal("ogrinfo", "-ro", "-so", "-al", records.toString());
        assertThat(recordsInfo)
                .contains("Geometry: None")
                .contains("area_ha: Real")
                .doesNotContain("commodity:");

        Path fgb = dir.resolve("zones.fgb");
        long n = FlatGeobufWriter.write(
                query(false).outputLayer(), features(query(false)).iterator(), fgb);
        assertThat(FlatGeobufWriterTest.gdal("ogrinfo", "-ro", "-so", "-al", fgb.toString()))
                .contains("Feature Count: " + n)
                .contains("area_ha: Real")
                .doesNotContain("commodity:");
        assertThatThrownBy(() -> FlatGeobufWriter.write(
                        query(true).outputLayer(), features(query(true)).iterator(), dir.resolve("none.fgb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without it");
        assertThat(Files.exists(dir.resolve("none.fgb"))).isFalse();
    }
}
