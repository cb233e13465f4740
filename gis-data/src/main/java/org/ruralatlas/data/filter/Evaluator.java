package org.ruralatlas.data.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.filter.Expression.*;

/**
 * A bound filter evaluated in Java on one feature's values, with SQL's three-valued logic (a
 * null operand makes a comparison unknown; unknown AND false is false; only true selects), so
 * that it selects exactly what the PostGIS translation selects. Numbers are doubles computed as
 * PostgreSQL computes {@code double precision} ({@link Float8}); texts compare by code point, as
 * PostgreSQL's "C" collation; geometries with JTS, the Java original of PostGIS's GEOS.
 */
final class Evaluator {

    private final Layer layer;
    // per node of the bound tree (by identity: the tree never changes), made once: read-only afterwards
    private final Map<Expression, Pattern> likes = new IdentityHashMap<>();
    private final Map<Expression, Geometry> literals = new IdentityHashMap<>();
    private final Map<Expression, PreparedGeometry> prepared = new IdentityHashMap<>();

    /** An evaluator of {@code filter}, bound to {@code layer}: its patterns compiled and its geometries prepared. */
    Evaluator(Layer layer, Expression filter) {
        this.layer = layer;
        prepare(filter);
    }

    private void prepare(Expression e) {
        if (e instanceof Like l) {
            likes.put(l.pattern(), LikePattern.compile(((TextLiteral) l.pattern()).value()));
        } else if (e instanceof GeometryLiteral g) {
            Geometry geometry = g.value();
            literals.put(g, geometry);
            prepared.put(g, PreparedGeometryFactory.prepare(geometry));
        }
        for (Expression child : Children.of(e)) {
            prepare(child);
        }
    }

    /** One feature: its properties by name and its geometry in CRS84. */
    private record Row(Map<String, Object> properties, Geometry geometry) {}

    /** True when {@code filter} (the tree this evaluator was made for) selects the feature. */
    boolean test(Expression filter, Map<String, Object> properties, Geometry geometry) {
        try {
            return Boolean.TRUE.equals(truth(filter, new Row(properties, geometry)));
        } catch (TopologyException e) {
            throw BadFilterException.invalid("a spatial test of the filter failed on a geometry: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------- truth

    private Boolean truth(Expression e, Row row) {
        if (e instanceof And a) {
            Boolean result = true;
            for (Expression arg : a.args()) {
                Boolean t = truth(arg, row);
                if (Boolean.FALSE.equals(t)) {
                    return false;
                }
                if (t == null) {
                    result = null;
                }
            }
            return result;
        }
        if (e instanceof Or o) {
            Boolean result = false;
            for (Expression arg : o.args()) {
                Boolean t = truth(arg, row);
                if (Boolean.TRUE.equals(t)) {
                    return true;
                }
                if (t == null) {
                    result = null;
                }
            }
            return result;
        }
        if (e instanceof Not n) {
            Boolean t = truth(n.arg(), row);
            return t == null ? null : !t;
        }
        if (e instanceof BooleanLiteral b) {
            return b.value();
        }
        if (e instanceof Property p) {
            return (Boolean) row.properties().get(p.name());
        }
        if (e instanceof Comparison c) {
            return compare(c.op(), value(c.left(), row), value(c.right(), row));
        }
        if (e instanceof Like l) {
            Object v = value(l.value(), row);
            Pattern p = likes.get(l.pattern());
            return v == null ? null : p.matcher((String) v).matches();
        }
        if (e instanceof Between b) {
            Object v = value(b.value(), row);
            return and(
                    compare(ComparisonOperator.GREATER_OR_EQUAL, v, value(b.low(), row)),
                    compare(ComparisonOperator.LESS_OR_EQUAL, v, value(b.high(), row)));
        }
        if (e instanceof In in) {
            Object v = value(in.value(), row);
            Boolean result = false;
            for (Expression item : in.list()) {
                Boolean eq = compare(ComparisonOperator.EQUAL, v, value(item, row));
                if (Boolean.TRUE.equals(eq)) {
                    return true;
                }
                if (eq == null) {
                    result = null;
                }
            }
            return result;
        }
        if (e instanceof IsNull n) {
            return ValueType.of(layer, n.value()) == ValueType.BOOLEAN
                    ? truth(n.value(), row) == null
                    : value(n.value(), row) == null;
        }
        if (e instanceof SpatialPredicate s) {
            return spatial(s, row);
        }
        if (e instanceof DistanceWithin d) {
            Geometry a = (Geometry) value(d.left(), row);
            Geometry b = (Geometry) value(d.right(), row);
            return a == null || b == null ? null : SphericalDistance.within(a, b, d.meters());
        }
        if (e instanceof TemporalPredicate t) {
            return temporal(t, row);
        }
        if (e instanceof ArrayPredicate a) {
            Set<Object> l = set(value(a.left(), row));
            Set<Object> r = set(value(a.right(), row));
            return l == null || r == null ? null : SetRelations.test(a.relation(), l, r);
        }
        throw new IllegalStateException("not a predicate: " + e);
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    /** SQL comparison of two values of comparable types; null when either is null. */
    static Boolean compare(ComparisonOperator op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        int c;
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            c = dx < dy ? -1 : dx > dy ? 1 : 0; // as SQL: -0.0 equals 0.0
        } else if (a instanceof String x && b instanceof String y) {
            c = codePointOrder(x, y);
        } else if (a instanceof Boolean x && b instanceof Boolean y) {
            c = Boolean.compare(x, y);
        } else if (a instanceof LocalDate x && b instanceof LocalDate y) {
            c = x.compareTo(y);
        } else if (a instanceof Instant x && b instanceof Instant y) {
            c = x.compareTo(y);
        } else {
            throw new IllegalStateException("unbound comparison of " + a.getClass() + " and " + b.getClass());
        }
        return switch (op) {
            case EQUAL -> c == 0;
            case NOT_EQUAL -> c != 0;
            case LESS -> c < 0;
            case GREATER -> c > 0;
            case LESS_OR_EQUAL -> c <= 0;
            case GREATER_OR_EQUAL -> c >= 0;
        };
    }

    /** The order of PostgreSQL's "C" collation and of SQLite: by code point (UTF-16 order differs above U+FFFF). */
    static int codePointOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private Boolean spatial(SpatialPredicate s, Row row) {
        Geometry a = (Geometry) value(s.left(), row);
        Geometry b = (Geometry) value(s.right(), row);
        if (a == null || b == null) {
            return null;
        }
        return switch (s.relation()) {
            case INTERSECTS ->
                s.right() instanceof GeometryLiteral
                        ? prepared(s.right()).intersects(a)
                        : s.left() instanceof GeometryLiteral
                                ? prepared(s.left()).intersects(b)
                                : a.intersects(b);
            case DISJOINT -> a.disjoint(b);
            case EQUALS -> a.equalsTopo(b);
            case TOUCHES -> a.touches(b);
            case WITHIN -> a.within(b);
            case OVERLAPS -> a.overlaps(b);
            case CROSSES -> a.crosses(b);
            case CONTAINS -> a.contains(b);
        };
    }

    private PreparedGeometry prepared(Expression literal) {
        return prepared.get(literal);
    }

    private Boolean temporal(TemporalPredicate t, Row row) {
        boolean timestamps = Temporal.timestamps(t);
        Boolean any = false;
        for (List<Temporal.Condition> conjunction : Temporal.formula(t.relation())) {
            Boolean all = true;
            for (Temporal.Condition c : conjunction) {
                Boolean holds = compare(
                        c.op(), end(t.left(), c.left(), timestamps, row), end(t.right(), c.right(), timestamps, row));
                all = and(all, holds);
            }
            if (Boolean.TRUE.equals(all)) {
                return true;
            }
            if (all == null) {
                any = null;
            }
        }
        return any;
    }

    /** One end of a temporal operand; an unbounded end, or a null end property of an interval, is infinitely far. */
    private Object end(Expression operand, Temporal.End end, boolean timestamps, Row row) {
        Expression e = Temporal.end(operand, end);
        Object v = e instanceof Unbounded ? null : value(e, row);
        if (v != null || !(operand instanceof IntervalLiteral)) {
            return v;
        }
        if (timestamps) {
            return end == Temporal.End.START ? Instant.MIN : Instant.MAX;
        }
        return end == Temporal.End.START ? LocalDate.MIN : LocalDate.MAX;
    }

    private static Set<Object> set(Object v) {
        return v == null ? null : new HashSet<>((List<?>) v);
    }

    // ------------------------------------------------------------- values

    private Object value(Expression e, Row row) {
        if (e instanceof Property p) {
            return p.name().equals(ValueType.GEOMETRY_PROPERTY)
                    ? row.geometry()
                    : row.properties().get(p.name());
        }
        if (e instanceof TextLiteral t) {
            return t.value();
        }
        if (e instanceof NumberLiteral n) {
            return n.value();
        }
        if (e instanceof DateLiteral d) {
            return d.value();
        }
        if (e instanceof TimestampLiteral t) {
            return t.value();
        }
        if (e instanceof GeometryLiteral g) {
            return literals.get(g);
        }
        if (e instanceof ArrayLiteral a) {
            return a.items().stream().map(item -> value(item, row)).toList();
        }
        if (e instanceof CaseInsensitive c) {
            Object v = value(c.value(), row);
            return v == null ? null : org.ruralatlas.data.text.VietnameseText.caseInsensitive((String) v);
        }
        if (e instanceof AccentInsensitive a) {
            Object v = value(a.value(), row);
            return v == null ? null : org.ruralatlas.data.text.VietnameseText.accentInsensitive((String) v);
        }
        if (e instanceof Arithmetic a) {
            return arithmetic(a, row);
        }
        return truth(e, row); // a predicate used as a boolean value
    }

    private Double arithmetic(Arithmetic a, Row row) {
        Object l = value(a.left(), row);
        Object r = value(a.right(), row);
        if (l == null || r == null) {
            return null;
        }
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (a.op()) {
            case PLUS -> Float8.plus(x, y);
            case MINUS -> Float8.minus(x, y);
            case TIMES -> Float8.times(x, y);
            case DIVIDE -> Float8.divide(x, y);
            case MODULO -> Float8.modulo(x, y);
            case INTEGER_DIVIDE -> Float8.integerDivide(x, y);
            case POWER -> Float8.power(x, y);
        };
    }
}
