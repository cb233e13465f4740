package org.ruralatlas.data.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ruralatlas.data.filter.Expression.*;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading CQL2 text and JSON. The examples are those of the standard itself (OGC 21-065r2,
 * cql2/standard/schema/examples of github.com/opengeospatial/ogcapi-features, © Open Geospatial
 * Consortium), each in both encodings: both must be read, into the same tree.
 */
class Cql2ParseTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> standardExamples() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Cql2ParseTest.class.getResourceAsStream("ogc-cql2-examples.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                out.add(Arguments.of(
                        n.get("name").stringValue(),
                        n.get("text").isNull() ? null : n.get("text").stringValue(),
                        n.get("json").isNull() ? null : n.get("json").toString()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standardExamples")
    void everyExampleOfTheStandardReadsAlikeInBothEncodings(String name, String text, String json) {
        Expression fromText = Cql2.parseText(text);
        Expression fromJson = Cql2.parseJson(json);
        assertThat(fromText).as(name).isEqualTo(fromJson);
    }

    @Test
    void theStandardsExamplesAreAllThere() throws Exception {
        assertThat(standardExamples().count()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void readsPrecedenceAsTheBnfDoes() {
        assertThat(Cql2.parseText("a = 1 OR b = 2 AND NOT c = 3"))
                .isEqualTo(new Or(List.of(eq("a", 1), new And(List.of(eq("b", 2), new Not(eq("c", 3)))))));
        assertThat(Cql2.parseText("x = 1 + 2 * 3 ^ 2"))
                .isEqualTo(new Comparison(
                        ComparisonOperator.EQUAL,
                        new Property("x"),
                        new Arithmetic(
                                ArithmeticOperator.PLUS,
                                new NumberLiteral(1),
                                new Arithmetic(
                                        ArithmeticOperator.TIMES,
                                        new NumberLiteral(2),
                                        new Arithmetic(
                                                ArithmeticOperator.POWER,
                                                new NumberLiteral(3),
                                                new NumberLiteral(2))))));
        assertThat(Cql2.parseText("(a = 1 OR b = 2) AND c = 3"))
                .isEqualTo(new And(List.of(new Or(List.of(eq("a", 1), eq("b", 2))), eq("c", 3))));
        assertThat(Cql2.parseText("a BETWEEN 1 AND 2 AND b = 3"))
                .isEqualTo(new And(List.of(
                        new Between(new Property("a"), new NumberLiteral(1), new NumberLiteral(2)), eq("b", 3))));
        assertThat(Cql2.parseText("(a + 1) * 2 > -b"))
                .isEqualTo(new Comparison(
                        ComparisonOperator.GREATER,
                        new Arithmetic(
                                ArithmeticOperator.TIMES,
                                new Arithmetic(ArithmeticOperator.PLUS, new Property("a"), new NumberLiteral(1)),
                                new NumberLiteral(2)),
                        new Arithmetic(ArithmeticOperator.TIMES, new NumberLiteral(-1), new Property("b"))));
    }

    @Test
    void keywordsAnyCaseStringsWithEscapedQuotesQuotedNames() {
        assertThat(Cql2.parseText("name like 'Via dell''Avvento' and \"date\" is not null"))
                .isEqualTo(new And(List.of(
                        new Like(new Property("name"), new TextLiteral("Via dell'Avvento")),
                        new Not(new IsNull(new Property("date"))))));
        assertThat(Cql2.parseText("name = 'it\\'s'"))
                .isEqualTo(new Comparison(ComparisonOperator.EQUAL, new Property("name"), new TextLiteral("it's")));
        assertThat(Cql2.parseText("name LIKE 'a\\%b'"))
                .isEqualTo(new Like(new Property("name"), new TextLiteral("a\\%b")));
        assertThat(Cql2.parseText("tên = 'Phúc Hoà'"))
                .isEqualTo(new Comparison(ComparisonOperator.EQUAL, new Property("tên"), new TextLiteral("Phúc Hoà")));
        assertThat(Cql2.parseText("z = 1")).isEqualTo(eq("z", 1));
    }

    @Test
    void theDistanceExtensionReadsAlikeInBothEncodings() {
        Expression text = Cql2.parseText("S_DWITHIN(geometry, POINT(106.5 21.3), 5, kilometers)");
        Expression json = Cql2.parseJson("{\"op\":\"s_dwithin\",\"args\":[{\"property\":\"geometry\"},"
                + "{\"type\":\"Point\",\"coordinates\":[106.5,21.3]},5000,\"meters\"]}");
        assertThat(text).isEqualTo(json).isInstanceOf(DistanceWithin.class);
        assertThat(((DistanceWithin) text).meters()).isEqualTo(5000);
        assertThat(Cql2.parseText("s_dwithin(geometry, POINT(106.5 21.3), 5000, 'm')"))
                .isEqualTo(text);
        assertThatThrownBy(() -> Cql2.parseText("S_DWITHIN(geometry, POINT(1 2), 5, miles)"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("unit must be one of");
        assertThatThrownBy(() -> Cql2.parseText("S_DWITHIN(geometry, POINT(1 2), -5, m)"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("at least 0");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // the issue's own example: the position of the missing parenthesis
                "province_code = '24' AND (criteria_met < 15 | expected ')' but found the end of the filter | 44",
                "name = 'x' AND | unexpected the end of the filter | 15",
                "name = | unexpected the end of the filter | 7",
                "name == 'x' | unexpected '=' | 7",
                "name = 'x | the string opened here is not closed | 8",
                "name = 'x' § | unexpected character '§' | 12",
                "S_INTERSECTS(geometry, POINT(1)) | expected a number but found ')' | 31",
                "S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1, 0 1))) | does not end where it starts | 32",
                "T_AFTER(valid_from, DATE('2025-13-01')) | expected a date written YYYY-MM-DD | 26",
                "T_AFTER(valid_from, TIMESTAMP('2025-01-01')) | expected a timestamp | 31",
                "name | expected a comparison | 5",
                "criteria_met + 1 | expected a comparison | 17",
                "a = 1e999 | too large | 5"
            })
    void syntaxErrorsSayWhatWasExpectedAndWhere(String filter, String message, int position) {
        assertThatThrownBy(() -> Cql2.parseText(filter))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining(message)
                .hasMessageEndingWith("at character " + position)
                .satisfies(e -> assertThat(((BadFilterException) e).position()).hasValue(position))
                .satisfies(e -> assertThat(((BadFilterException) e).parameter()).isEqualTo("filter"));
    }

    @Test
    void jsonErrorsSayWhere() {
        assertThatThrownBy(() -> Cql2.parseJson("{\"op\":\"=\",\"args\":[{\"property\":\"a\"}]}"))
                .isInstanceOf(BadFilterException.class)
                .hasMessage("at /args: expected 2 arguments, not 1");
        assertThatThrownBy(() -> Cql2.parseJson("{\"op\":\"and\",\"args\":[true,{\"date\":\"2025-1-1\"}]}"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageStartingWith("at /args/1/date: expected a date");
        assertThatThrownBy(() -> Cql2.parseJson("{\"op\":\"=\",\"args\":[1,2]"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("not valid JSON at character");
        assertThatThrownBy(() -> Cql2.parseJson("{\"op\":\"=\",\"op\":\"<\",\"args\":[1,2]}"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> Cql2.parseJson("{\"property\":\"a\",\"x\":1}"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("at /x: unexpected member");
        assertThatThrownBy(() -> Cql2.parseJson("\"x\"".repeat(1) + " 5")).isInstanceOf(BadFilterException.class);
    }

    @Test
    void languageAndEmptyFilters() {
        assertThat(Cql2.Language.named(null)).isEqualTo(Cql2.Language.TEXT);
        assertThat(Cql2.Language.named("CQL2-JSON")).isEqualTo(Cql2.Language.JSON);
        assertThatThrownBy(() -> Cql2.Language.named("ecql"))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("cql2-text or cql2-json")
                .satisfies(e -> assertThat(((BadFilterException) e).parameter()).isEqualTo("filter-lang"));
        assertThatThrownBy(() -> Cql2.parse("  ", Cql2.Language.TEXT)).isInstanceOf(BadFilterException.class);
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        String deep = "(".repeat(5000) + "a = 1" + ")".repeat(5000);
        assertThatThrownBy(() -> Cql2.parseText(deep))
                .isInstanceOf(BadFilterException.class)
                .hasMessageContaining("nest deeper than");
        String deepJson = "{\"op\":\"not\",\"args\":[".repeat(3000) + "true" + "]}".repeat(3000);
        assertThatThrownBy(() -> Cql2.parseJson(deepJson)).isInstanceOf(BadFilterException.class);
        // 64 levels of parentheses are fine
        assertThat(Cql2.parseText("(".repeat(64) + "a = 1" + ")".repeat(64))).isEqualTo(eq("a", 1));
    }

    private static Expression eq(String property, double value) {
        return new Comparison(ComparisonOperator.EQUAL, new Property(property), new NumberLiteral(value));
    }
}
