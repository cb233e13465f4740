package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;

/** The loader's streaming reader reads what geojson-jackson reads, whatever the member order. */
class GeoJsonFeatureReaderTest {

    static final Layer FARMS = LayerCatalog.load().require("farms");

    static final String FILE = """
            {"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"type":"FeatureCollection","bbox":[0,0,1,1],
             "features":[
              {"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[105.5,21.25,12.5]},
               "properties":{"name":"Trại \\"Đông\\"\\n","area_ha":3,"ocop_stars":4,"sample":true,"source_date":"2026-01-01",
                             "certifications":["VietGAP","organic"],"ocop_products":[{"name":"Mật ong","stars":4}]}},
              {"properties":{"farm_id":"b","area_ha":2.5},"geometry":{"coordinates":[[[105,21],[105.1,21],[105.1,21.1],[105,21]],
               [[105.02,21.02],[105.05,21.02],[105.05,21.05],[105.02,21.02]]],"type":"Polygon"},"type":"Feature","foreign":{"x":[1,2]}},
              {"type":"Feature","id":7,"geometry":{"type":"MultiPolygon","coordinates":[[[[106,10],[106.1,10],[106.1,10.1],[106,10]]],
               [[[107,11],[107.1,11],[107.1,11.1],[107,11]]]]},"properties":{}},
              {"type":"Feature","id":"d","geometry":{"type":"MultiPoint","coordinates":[[105,21],[106,22]]},"properties":null},
              {"type":"Feature","id":"e","geometry":{"type":"LineString","coordinates":[[105,21],[106,22]]},"properties":{"name":null}},
              {"type":"Feature","id":"f","geometry":{"type":"MultiLineString","coordinates":[[[105,21],[106,22]],[[107,21],[108,22]]]}},
              {"type":"Feature","id":"g","geometry":{"type":"GeometryCollection","geometries":[
               {"type":"Point","coordinates":[105,21]},{"type":"LineString","coordinates":[[105,21],[106,22]]}]},"properties":{}},
              {"type":"Feature","id":"h","geometry":null,"properties":{}}
             ]}""";

    static List<Feature> read(String json) {
        List<Feature> out = new ArrayList<>();
        Iterator<Feature> it =
                GeoJsonFeatureReader.read(FARMS, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void readsWhatGeojsonJacksonReads() {
        List<Feature> streamed = read(FILE);
        List<org.geojson.Feature> raw =
                GeoJsonFeatureReader.readRaw(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)));
        assertThat(streamed).extracting(Feature::id).containsExactly("a", "b", "7", "d", "e", "f", "g", "h");
        for (int i = 0; i < raw.size(); i++) {
            org.locationtech.jts.geom.Geometry expected =
                    GeoJsonGeometries.toJts(raw.get(i).getGeometry());
            org.locationtech.jts.geom.Geometry actual = streamed.get(i).geometry();
            if (expected == null) {
                assertThat(actual).isNull();
            } else {
                assertThat(actual.equalsExact(expected))
                        .as(streamed.get(i).id() + ": " + actual + " vs " + expected)
                        .isTrue();
                assertThat(actual.getSRID()).isEqualTo(4326);
            }
        }
        Feature a = streamed.get(0);
        assertThat(a.properties().get("farm_id")).isEqualTo("a");
        assertThat(a.properties().get("name")).isEqualTo("Trại \"Đông\"\n");
        assertThat(a.properties().get("area_ha")).isEqualTo(3.0);
        assertThat(a.properties().get("ocop_stars")).isEqualTo(4L);
        assertThat(a.properties().get("sample")).isEqualTo(true);
        assertThat(a.properties().get("source_date")).isEqualTo(java.time.LocalDate.of(2026, 1, 1));
        assertThat(a.properties().get("certifications")).isEqualTo(List.of("VietGAP", "organic"));
        assertThat(a.properties().get("ocop_products"))
                .isEqualTo(List.of(java.util.Map.of("name", "Mật ong", "stars", 4)));
        assertThat(streamed.get(1).properties().get("area_ha")).isEqualTo(2.5);
        assertThat(streamed.get(1).properties())
                .containsKeys(FARMS.properties().stream().map(p -> p.name()).toArray(String[]::new));
    }

    @Test
    void badInputIsAClearError() {
        assertThatThrownBy(
                        () -> read("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"x\","
                                + "\"properties\":{\"colour\":\"red\"}}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("property 'colour' is not in layer farms");
        assertThatThrownBy(
                        () -> read("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"x\","
                                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[105,21]}}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Polygon")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> read(
                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"x\"}, oops]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid GeoJSON");
        assertThatThrownBy(() -> read("[1,2]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FeatureCollection");
        assertThatThrownBy(() -> read(
                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{}}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a feature of farms has no farm_id");
    }
}
