package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.filter.BadFilterException;
import org.ruralatlas.data.filter.Expression.TemporalRelation;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Filters made of literals only, decided once by PostgreSQL (the SQL of {@link FilterSql}) and
 * once by the Java evaluator of the GeoPackage store, across many values: the temporal relations
 * on every kind of interval pair, arithmetic at the edges of double precision (where PostgreSQL
 * raises errors), LIKE on awkward patterns, text order beyond the Basic Multilingual Plane. Both
 * must give the same truth, or both refuse the filter.
 */
@IntegrationTest
class ConstantFilterParityTest {

    private static final Layer COMMUNES = LayerCatalog.load().require("communes");
    private static Connection db;

    @BeforeAll
    static void migrate() throws SQLException {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("constant", true));
        new PostgisSchema(ds).migrate();
        db = ds.getConnection();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** TRUE, FALSE or the refusal, from PostgreSQL. */
    private static String sql(Filter f) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = FilterSql.where(f, params);
        try (PreparedStatement ps = db.prepareStatement("SELECT (" + where + ") IS TRUE")) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.valueOf(rs.getBoolean(1));
            }
        } catch (SQLException e) {
            RuntimeException mapped = FeatureStoreException.of("constant", e);
            if (mapped instanceof BadFilterException) {
                return "refused";
            }
            throw e;
        }
    }

    /** TRUE, FALSE or the refusal, from Java. */
    private static String java(Filter f) {
        try {
            return String.valueOf(f.test(Map.of(), null));
        } catch (BadFilterException e) {
            return "refused";
        }
    }

    private static String both(String text) throws SQLException {
        Filter f = Filter.parse(COMMUNES, text, null, null, CrsOffer.ALL);
        String java = java(f);
        assertThat(sql(f)).as(text).isEqualTo(java);
        return java;
    }

    // The OWL-Time relations, with a first and a second interval; "x" marks the relations that hold.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "'2020-01-01','2020-01-10' | '2020-01-11','2020-01-20' | BEFORE DISJOINT",
                "'2020-01-11','2020-01-20' | '2020-01-01','2020-01-10' | AFTER DISJOINT",
                "'2020-01-01','2020-01-10' | '2020-01-10','2020-01-20' | MEETS INTERSECTS",
                "'2020-01-10','2020-01-20' | '2020-01-01','2020-01-10' | METBY INTERSECTS",
                "'2020-01-01','2020-01-10' | '2020-01-05','2020-01-20' | OVERLAPS INTERSECTS",
                "'2020-01-05','2020-01-20' | '2020-01-01','2020-01-10' | OVERLAPPEDBY INTERSECTS",
                "'2020-01-05','2020-01-08' | '2020-01-01','2020-01-10' | DURING INTERSECTS",
                "'2020-01-01','2020-01-10' | '2020-01-05','2020-01-08' | CONTAINS INTERSECTS",
                "'2020-01-01','2020-01-08' | '2020-01-01','2020-01-10' | STARTS INTERSECTS",
                "'2020-01-01','2020-01-10' | '2020-01-01','2020-01-08' | STARTEDBY INTERSECTS",
                "'2020-01-05','2020-01-10' | '2020-01-01','2020-01-10' | FINISHES INTERSECTS",
                "'2020-01-01','2020-01-10' | '2020-01-05','2020-01-10' | FINISHEDBY INTERSECTS",
                "'2020-01-01','2020-01-10' | '2020-01-01','2020-01-10' | EQUALS INTERSECTS",
                "'..','2020-01-10' | '2020-01-11','..' | BEFORE DISJOINT",
                "'..','..' | '..','..' | EQUALS INTERSECTS",
                "'..','2020-01-10' | '..','2020-01-20' | STARTS INTERSECTS",
                "'2020-01-01T00:00:00Z','2020-01-01T00:00:01Z' | '2020-01-01T00:00:01Z','..' | MEETS INTERSECTS"
            })
    void theTemporalRelationsAreThoseOfOwlTime(String first, String second, String holding) throws SQLException {
        List<String> hold = List.of(holding.split(" "));
        for (TemporalRelation r : TemporalRelation.values()) {
            String text = r.functionName() + "(INTERVAL(" + first + "), INTERVAL(" + second + "))";
            assertThat(both(text)).as(text).isEqualTo(String.valueOf(hold.contains(r.name())));
        }
    }

    @Test
    void instantsAreIntervalsOfOneInstant() throws SQLException {
        assertThat(both("T_AFTER(DATE('2020-01-02'), DATE('2020-01-01'))")).isEqualTo("true");
        assertThat(both("T_EQUALS(DATE('2020-01-02'), INTERVAL('2020-01-02', '2020-01-02'))"))
                .isEqualTo("true");
        assertThat(both("T_INTERSECTS(TIMESTAMP('2020-01-02T10:00:00Z'), INTERVAL('2020-01-02T10:00:00Z', '..'))"))
                .isEqualTo("true");
        assertThat(both("T_DISJOINT(DATE('2020-01-02'), INTERVAL('..', '2020-01-01'))"))
                .isEqualTo("true");
        assertThat(both("T_BEFORE(TIMESTAMP('2020-01-02T10:00:00.5Z'), TIMESTAMP('2020-01-02T10:00:00.51Z'))"))
                .isEqualTo("true");
    }

    @Test
    void arithmeticAgreesAtTheEdgesOfDoublePrecision() throws SQLException {
        String[] values = {
            "0",
            "-0.0",
            "1",
            "-1",
            "2.5",
            "-7",
            "3",
            "0.1",
            "0.3",
            "1e-300",
            "-1e-300",
            "1e300",
            "1e308",
            "-1e308",
            "4.9e-324",
            "2",
            "0.5",
            "-0.5",
            "1e-160"
        };
        String[] ops = {"+", "-", "*", "/", "%", "div", "^"};
        int refused = 0;
        int compared = 0;
        Random random = new Random(16);
        for (String op : ops) {
            for (String a : values) {
                for (String b : values) {
                    // the value from PostgreSQL equals the value from Java, or both refuse
                    String text = "(" + a + " " + op + " " + b + ") = (" + a + " " + op + " " + b + ") AND " + a + " "
                            + op + " " + b + " " + (random.nextBoolean() ? "<" : ">=") + " "
                            + values[random.nextInt(values.length)];
                    String java = both(text);
                    refused += java.equals("refused") ? 1 : 0;
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(ops.length * values.length * values.length);
        assertThat(refused).as("some operations overflow or divide by zero").isBetween(50, compared / 2);
    }

    @Test
    void likeAndTextOrderAgree() throws SQLException {
        String alphabet = "aAbé%_\\\n'ß\uD83D\uDE00\uFFFD\u00E9e\u0301";
        Random random = new Random(65);
        int trues = 0;
        for (int i = 0; i < 1500; i++) {
            String s = quotable(random, alphabet, 6);
            String p = quotable(random, alphabet, 4);
            String quotedS = "'" + s.replace("'", "''") + "'";
            String quotedP = "'" + p.replace("'", "''") + "'";
            String like = quotedS + " LIKE " + quotedP;
            try {
                trues += both(like).equals("true") ? 1 : 0;
            } catch (BadFilterException e) {
                assertThat(e)
                        .hasMessageContaining(
                                "escape character"); // a pattern ending in \ is refused before either store
            }
            both(quotedS + " < " + quotedP);
            both("CASEI(" + quotedS + ") >= ACCENTI(" + quotedP + ")");
        }
        assertThat(trues).isPositive();
    }

    /**
     * A random text that CQL2 text can quote: in it \' is an escaped quote, so a backslash
     * right before a quote, or at the end, cannot be written (a limit of the standard's grammar).
     */
    private static String quotable(Random random, String alphabet, int max) {
        while (true) {
            String s = randomText(random, alphabet, max);
            if (!s.endsWith("\\") && !s.contains("\\'")) {
                return s;
            }
        }
    }

    private static String randomText(Random random, String alphabet, int max) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(max + 1);
        int[] cps = alphabet.codePoints().toArray();
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(cps[random.nextInt(cps.length)]);
        }
        return s.toString();
    }
}
