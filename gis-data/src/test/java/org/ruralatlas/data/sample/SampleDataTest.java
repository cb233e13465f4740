package org.ruralatlas.data.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;

class SampleDataTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static GeoPackageFeatureStore sample;
    private static Map<String, Feature> communes;

    @TempDir
    static Path sampleDir;

    @BeforeAll
    static void open() {
        sample = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
        communes = new java.util.LinkedHashMap<>();
        all("communes").forEach(f -> communes.put((String) f.properties().get("code"), f));
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

    /**
     * A commune's NTM answer looks records up by their queryables (assessments by unit, lineage by
     * new unit, criteria by set, communes by code): SQLite searches each by an index, not a scan.
     */
    @Test
    void searchesEachQueryableByAnIndex() throws Exception {
        Path file = sampleDir.resolve("sample.gpkg");
        int checked = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (Layer layer : CATALOG.all()) {
                for (var p : layer.queryables()) {
                    if (p.name().equals(layer.idProperty())
                            || p.type() == org.ruralatlas.data.catalog.PropertyType.STRING_LIST
                            || p.type() == org.ruralatlas.data.catalog.PropertyType.JSON) {
                        continue;
                    }
                    String plan = "";
                    try (var rs = c.createStatement()
                            .executeQuery("EXPLAIN QUERY PLAN SELECT * FROM \"" + layer.id() + "\" WHERE \"" + p.name()
                                    + "\" = 1")) {
                        while (rs.next()) {
                            plan += rs.getString("detail") + ";";
                        }
                    }
                    assertThat(plan).as(layer.id() + "." + p.name()).contains("USING INDEX");
                    checked++;
                }
            }
        }
        assertThat(checked).as("the record tables' and layers' queryables").isGreaterThan(50);
    }

    @Test
    void hasTheRealAdministrativeUnits() {
        assertThat(communes).hasSize(3321);
        assertThat(communes.values())
                .filteredOn(f -> "xa".equals(f.properties().get("unit_type")))
                .hasSize(2611);
        assertThat(all("provinces"))
                .hasSize(34)
                .extracting(f -> f.properties().get("name"))
                .contains("Bắc Ninh", "Thanh Hoá", "Đồng Nai");
        assertThat(communes.get("07330").properties()).containsEntry("name", "Phúc Hoà");
    }

    @Test
    void generatedRecordsAreEnoughAndMarkedAsSamples() {
        assertThat(all("farms"))
                .hasSizeGreaterThanOrEqualTo(2000)
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("sample", true));
        assertThat(all("zones"))
                .hasSizeGreaterThanOrEqualTo(50)
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("sample", true));
        assertThat(all("tourism"))
                .hasSizeGreaterThanOrEqualTo(300)
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("sample", true));
        // only rural communes carry a (generated) NTM assessment
        assertThat(communes.values())
                .allSatisfy(f -> assertThat(f.properties().get("sample"))
                        .isEqualTo("xa".equals(f.properties().get("unit_type"))));
        assertThat(all("reported_province_figures"))
                .allSatisfy(f -> assertThat(f.properties()).containsEntry("sample", false));
    }

    @Test
    void everythingLiesOnLandInTheCommuneItNames() {
        STRtree index = new STRtree();
        communes.values().forEach(c -> index.insert(c.geometry().getEnvelopeInternal(), c));
        for (String layer : List.of("farms", "tourism", "zones")) {
            for (Feature f : all(layer)) {
                Feature commune = communes.get((String) f.properties().get("commune_code"));
                assertThat(commune)
                        .as(layer + " " + f.id() + " names a real commune")
                        .isNotNull();
                Geometry g = f.geometry();
                assertThat(commune.geometry().buffer(1e-9).covers(g))
                        .as(layer + " " + f.id() + " inside its commune")
                        .isTrue();
                assertThat(f.properties().get("province_code"))
                        .isEqualTo(commune.properties().get("province_code"));
            }
        }
    }

    @Test
    void lycheeZonesAreInBacNinhAroundLucNganAndTanYen() {
        List<Feature> lychee = all("zones").stream()
                .filter(z -> "vai_thieu".equals(z.properties().get("commodity")))
                .toList();
        assertThat(lychee)
                .hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(z -> assertThat(z.properties()).containsEntry("province_code", "24"))
                .allSatisfy(z -> assertThat(z.geometry().getCentroid().getY()).isBetween(21.1, 21.7));
    }

    @Test
    void historicalRecognitionsLinkToTheCommuneThatAbsorbedThem() {
        Map<String, String> expected = Map.of(
                "bg-quang-minh",
                "07798",
                "bg-phuc-hoa",
                "07330",
                "bg-hong-giang",
                "07525",
                "bp-da-kia",
                "25231",
                "bp-dak-o",
                "25225",
                "nd-truc-tuan",
                "14026");
        Map<String, Feature> byId = new java.util.HashMap<>();
        all("historical_recognitions").forEach(f -> byId.put(f.id(), f));
        expected.forEach(
                (id, code) -> assertThat(byId.get(id).properties()).as(id).containsEntry("commune_code", code));
        for (Feature r : byId.values()) {
            String before = (String) communes.get((String) r.properties().get("commune_code"))
                    .properties()
                    .get("before_merger");
            assertThat(org.ruralatlas.data.text.VietnameseText.fold(before))
                    .as(r.id())
                    .containsAnyOf(
                            org.ruralatlas.data.text.VietnameseText.fold(
                                    (String) r.properties().get("old_commune")),
                            "giu nguyen");
        }
    }

    @Test
    void buildingAgainGivesTheSameData(@TempDir Path dir) {
        Path again = dir.resolve("again.gpkg");
        SampleDataBuilder.build(Path.of("src/main/sample"), again);
        try (GeoPackageFeatureStore rebuilt = new GeoPackageFeatureStore(again)) {
            for (Layer layer : CATALOG.all()) {
                List<Feature> a = new ArrayList<>();
                List<Feature> b = new ArrayList<>();
                sample.query(FeatureQuery.all(layer)).drainTo(a::add);
                rebuilt.query(FeatureQuery.all(layer)).drainTo(b::add);
                assertThat(b).as(layer.id()).hasSameSizeAs(a);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).properties()).isEqualTo(a.get(i).properties());
                    if (layer.hasGeometry()) {
                        assertThat(b.get(i).geometry().equalsExact(a.get(i).geometry()))
                                .isTrue();
                    }
                }
            }
        }
    }
}
