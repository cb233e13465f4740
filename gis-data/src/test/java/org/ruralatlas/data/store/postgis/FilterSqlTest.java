package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.CrsOffer;

/**
 * The SQL of filters, as written for the planner: columns compared bare (B-tree), the name
 * folding spelled as the V9 index spells it (trigram GIN), every spatial test against a literal
 * led by {@code geom && literal} (GIST), texts ordered by code point, and no user value anywhere
 * in the text: only {@code ?}.
 */
class FilterSqlTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();

    private record Sql(String text, List<Object> params) {}

    private static Sql sql(String layer, String filter) {
        Layer l = CATALOG.require(layer);
        List<Object> params = new ArrayList<>();
        return new Sql(FilterSql.where(Filter.parse(l, filter, null, null, CrsOffer.ALL), params), params);
    }

    @Test
    void attributesAreComparedBareWithIntegersBoundAsIntegers() {
        Sql s = sql("communes", "province_code = '24' AND criteria_met < 15");
        assertThat(s.text()).isEqualTo("((\"province_code\" = ?) AND (\"criteria_met\" < ?))");
        assertThat(s.params()).containsExactly("24", 15L);
        assertThat(sql("communes", "criteria_met < 14.5").params()).containsExactly(14.5);
        assertThat(sql("zones", "area_ha > 100").params()).containsExactly(100.0);
        assertThat(sql("communes", "criteria_met BETWEEN 10 AND 12").text())
                .isEqualTo("(\"criteria_met\" BETWEEN ? AND ?)");
    }

    @Test
    void namesAreFoldedAsTheIndexIsBuilt() {
        Sql s = sql("tourism", "CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Hoà%'))");
        assertThat(s.text()).isEqualTo("(\"ruralatlas\".\"casei\"(\"ruralatlas\".\"accenti\"(\"name\")) LIKE ?)");
        assertThat(s.params()).containsExactly("%hoa%");
    }

    @Test
    void spatialTestsAgainstALiteralAreLedByTheIndexOperator() {
        assertThat(sql("communes", "S_INTERSECTS(geometry, POINT(106.16 21.38))")
                        .text())
                .isEqualTo(
                        "(\"geom\" && ST_GeomFromWKB(?, 4326) AND ST_Intersects(\"geom\", ST_GeomFromWKB(?, 4326)))");
        assertThat(sql("communes", "S_WITHIN(geometry, BBOX(106, 21, 107, 22))").text())
                .startsWith("(\"geom\" && ");
        assertThat(sql("communes", "S_DISJOINT(geometry, BBOX(106, 21, 107, 22))")
                        .text())
                .isEqualTo("(ST_Disjoint(\"geom\", ST_GeomFromWKB(?, 4326)))");
        Sql near = sql("zones", "S_DWITHIN(geometry, POINT(106.13 21.37), 5, km)");
        assertThat(near.text())
                .isEqualTo("(\"geom\" && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_DWithin(\"geom\"::geography, "
                        + "ST_GeomFromWKB(?, 4326)::geography, ?, false))");
        assertThat(near.params().get(5)).isEqualTo(5000.0);
    }

    @Test
    void textsAreOrderedByCodePointAndEqualityIsLeftAlone() {
        assertThat(sql("communes", "name < 'B'").text()).isEqualTo("(\"name\" COLLATE \"C\" < ?)");
        assertThat(sql("communes", "name = 'B'").text()).isEqualTo("(\"name\" = ?)");
        assertThat(sql("communes", "criteria_met < 3").text()).doesNotContain("COLLATE");
    }

    @Test
    void noValueOfTheFilterIsEverSqlText() {
        String evil = "x'); DROP TABLE ruralatlas.farms; --";
        Sql s = sql(
                "farms",
                "name = '" + evil.replace("'", "''") + "' OR CASEI(name) LIKE '" + evil.replace("'", "''")
                        + "%' OR A_CONTAINS(certifications, ('" + evil.replace("'", "''") + "'))");
        assertThat(s.text()).doesNotContain("DROP").doesNotContain("x'");
        assertThat(s.params()).contains(evil, evil + "%", "[\"" + evil + "\"]");
        assertThat(sql("communes", "\"name\" = 'a'").text()).isEqualTo("(\"name\" = ?)");
    }

    @Test
    void temporalEndsThatAreMissingAreInfinite() {
        assertThat(sql("communes", "T_INTERSECTS(INTERVAL(valid_from, valid_to), DATE('2025-08-01'))")
                        .text())
                .isEqualTo(
                        "((coalesce(\"valid_from\", '-infinity'::date) <= ? AND coalesce(\"valid_to\", 'infinity'::date) >= ?))");
        assertThat(sql(
                                "communes",
                                "T_INTERSECTS(INTERVAL('..', '2024-01-01T00:00:00Z'), TIMESTAMP('2023-01-01T00:00:00Z'))")
                        .text())
                .contains("'-infinity'::timestamptz");
    }
}
