package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.filter.Expression.*;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsTransform;
import org.ruralatlas.data.text.VietnameseText;

/**
 * Checks an expression against a layer and makes it ready for the translators: every property a
 * queryable, every operand of a type its operator takes, geometry literals moved from the
 * filter CRS to CRS84 (a BBOX becomes a polygon) and valid, CASEI/ACCENTI of a literal folded
 * here once (so both stores fold literals with the same code), comparisons of two literal
 * arrays decided. What comes out is what both translators accept without further checks.
 */
final class Binder {

    /** Deepest expression accepted: translators and the evaluator recurse, and no filter needs more. */
    static final int MAX_DEPTH = 100;

    static final GeometryFactory CRS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final Layer layer;
    private final Crs crs;
    private int depth;

    private Binder(Layer layer, Crs crs) {
        this.layer = layer;
        this.crs = crs;
    }

    static Expression bind(Layer layer, Expression e, Crs crs) {
        Binder b = new Binder(layer, crs);
        Expression bound = b.bind(e);
        b.expect(bound, ValueType.BOOLEAN, "the filter");
        return bound;
    }

    private Expression bind(Expression e) {
        if (++depth > MAX_DEPTH) {
            throw BadFilterException.invalid("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            return node(e);
        } finally {
            depth--;
        }
    }

    private Expression node(Expression e) {
        if (e instanceof And a) {
            return new And(booleans(a.args()));
        }
        if (e instanceof Or o) {
            return new Or(booleans(o.args()));
        }
        if (e instanceof Not n) {
            return new Not(booleans(List.of(n.arg())).get(0));
        }
        if (e instanceof Comparison c) {
            return comparison(c);
        }
        if (e instanceof Like l) {
            return like(l);
        }
        if (e instanceof Between b) {
            return new Between(number(b.value(), "BETWEEN"), number(b.low(), "BETWEEN"), number(b.high(), "BETWEEN"));
        }
        if (e instanceof In in) {
            return in(in);
        }
        if (e instanceof IsNull n) {
            Expression v = bind(n.value());
            if (type(v) == ValueType.INTERVAL) {
                throw BadFilterException.invalid("IS NULL does not take an interval");
            }
            return new IsNull(v);
        }
        if (e instanceof CaseInsensitive c) {
            Expression v = text(c.value(), "CASEI");
            return v instanceof TextLiteral t
                    ? new TextLiteral(VietnameseText.caseInsensitive(t.value()))
                    : new CaseInsensitive(v);
        }
        if (e instanceof AccentInsensitive a) {
            Expression v = text(a.value(), "ACCENTI");
            return v instanceof TextLiteral t
                    ? new TextLiteral(VietnameseText.accentInsensitive(t.value()))
                    : new AccentInsensitive(v);
        }
        if (e instanceof Arithmetic a) {
            String what = "arithmetic (" + a.op().symbol() + ")";
            return new Arithmetic(a.op(), number(a.left(), what), number(a.right(), what));
        }
        if (e instanceof SpatialPredicate s) {
            return spatial(s);
        }
        if (e instanceof DistanceWithin d) {
            return distance(d);
        }
        if (e instanceof TemporalPredicate t) {
            return Temporal.bind(this, t);
        }
        if (e instanceof ArrayPredicate a) {
            return array(a);
        }
        if (e instanceof Property p) {
            if (ValueType.ofProperty(layer, p.name()) == null) {
                throw BadFilterException.unknownProperty(layer.id(), p.name(), queryables(layer));
            }
            return p;
        }
        if (e instanceof FunctionCall f) {
            throw BadFilterException.unsupportedFunction(f.name(), List.of(DistanceWithin.FUNCTION));
        }
        if (e instanceof GeometryLiteral g) {
            return geometry(g.value());
        }
        if (e instanceof BboxLiteral b) {
            return new GeometryLiteral(box(b));
        }
        if (e instanceof IntervalLiteral || e instanceof Unbounded) {
            throw BadFilterException.invalid("an INTERVAL is only an argument of a temporal function (T_…)");
        }
        if (e instanceof ArrayLiteral a) {
            return array(a);
        }
        if (e instanceof TextLiteral t) {
            return text(t);
        }
        return e; // number, boolean, date, timestamp literals
    }

    /** A text both stores can hold: no U+0000 (PostgreSQL's text has none) and no half of a surrogate pair. */
    private static TextLiteral text(TextLiteral t) {
        String v = t.value();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == 0) {
                throw BadFilterException.invalid("a text of the filter contains the character U+0000");
            }
            if (Character.isHighSurrogate(c) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw BadFilterException.invalid(
                        "a text of the filter is not valid Unicode (half of a surrogate pair)");
            }
        }
        return t;
    }

    /** The names a filter on {@code layer} may use, in catalogue order, geometry first. */
    static List<String> queryables(Layer layer) {
        List<String> names = new ArrayList<>();
        if (layer.hasGeometry()) {
            names.add(ValueType.GEOMETRY_PROPERTY);
        }
        for (PropertySpec p : layer.queryables()) {
            if (ValueType.ofProperty(layer, p.name()) != null) {
                names.add(p.name());
            }
        }
        return names;
    }

    // ------------------------------------------------------------ checks

    ValueType type(Expression bound) {
        return ValueType.of(layer, bound);
    }

    Expression expect(Expression bound, ValueType wanted, String where) {
        ValueType t = type(bound);
        if (t != wanted && !(wanted.numeric() && t.numeric())) {
            throw BadFilterException.invalid(
                    where + " takes " + wanted.described() + ", not " + describe(bound) + " (" + t.described() + ")");
        }
        return bound;
    }

    Expression bound(Expression e) {
        return bind(e);
    }

    private List<Expression> booleans(List<Expression> args) {
        List<Expression> out = new ArrayList<>();
        for (Expression a : args) {
            out.add(expect(bind(a), ValueType.BOOLEAN, "AND, OR and NOT each"));
        }
        return out;
    }

    private Expression number(Expression e, String where) {
        return expect(bind(e), ValueType.NUMBER, where);
    }

    private Expression text(Expression e, String where) {
        return expect(bind(e), ValueType.TEXT, where);
    }

    /** A short description of a bound operand for messages. */
    static String describe(Expression e) {
        if (e instanceof Property p) {
            return p.name();
        }
        if (e instanceof TextLiteral t) {
            return "'" + t.value() + "'";
        }
        if (e instanceof NumberLiteral n) {
            return Double.toString(n.value());
        }
        if (e instanceof BooleanLiteral b) {
            return Boolean.toString(b.value()).toUpperCase(java.util.Locale.ROOT);
        }
        if (e instanceof DateLiteral d) {
            return "DATE('" + d.value() + "')";
        }
        if (e instanceof TimestampLiteral t) {
            return "TIMESTAMP('" + t.value() + "')";
        }
        if (e instanceof GeometryLiteral g) {
            return g.value().getGeometryType().toUpperCase(java.util.Locale.ROOT);
        }
        return e.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    // ------------------------------------------------------- comparisons

    private Expression comparison(Comparison c) {
        Expression l = bind(c.left());
        Expression r = bind(c.right());
        comparable(l, r, c.op().symbol());
        return new Comparison(c.op(), l, r);
    }

    private void comparable(Expression l, Expression r, String op) {
        ValueType lt = type(l);
        ValueType rt = type(r);
        if (!lt.comparableWith(rt)) {
            String hint = lt == ValueType.DATE && rt == ValueType.TEXT || lt == ValueType.TEXT && rt == ValueType.DATE
                    ? "; write a date as DATE('2025-07-01')"
                    : lt == ValueType.TEXT_LIST || rt == ValueType.TEXT_LIST
                            ? "; lists are compared with A_CONTAINS, A_OVERLAPS, A_EQUALS or A_CONTAINEDBY"
                            : "";
            throw BadFilterException.invalid("cannot compare " + describe(l) + " (" + lt.described() + ") with "
                    + describe(r) + " (" + rt.described() + ") using " + op + hint);
        }
    }

    private Expression like(Like l) {
        Expression value = text(l.value(), "LIKE");
        Expression pattern = bind(l.pattern());
        if (!(pattern instanceof TextLiteral t)) {
            throw BadFilterException.invalid("the pattern of LIKE is a string, possibly in CASEI() or ACCENTI()");
        }
        LikePattern.check(t.value());
        return new Like(value, pattern);
    }

    private Expression in(In in) {
        Expression value = bind(in.value());
        List<Expression> list = new ArrayList<>();
        for (Expression item : in.list()) {
            Expression b = bind(item);
            comparable(value, b, "IN");
            list.add(b);
        }
        if (list.isEmpty()) {
            throw BadFilterException.invalid("IN needs at least one value");
        }
        return new In(value, list);
    }

    // ----------------------------------------------------------- spatial

    private Expression spatial(SpatialPredicate s) {
        Expression l = geometryOperand(s.left(), s.relation().functionName());
        Expression r = geometryOperand(s.right(), s.relation().functionName());
        boolean relate = s.relation() != SpatialRelation.INTERSECTS && s.relation() != SpatialRelation.DISJOINT;
        for (Expression g : List.of(l, r)) {
            if (relate && g instanceof GeometryLiteral lit && lit.value().getClass() == GeometryCollection.class) {
                throw BadFilterException.invalid(s.relation().functionName() + " does not take a GEOMETRYCOLLECTION"
                        + " (only S_INTERSECTS and S_DISJOINT do)");
            }
        }
        return new SpatialPredicate(s.relation(), l, r);
    }

    private Expression geometryOperand(Expression e, String function) {
        Expression b = expect(bind(e), ValueType.GEOMETRY, function);
        if (!(b instanceof Property || b instanceof GeometryLiteral)) {
            throw BadFilterException.invalid(function + " takes the geometry property or a geometry literal");
        }
        return b;
    }

    private Expression distance(DistanceWithin d) {
        Expression l = geometryOperand(d.left(), DistanceWithin.FUNCTION);
        Expression r = geometryOperand(d.right(), DistanceWithin.FUNCTION);
        for (Expression g : List.of(l, r)) {
            if (g instanceof GeometryLiteral lit) {
                Envelope env = lit.value().getEnvelopeInternal();
                if (env.getMinX() < -180 || env.getMaxX() > 180 || env.getMinY() < -90 || env.getMaxY() > 90) {
                    throw BadFilterException.invalid(
                            DistanceWithin.FUNCTION + " measures on the earth: its geometry must lie"
                                    + " within longitudes -180..180 and latitudes -90..90");
                }
            }
        }
        return new DistanceWithin(l, r, d.meters());
    }

    /** A literal moved to CRS84, checked valid: both stores' spatial tests are defined for valid geometries only. */
    private GeometryLiteral geometry(Geometry written) {
        Geometry g;
        try {
            g = CRS84.createGeometry(
                    crs == Crs.CRS84 ? written : CrsTransform.toCrs84(crs).apply(written));
        } catch (RuntimeException e) {
            throw BadFilterException.invalid("a " + written.getGeometryType().toUpperCase(java.util.Locale.ROOT)
                    + " of the filter cannot be transformed from " + crs.uri() + ": " + e.getMessage());
        }
        if (g.isEmpty()) {
            throw BadFilterException.invalid("a geometry of the filter is empty");
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
                throw BadFilterException.invalid(
                        "a geometry of the filter has coordinates that are not finite numbers");
            }
        }
        TopologyValidationError invalid = new IsValidOp(g).getValidationError();
        if (invalid != null) {
            throw BadFilterException.invalid("the " + g.getGeometryType().toUpperCase(java.util.Locale.ROOT)
                    + " of the filter is not valid: " + invalid.getMessage() + " at " + invalid.getCoordinate());
        }
        return new GeometryLiteral(g);
    }

    /** A BBOX as the area it covers: an envelope in CRS84 (two across the antimeridian), or a densified box from another CRS. */
    private Geometry box(BboxLiteral b) {
        try {
            if (crs == Crs.CRS84) {
                Bbox box = new Bbox(b.west(), b.south(), b.east(), b.north());
                Polygon[] parts = box.envelopes().stream()
                        .map(env -> (Polygon) CRS84.toGeometry(env))
                        .toArray(Polygon[]::new);
                return parts.length == 1 ? parts[0] : CRS84.createMultiPolygon(parts);
            }
        } catch (IllegalArgumentException e) {
            throw BadFilterException.invalid("BBOX: " + e.getMessage());
        }
        if (b.west() > b.east() || b.south() > b.north()) {
            throw BadFilterException.invalid("BBOX minimum must not exceed the maximum in " + crs.uri());
        }
        // the edges of a box in a projected CRS are curves in CRS84: follow them with 8 points each
        List<Coordinate> ring = new ArrayList<>();
        int steps = 8;
        double[][] corners = {{b.west(), b.south()}, {b.east(), b.south()}, {b.east(), b.north()}, {b.west(), b.north()}
        };
        for (int side = 0; side < 4; side++) {
            double[] from = corners[side];
            double[] to = corners[(side + 1) % 4];
            for (int i = 0; i < steps; i++) {
                double t = (double) i / steps;
                ring.add(new Coordinate(from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t));
            }
        }
        ring.add(ring.get(0));
        return geometry(CRS84.createPolygon(ring.toArray(Coordinate[]::new))).value();
    }

    // ------------------------------------------------------------- arrays

    private Expression array(ArrayPredicate a) {
        Expression l = arrayOperand(a.left(), a.relation().functionName());
        Expression r = arrayOperand(a.right(), a.relation().functionName());
        for (Expression[] pair : List.of(new Expression[] {l, r}, new Expression[] {r, l})) {
            if (type(pair[0]) == ValueType.TEXT_LIST && pair[1] instanceof ArrayLiteral lit) {
                for (Expression item : lit.items()) {
                    if (!(item instanceof TextLiteral)) {
                        throw BadFilterException.invalid(a.relation().functionName() + " compares " + describe(pair[0])
                                + " (a list of texts) with texts only, not " + describe(item));
                    }
                }
            }
        }
        if (l instanceof ArrayLiteral la && r instanceof ArrayLiteral ra) {
            return new BooleanLiteral(
                    SetRelations.test(a.relation(), new HashSet<>(la.items()), new HashSet<>(ra.items())));
        }
        return new ArrayPredicate(a.relation(), l, r);
    }

    private Expression arrayOperand(Expression e, String function) {
        Expression b = bind(e);
        ValueType t = type(b);
        if (t != ValueType.TEXT_LIST && t != ValueType.ARRAY) {
            throw BadFilterException.invalid(
                    function + " takes arrays: a list property or (…) of values, not " + describe(b));
        }
        return b;
    }

    private Expression array(ArrayLiteral a) {
        Set<Class<?>> kinds = Set.of(
                TextLiteral.class,
                NumberLiteral.class,
                BooleanLiteral.class,
                DateLiteral.class,
                TimestampLiteral.class);
        for (Expression item : a.items()) {
            if (item instanceof TextLiteral t) {
                text(t);
            }
            if (!kinds.contains(item.getClass())) {
                throw BadFilterException.invalid(
                        "an array holds texts, numbers, booleans, dates or timestamps, not " + describe(item));
            }
        }
        return a;
    }
}
