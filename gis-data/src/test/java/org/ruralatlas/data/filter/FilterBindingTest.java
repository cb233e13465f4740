package org.ruralatlas.data.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.filter.Expression.GeometryLiteral;
import org.ruralatlas.data.filter.Expression.SpatialPredicate;
import org.ruralatlas.data.geo.CrsOffer;

/** Binding a CQL2 expression to a layer: what is refused, with which message, and what literals become. */
class FilterBindingTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static final Layer COMMUNES = CATALOG.require("communes");
    private static final Layer ZONES = CATALOG.require("zones");

    private static Filter bind(Layer layer, String text) {
        return Filter.parse(layer, text, null, null, CrsOffer.ALL);
    }

    @Test
    void anUnknownPropertyIsNamedWithTheQueryables() {
        assertThatThrownBy(() -> bind(COMMUNES, "populaton > 1000"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageStartingWith(
                        "unknown property populaton; communes can be filtered on [geometry, unit_id, code, name,")
                .hasMessageContaining("criteria_met")
                .hasMessageNotContaining("before_merger");
        // a property that exists but is not a queryable is unknown to filters too
        assertThatThrownBy(() -> bind(COMMUNES, "before_merger LIKE '%Phúc%'"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("unknown property before_merger");
        // records have no geometry queryable
        assertThatThrownBy(
                        () -> bind(CATALOG.require("reported_province_figures"), "S_INTERSECTS(geometry, POINT(1 2))"))
                .hasMessageContaining("unknown property geometry");
        assertThat(Filter.queryables(ZONES))
                .startsWith("geometry", "zone_id", "name")
                .contains("certifications", "area_ha");
    }

    @Test
    void anUnsupportedFunctionIsNamed() {
        assertThatThrownBy(() -> bind(COMMUNES, "avg(criteria_met) < 4"))
                .isInstanceOf(BadFilterException.class)
                .hasMessage("function avg is not supported; the functions this server knows are [S_DWITHIN]");
        assertThatThrownBy(() -> Filter.parse(
                        ZONES,
                        "{\"op\":\"Buffer\",\"args\":[{\"property\":\"geometry\"},10]}",
                        "cql2-json",
                        null,
                        CrsOffer.ALL))
                .hasMessageContaining("function Buffer is not supported");
    }

    @Test
    void anUnsupportedCrsListsTheSupportedOnes() {
        assertThatThrownBy(() -> Filter.parse(
                        ZONES,
                        "S_INTERSECTS(geometry, POINT(1 2))",
                        null,
                        "http://www.opengis.net/def/crs/EPSG/0/32648",
                        CrsOffer.ALL))
                .isInstanceOf(BadFilterException.class)
                .hasMessageStartingWith(
                        "filter-crs 'http://www.opengis.net/def/crs/EPSG/0/32648' is not supported; use one of [")
                .hasMessageContaining("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                .satisfies(e -> assertThat(((BadFilterException) e).parameter()).isEqualTo("filter-crs"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "criteria_met = 'nineteen' | cannot compare criteria_met (an integer) with 'nineteen' (a text) using =",
                "valid_from > '2025-01-01' | write a date as DATE('2025-07-01')",
                "outstanding_fields = 'tourism' | lists are compared with A_CONTAINS",
                "criteria_met LIKE '1%' | LIKE takes a text, not criteria_met (an integer)",
                "name BETWEEN 'a' AND 'b' | BETWEEN takes a number",
                "criteria_met IN (1, 'x') | cannot compare criteria_met (an integer) with 'x' (a text) using IN",
                "name + 1 > 2 | arithmetic (+) takes a number",
                "CASEI(criteria_met) = 'x' | CASEI takes a text",
                "S_INTERSECTS(geometry, name) | S_INTERSECTS takes a geometry, not name (a text)",
                "S_TOUCHES(geometry, GEOMETRYCOLLECTION(POINT(1 2), POINT(3 4))) | S_TOUCHES does not take a GEOMETRYCOLLECTION",
                "S_INTERSECTS(geometry, POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))) | is not valid: Self-intersection",
                "S_INTERSECTS(geometry, BBOX(1, 50, 2, 40)) | BBOX: bbox minimum latitude must not exceed the maximum",
                "S_DWITHIN(geometry, POINT(200 10), 5, km) | within longitudes -180..180",
                "T_DURING(valid_from, INTERVAL('2025-01-01', '2025-12-31')) | T_DURING relates intervals",
                "T_AFTER(valid_from, TIMESTAMP('2025-01-01T00:00:00Z')) | compares dates with timestamps",
                "T_AFTER(criteria_met, DATE('2025-01-01')) | takes dates, timestamps, date properties",
                "T_AFTER(INTERVAL('2025-02-01', '2025-01-01'), DATE('2025-01-01')) | ends before it starts",
                "A_CONTAINS(outstanding_fields, ('tourism', 5)) | compares outstanding_fields (a list of texts) with texts only",
                "A_CONTAINS(name, ('a')) | A_CONTAINS takes arrays",
                "name LIKE 'abc\\' | ends with the escape character",
                "INTERVAL('2025-01-01', '..') IS NULL | an INTERVAL is only an argument of a temporal function",
                "criteria_met = (1, 2) | cannot compare criteria_met (an integer) with array literal (an array)"
            })
    void meaninglessFiltersAreRefusedWithAReason(String filter, String message) {
        assertThatThrownBy(() -> bind(COMMUNES, filter))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((BadFilterException) e).parameter()).isEqualTo("filter"));
    }

    @Test
    void jsonIsCheckedAsText() {
        assertThatThrownBy(() -> Filter.parse(
                        COMMUNES,
                        "{\"op\":\"and\",\"args\":[true,{\"property\":\"criteria_met\"}]}",
                        "cql2-json",
                        null,
                        CrsOffer.ALL))
                .hasMessage("AND, OR and NOT each takes a boolean, not criteria_met (an integer)");
        assertThatThrownBy(() -> Filter.parse(COMMUNES, "{\"property\":\"name\"}", "cql2-json", null, CrsOffer.ALL))
                .hasMessage("the filter takes a boolean, not name (a text)");
        assertThatThrownBy(() -> Filter.parse(
                        COMMUNES,
                        "{\"op\":\"like\",\"args\":[{\"property\":\"name\"},{\"property\":\"code\"}]}",
                        "cql2-json",
                        null,
                        CrsOffer.ALL))
                .hasMessageContaining("the pattern of LIKE is a string");
        assertThat(Filter.parse(COMMUNES, "{\"property\":\"sample\"}", "cql2-json", null, CrsOffer.ALL)
                        .expression())
                .isEqualTo(new Expression.Property("sample"));
    }

    @Test
    void deepExpressionsAreRefused() {
        String chain = "criteria_met" + " + 1".repeat(150) + " > 3";
        assertThatThrownBy(() -> bind(COMMUNES, chain)).hasMessageContaining("nests deeper than 100 levels");
        assertThat(bind(COMMUNES, "criteria_met" + " + 1".repeat(80) + " > 3")).isNotNull();
    }

    @Test
    void literalsAreFoldedOnceAndBboxesBecomeAreas() {
        Filter f = bind(COMMUNES, "CASEI(ACCENTI(name)) = CASEI(ACCENTI('Phúc HOÀ'))");
        assertThat(f.expression().toString()).contains("TextLiteral[value=phuc hoa]");
        SpatialPredicate across = (SpatialPredicate) bind(COMMUNES, "S_INTERSECTS(geometry, BBOX(170, -10, -170, 10))")
                .expression();
        assertThat(((GeometryLiteral) across.right()).value().getNumGeometries())
                .isEqualTo(2);
        assertThat(bind(ZONES, "A_EQUALS(('a', 'b'), ('b', 'a'))").expression())
                .isEqualTo(new Expression.BooleanLiteral(true));
    }

    @Test
    void filterCrsMovesLiteralsToCrs84() {
        // the same place as POINT(106.16 21.38): in UTM 48N (easting, northing) and in EPSG:4326 (latitude first)
        for (String[] spec : List.of(
                new String[] {"POINT(620059.34 2364755.96)", "http://www.opengis.net/def/crs/EPSG/0/3405"},
                new String[] {"POINT(21.38 106.16)", "[EPSG:4326]"})) {
            Filter f = Filter.parse(COMMUNES, "S_INTERSECTS(geometry, " + spec[0] + ")", null, spec[1], CrsOffer.ALL);
            Coordinate c = ((GeometryLiteral) ((SpatialPredicate) f.expression()).right())
                    .value()
                    .getCoordinate();
            assertThat(c.x).as(spec[1]).isCloseTo(106.16, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(c.y).as(spec[1]).isCloseTo(21.38, org.assertj.core.data.Offset.offset(1e-6));
        }
        // a box in a projected CRS is a curved area in CRS84, followed along its edges
        Filter box = Filter.parse(
                COMMUNES,
                "S_WITHIN(geometry, BBOX(583000, 2311400, 603700, 2333650))",
                null,
                "[EPSG:3405]",
                CrsOffer.ALL);
        assertThat(((GeometryLiteral) ((SpatialPredicate) box.expression()).right())
                        .value()
                        .getNumPoints())
                .isEqualTo(33);
    }

    @Test
    void candidateBoxesConfineWhatTheIndexReturns() {
        assertThat(bind(ZONES, "commodity = 'che'").candidateBoxes()).isEmpty();
        assertThat(bind(ZONES, "S_INTERSECTS(geometry, BBOX(1, 2, 3, 4)) AND commodity = 'che'")
                        .candidateBoxes())
                .contains(List.of(new Envelope(1, 3, 2, 4)));
        assertThat(bind(ZONES, "S_INTERSECTS(geometry, BBOX(1, 2, 3, 4)) OR S_INTERSECTS(geometry, POINT(10 10))")
                        .candidateBoxes())
                .contains(List.of(new Envelope(1, 3, 2, 4), new Envelope(10, 10, 10, 10)));
        assertThat(bind(ZONES, "S_INTERSECTS(geometry, BBOX(1, 2, 3, 4)) OR commodity = 'che'")
                        .candidateBoxes())
                .isEmpty();
        assertThat(bind(ZONES, "NOT S_INTERSECTS(geometry, BBOX(1, 2, 3, 4))").candidateBoxes())
                .isEmpty();
        assertThat(bind(ZONES, "S_DISJOINT(geometry, BBOX(1, 2, 3, 4))").candidateBoxes())
                .isEmpty();
        assertThat(bind(ZONES, "S_INTERSECTS(geometry, BBOX(1, 2, 3, 4)) AND S_INTERSECTS(geometry, BBOX(2, 3, 5, 5))")
                        .candidateBoxes())
                .contains(List.of(new Envelope(2, 3, 3, 4)));
        Envelope near = bind(ZONES, "S_DWITHIN(geometry, POINT(106 21), 5, km)")
                .candidateBoxes()
                .orElseThrow()
                .get(0);
        assertThat(near.getHeight()).isBetween(0.0899, 0.0900); // 2 × 5 km in degrees of latitude
        assertThat(near.getWidth()).isGreaterThan(near.getHeight());
        assertThat(bind(ZONES, "FALSE").candidateBoxes()).contains(List.of());
    }

    @Test
    void theFilterKnowsWhatItReads() {
        Filter f = bind(
                ZONES,
                "commodity = 'che' AND S_INTERSECTS(geometry, POINT(1 2)) OR A_CONTAINS(certifications, ('organic'))");
        assertThat(f.properties()).containsExactly("commodity", "certifications");
        assertThat(f.usesGeometry()).isTrue();
        assertThat(bind(ZONES, "area_ha > 5").usesGeometry()).isFalse();
    }

    @Test
    void evaluatesWithThreeValuedLogic() {
        Filter f = bind(ZONES, "NOT A_OVERLAPS(target_markets, ('JP'))");
        var point = new GeometryFactory().createPoint(new Coordinate(106, 21));
        assertThat(f.test(Map.of("target_markets", List.of("US")), point)).isTrue();
        assertThat(f.test(Map.of("target_markets", List.of("JP", "US")), point)).isFalse();
        java.util.Map<String, Object> missing = new java.util.HashMap<>();
        missing.put("target_markets", null);
        assertThat(f.test(missing, point)).isFalse(); // unknown, and NOT unknown is unknown
        Filter or = bind(ZONES, "A_OVERLAPS(target_markets, ('JP')) OR area_ha > 5");
        missing.put("area_ha", 6.0);
        assertThat(or.test(missing, point)).isTrue(); // unknown OR true is true
    }
}
