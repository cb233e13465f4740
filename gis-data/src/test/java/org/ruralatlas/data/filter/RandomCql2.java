package org.ruralatlas.data.filter;

import java.util.List;
import java.util.Random;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;

/**
 * Random CQL2 text for fuzzing: expressions that follow the grammar, over a layer's queryables
 * and a few names that are not, with literals of fitting and of unfitting types (so that binding
 * is exercised as much as parsing), and mutations of any text (characters dropped, doubled,
 * inserted, parts swapped or repeated up to a length).
 */
public final class RandomCql2 {

    private static final String[] TEXTS = {
        "'24'",
        "'Bắc Ninh'",
        "'Phúc Hoà'",
        "'%Hòa%'",
        "'vai_thieu'",
        "'a\\%b'",
        "'_'",
        "''",
        "'model'",
        "'VietGAP'",
        "'x''y'",
        "'Đắk Ơ'",
        "'HOA'"
    };
    private static final String[] NUMBERS = {
        "0", "1", "-1", "15", "19", "100.5", "1e308", "-0.0", "2.5e-3", "9999999999"
    };
    private static final String[] GEOMETRIES = {
        "POINT(106.16 21.38)",
        "POINT(0 0)",
        "BBOX(106, 21, 106.5, 21.5)",
        "BBOX(170, -10, -170, 10)",
        "LINESTRING(106.0 21.3, 106.3 21.45)",
        "POLYGON((106.1 21.3, 106.2 21.3, 106.2 21.4, 106.1 21.4, 106.1 21.3))",
        "MULTIPOINT((106.16 21.38), (105 20))",
        "POLYGON((0 0, 2 2, 2 0, 0 2, 0 0))",
        "POINT Z (106 21 5)",
        "GEOMETRYCOLLECTION(POINT(106 21), LINESTRING(105 20, 106 21))",
        "BBOX(1, 2, 3)",
        "POINT(200 95)"
    };
    private static final String[] TEMPORALS = {
        "DATE('2025-07-01')",
        "DATE('2024-02-30')",
        "TIMESTAMP('2025-07-01T00:00:00Z')",
        "INTERVAL('2025-01-01', '..')",
        "INTERVAL(valid_from, valid_to)",
        "INTERVAL('..', '..')",
        "INTERVAL('2025-01-01', '2024-01-01')"
    };
    private static final String[] ARRAYS = {
        "('VietGAP')",
        "()",
        "('JP', 'US')",
        "(1, 2)",
        "('a', ('b'))",
        "certifications",
        "target_markets",
        "outstanding_fields"
    };
    private static final String[] COMPARATORS = {"=", "<>", "<", ">", "<=", ">="};
    private static final String[] ARITHMETIC = {"+", "-", "*", "/", "%", "div", "^"};
    private static final String SIGNIFICANT = "()',\"=<>!%_\\+-*/^.:;0123456789 aZéĐ\u0301\u0000\n\t[]{}";

    private final Random random;

    public RandomCql2(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A random predicate over {@code layer}, nesting up to {@code depth}. */
    public String predicate(Layer layer, int depth) {
        int kind = random.nextInt(depth > 0 ? 16 : 12);
        return switch (kind) {
            case 0, 1 -> property(layer) + " " + pick(COMPARATORS) + " " + value(layer, 2);
            case 2 -> property(layer) + (random.nextBoolean() ? " NOT" : "") + " LIKE " + pattern();
            case 3 -> value(layer, 2) + " BETWEEN " + value(layer, 1) + " AND " + value(layer, 1);
            case 4 -> property(layer) + " IN (" + value(layer, 0) + ", " + value(layer, 0) + ")";
            case 5 -> value(layer, 1) + " IS" + (random.nextBoolean() ? " NOT" : "") + " NULL";
            case 6 ->
                pick(
                                "S_INTERSECTS",
                                "S_WITHIN",
                                "S_CONTAINS",
                                "S_TOUCHES",
                                "S_OVERLAPS",
                                "S_CROSSES",
                                "S_EQUALS",
                                "S_DISJOINT")
                        + "(" + geometryOperand() + ", " + geometryOperand() + ")";
            case 7 ->
                "S_DWITHIN(geometry, " + pick(GEOMETRIES) + ", " + pick(NUMBERS) + ", "
                        + pick("meters", "km", "'m'", "miles") + ")";
            case 8 ->
                pick(Expression.TemporalRelation.values()).functionName() + "(" + pick(TEMPORALS) + ", "
                        + pick(TEMPORALS) + ")";
            case 9 ->
                pick(Expression.ArrayRelation.values()).functionName() + "(" + pick(ARRAYS) + ", " + pick(ARRAYS) + ")";
            case 10 ->
                pick(
                        "TRUE",
                        "FALSE",
                        "avg(criteria_met) > 1",
                        "CASEI(name) = CASEI(" + pick(TEXTS) + ")",
                        "ACCENTI(CASEI(name)) LIKE " + pattern());
            case 11 ->
                pick(
                        "CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI(" + pattern() + "))",
                        "ACCENTI(province_name) = 'Bac Ninh'");
            case 12, 13 ->
                "(" + predicate(layer, depth - 1) + (random.nextBoolean() ? " AND " : " OR ")
                        + predicate(layer, depth - 1) + ")";
            case 14 -> "NOT (" + predicate(layer, depth - 1) + ")";
            default -> "(" + predicate(layer, depth - 1) + ") IS NULL";
        };
    }

    private String value(Layer layer, int depth) {
        return switch (random.nextInt(depth > 0 ? 7 : 5)) {
            case 0 -> property(layer);
            case 1 -> pick(TEXTS);
            case 2 -> pick(NUMBERS);
            case 3 -> pick("TRUE", "FALSE", "DATE('2025-07-01')", "TIMESTAMP('2025-07-01T12:00:00Z')");
            case 4 -> pick("CASEI(" + property(layer) + ")", "ACCENTI(" + pick(TEXTS) + ")");
            case 5 -> "(" + value(layer, depth - 1) + " " + pick(ARITHMETIC) + " " + value(layer, depth - 1) + ")";
            default -> "-" + property(layer);
        };
    }

    private String property(Layer layer) {
        if (random.nextInt(12) == 0) {
            return pick("nonexistent", "before_merger", "\"name\"", "geometry", "ocop_products");
        }
        List<PropertySpec> q = layer.queryables();
        return q.get(random.nextInt(q.size())).name();
    }

    private String geometryOperand() {
        return random.nextInt(3) == 0 ? "geometry" : pick(GEOMETRIES);
    }

    private String pattern() {
        return pick("'%Hoà%'", "'H_a%'", "'%'", "'a\\%'", "'\\\\'", "'Homestay%'", "'%a_b%c'");
    }

    /** {@code text} changed at random, at most {@code maxLength} characters long. */
    public String mutate(String text, int maxLength) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (s.length() > 0) {
                        s.deleteCharAt(at);
                    }
                }
                case 1 -> s.insert(at, SIGNIFICANT.charAt(random.nextInt(SIGNIFICANT.length())));
                case 2 -> s.insert(at, (char) (0x20 + random.nextInt(0x3000)));
                case 3 -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(12));
                    s.insert(at, s.substring(at, end));
                }
                case 4 -> s.setLength(at);
                case 5 -> {
                    // repeat a part many times: long inputs, deep or wide nesting
                    int end = Math.min(s.length(), at + 1 + random.nextInt(20));
                    String part = s.substring(at, end);
                    while (s.length() + part.length() < maxLength && random.nextInt(40) > 0) {
                        s.insert(at, part);
                    }
                }
                default -> {
                    int other = s.length() == 0 ? 0 : random.nextInt(s.length());
                    if (at < s.length() && other < s.length()) {
                        char c = s.charAt(at);
                        s.setCharAt(at, s.charAt(other));
                        s.setCharAt(other, c);
                    }
                }
            }
        }
        return s.length() > maxLength ? s.substring(0, maxLength) : s.toString();
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
