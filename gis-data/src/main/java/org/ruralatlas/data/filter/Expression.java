package org.ruralatlas.data.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * A CQL2 expression (OGC 21-065r2), the one tree that both encodings are read into: {@link
 * Cql2#parseText CQL2 text} and {@link Cql2#parseJson CQL2 JSON} of the same filter give equal
 * trees. A tree says what was written, no more: whether its properties exist and its types fit
 * is checked when it is {@link Filter#bind bound} to a layer. Negated forms are {@link Not}
 * ({@code a NOT LIKE b} is {@code Not(Like(a, b))}, as the JSON encoding writes it), and a
 * minus before a non-literal is a multiplication by -1 (likewise).
 */
public sealed interface Expression {

    // ---------------------------------------------------------------- literals

    /** {@code 'text'}. */
    record TextLiteral(String value) implements Expression {}

    /** A number; CQL2 has one numeric type, held here as a double. */
    record NumberLiteral(double value) implements Expression {}

    /** {@code TRUE}, {@code FALSE}. */
    record BooleanLiteral(boolean value) implements Expression {}

    /** {@code DATE('2025-07-01')}: a calendar day. */
    record DateLiteral(LocalDate value) implements Expression {}

    /** {@code TIMESTAMP('2025-07-01T08:00:00Z')}: an instant, in UTC. */
    record TimestampLiteral(Instant value) implements Expression {}

    /** {@code INTERVAL(start, end)}, both ends included; an end is an instant, a property or {@link Unbounded}. */
    record IntervalLiteral(Expression start, Expression end) implements Expression {}

    /** The {@code '..'} end of an interval: unbounded. */
    record Unbounded() implements Expression {}

    /** A WKT (text) or GeoJSON (JSON) geometry, with its coordinates as written (filter-crs). */
    record GeometryLiteral(Geometry value) implements Expression {

        public GeometryLiteral {
            value = value.copy();
        }

        @Override
        public Geometry value() {
            return value.copy();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GeometryLiteral g && g.value.equalsExact(value);
        }

        @Override
        public int hashCode() {
            return value.getEnvelopeInternal().hashCode();
        }
    }

    /** {@code BBOX(west, south, east, north)} (a height range, when given, is dropped: the data is 2D). */
    record BboxLiteral(double west, double south, double east, double north) implements Expression {}

    /** {@code ('a', 'b')} in text, {@code ["a", "b"]} in JSON. */
    record ArrayLiteral(List<Expression> items) implements Expression {

        public ArrayLiteral {
            items = List.copyOf(items);
        }
    }

    // ------------------------------------------------- references and functions

    /** A property (queryable) of the feature, by name; {@code geometry} is its geometry. */
    record Property(String name) implements Expression {}

    /** A call of a function this server may not know; binding refuses those it does not. */
    record FunctionCall(String name, List<Expression> args) implements Expression {

        public FunctionCall {
            args = List.copyOf(args);
        }
    }

    /** {@code CASEI(text)}: the text with case folded. */
    record CaseInsensitive(Expression value) implements Expression {}

    /** {@code ACCENTI(text)}: the text with diacritics removed. */
    record AccentInsensitive(Expression value) implements Expression {}

    /** {@code left op right} on numbers. */
    record Arithmetic(ArithmeticOperator op, Expression left, Expression right) implements Expression {}

    enum ArithmeticOperator {
        PLUS("+"),
        MINUS("-"),
        TIMES("*"),
        DIVIDE("/"),
        MODULO("%"),
        INTEGER_DIVIDE("div"),
        POWER("^");

        private final String symbol;

        ArithmeticOperator(String symbol) {
            this.symbol = symbol;
        }

        /** As CQL2 writes it, in both encodings. */
        public String symbol() {
            return symbol;
        }

        public static ArithmeticOperator of(String symbol) {
            for (ArithmeticOperator o : values()) {
                if (o.symbol.equalsIgnoreCase(symbol)) {
                    return o;
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------- predicates

    /** All of {@code args} (at least two). */
    record And(List<Expression> args) implements Expression {

        public And {
            args = List.copyOf(args);
        }
    }

    /** Any of {@code args} (at least two). */
    record Or(List<Expression> args) implements Expression {

        public Or {
            args = List.copyOf(args);
        }
    }

    record Not(Expression arg) implements Expression {}

    /** {@code left op right}: =, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=. */
    record Comparison(ComparisonOperator op, Expression left, Expression right) implements Expression {}

    enum ComparisonOperator {
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS("<"),
        GREATER(">"),
        LESS_OR_EQUAL("<="),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        ComparisonOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public static ComparisonOperator of(String symbol) {
            for (ComparisonOperator o : values()) {
                if (o.symbol.equals(symbol)) {
                    return o;
                }
            }
            return null;
        }
    }

    /** {@code value LIKE pattern}: % any run of characters, _ one character, \ escapes. */
    record Like(Expression value, Expression pattern) implements Expression {}

    /** {@code value BETWEEN low AND high}, both bounds included. */
    record Between(Expression value, Expression low, Expression high) implements Expression {}

    /** {@code value IN (list)}. */
    record In(Expression value, List<Expression> list) implements Expression {

        public In {
            list = List.copyOf(list);
        }
    }

    /** {@code value IS NULL}. */
    record IsNull(Expression value) implements Expression {}

    /** {@code S_INTERSECTS(a, b)} and the other spatial relations of Simple Features (DE-9IM). */
    record SpatialPredicate(SpatialRelation relation, Expression left, Expression right) implements Expression {}

    enum SpatialRelation {
        INTERSECTS,
        EQUALS,
        DISJOINT,
        TOUCHES,
        WITHIN,
        OVERLAPS,
        CROSSES,
        CONTAINS;

        /** S_INTERSECTS, …: the function's name in CQL2 text (JSON writes it in lower case). */
        public String functionName() {
            return "S_" + name();
        }

        /** The relation of a function name (any case), or null. */
        public static SpatialRelation named(String function) {
            return Names.constant(SpatialRelation.class, "S_", function);
        }
    }

    /**
     * {@code S_DWITHIN(a, b, distance, unit)}, RuralAtlas's extension for "within 5 km": the
     * geometries are at most {@code meters} apart, measured on the sphere (the unit is written
     * {@code meters} or {@code kilometers}, and is turned into meters when read).
     */
    record DistanceWithin(Expression left, Expression right, double meters) implements Expression {

        /** The function's name in both encodings (any case). */
        public static final String FUNCTION = "S_DWITHIN";

        private static final Map<String, Double> UNITS = Map.of(
                "meters", 1.0, "metres", 1.0, "m", 1.0, "kilometers", 1000.0, "kilometres", 1000.0, "km", 1000.0);

        /**
         * The call {@code S_DWITHIN(a, b, distance, unit)} as read: a non-negative number and a unit
         * written as a name ({@code meters}) or a string ({@code 'km'}).
         */
        public static DistanceWithin of(List<Expression> args) {
            if (args.size() != 4) {
                throw BadFilterException.invalid(
                        FUNCTION + " takes 4 arguments (geometry, geometry, distance, unit), not " + args.size());
            }
            if (!(args.get(2) instanceof NumberLiteral d) || !(d.value() >= 0) || Double.isInfinite(d.value())) {
                throw BadFilterException.invalid(FUNCTION + "'s distance must be a number of at least 0");
            }
            String unit = args.get(3) instanceof Property p
                    ? p.name()
                    : args.get(3) instanceof TextLiteral t ? t.value() : null;
            Double factor = unit == null ? null : UNITS.get(unit.toLowerCase(java.util.Locale.ROOT));
            if (factor == null) {
                throw BadFilterException.invalid(
                        FUNCTION + "'s unit must be one of " + new java.util.TreeSet<>(UNITS.keySet()));
            }
            return new DistanceWithin(args.get(0), args.get(1), d.value() * factor);
        }
    }

    /** {@code T_AFTER(a, b)} and the other relations of instants and intervals (OWL-Time). */
    record TemporalPredicate(TemporalRelation relation, Expression left, Expression right) implements Expression {}

    enum TemporalRelation {
        AFTER,
        BEFORE,
        CONTAINS,
        DISJOINT,
        DURING,
        EQUALS,
        FINISHEDBY,
        FINISHES,
        INTERSECTS,
        MEETS,
        METBY,
        OVERLAPPEDBY,
        OVERLAPS,
        STARTEDBY,
        STARTS;

        public String functionName() {
            return "T_" + name();
        }

        public static TemporalRelation named(String function) {
            return Names.constant(TemporalRelation.class, "T_", function);
        }

        /** True for the relations defined between intervals only (CQL2 table 7): an instant there is an error. */
        public boolean intervalsOnly() {
            return switch (this) {
                case AFTER, BEFORE, DISJOINT, EQUALS, INTERSECTS -> false;
                default -> true;
            };
        }
    }

    /** {@code A_CONTAINS(a, b)} and the other relations of arrays, taken as sets. */
    record ArrayPredicate(ArrayRelation relation, Expression left, Expression right) implements Expression {}

    enum ArrayRelation {
        EQUALS,
        CONTAINS,
        CONTAINEDBY,
        OVERLAPS;

        public String functionName() {
            return "A_" + name();
        }

        public static ArrayRelation named(String function) {
            return Names.constant(ArrayRelation.class, "A_", function);
        }
    }
}
