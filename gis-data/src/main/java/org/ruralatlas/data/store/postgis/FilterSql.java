package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import org.ruralatlas.data.filter.Expression;
import org.ruralatlas.data.filter.Expression.*;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.filter.SphericalDistance;
import org.ruralatlas.data.filter.Temporal;
import org.ruralatlas.data.filter.ValueType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bound CQL2 filter as a PostgreSQL boolean expression: identifiers only from the catalogue
 * (quoted), every value a bind parameter added to {@code params} in the order of its {@code ?}.
 * Written so the planner can use the indexes: a spatial test against a literal starts with
 * {@code geom && literal} (GIST), columns are compared as they are (B-tree: an integer literal is
 * bound as an integer for an integer column), CASEI/ACCENTI call the V9 functions the name
 * indexes are built on. The semantics are those of the Java evaluator of the GeoPackage store,
 * which {@code StoreParityTest} checks on every expression of its table.
 */
final class FilterSql {

    private static final String SCHEMA = quote(ItemsSql.SCHEMA) + ".";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Filter filter;
    private final List<Object> params;

    private FilterSql(Filter filter, List<Object> params) {
        this.filter = filter;
        this.params = params;
    }

    /** The filter as a boolean SQL expression, its values appended to {@code params}. */
    static String where(Filter filter, List<Object> params) {
        return new FilterSql(filter, params).sql(filter.expression());
    }

    private String sql(Expression e) {
        if (e instanceof And a) {
            return "(" + String.join(" AND ", a.args().stream().map(this::sql).toList()) + ")";
        }
        if (e instanceof Or o) {
            return "(" + String.join(" OR ", o.args().stream().map(this::sql).toList()) + ")";
        }
        if (e instanceof Not n) {
            return "(NOT " + sql(n.arg()) + ")";
        }
        if (e instanceof BooleanLiteral b) {
            return b.value() ? "TRUE" : "FALSE";
        }
        if (e instanceof Comparison c) {
            return comparison(c.op().symbol(), c.left(), c.right());
        }
        if (e instanceof Like l) {
            return "(" + sql(l.value()) + " LIKE " + bind(((TextLiteral) l.pattern()).value()) + ")";
        }
        if (e instanceof Between b) {
            return "(" + sql(b.value()) + " BETWEEN " + number(b.low(), b.value()) + " AND "
                    + number(b.high(), b.value()) + ")";
        }
        if (e instanceof In in) {
            List<String> items = new ArrayList<>();
            String value = sql(in.value());
            for (Expression item : in.list()) {
                items.add(operand(item, in.value()));
            }
            return "(" + value + " IN (" + String.join(", ", items) + "))";
        }
        if (e instanceof IsNull n) {
            return "(" + sql(n.value()) + " IS NULL)";
        }
        if (e instanceof SpatialPredicate s) {
            return spatial(s);
        }
        if (e instanceof DistanceWithin d) {
            return distance(d);
        }
        if (e instanceof TemporalPredicate t) {
            return temporal(t);
        }
        if (e instanceof ArrayPredicate a) {
            return array(a);
        }
        return value(e);
    }

    // ------------------------------------------------------------- values

    private String value(Expression e) {
        if (e instanceof Property p) {
            return p.name().equals(ValueType.GEOMETRY_PROPERTY) ? quote("geom") : quote(p.name());
        }
        if (e instanceof TextLiteral t) {
            return bind(t.value());
        }
        if (e instanceof NumberLiteral n) {
            return bind(n.value());
        }
        if (e instanceof DateLiteral d) {
            return bind(d.value());
        }
        if (e instanceof TimestampLiteral t) {
            return bind(t.value().atOffset(ZoneOffset.UTC));
        }
        if (e instanceof GeometryLiteral g) {
            return "ST_GeomFromWKB(" + bind(new WKBWriter().write(g.value())) + ", 4326)";
        }
        if (e instanceof ArrayLiteral a) {
            return bind(json(a)) + "::jsonb";
        }
        if (e instanceof CaseInsensitive c) {
            return SCHEMA + quote("casei") + "(" + sql(c.value()) + ")";
        }
        if (e instanceof AccentInsensitive a) {
            return SCHEMA + quote("accenti") + "(" + sql(a.value()) + ")";
        }
        if (e instanceof Arithmetic a) {
            return arithmetic(a);
        }
        return sql(e); // a predicate as a boolean value
    }

    private String bind(Object value) {
        params.add(value);
        return "?";
    }

    /**
     * A comparison; texts ordered by code point ("C") as the Java evaluator and SQLite order
     * them, equality left alone (it is the same in every deterministic collation, and keeps
     * the B-tree usable).
     */
    private String comparison(String op, Expression left, Expression right) {
        String l = operand(left, right);
        String r = operand(right, left);
        boolean ordered = !op.equals("=") && !op.equals("<>");
        String collate = ordered && filter.typeOf(left) == ValueType.TEXT ? " COLLATE \"C\"" : "";
        return "(" + l + collate + " " + op + " " + r + ")";
    }

    /** {@code e}, compared with {@code other}: a whole-number literal compared with an integer column is bound as one. */
    private String operand(Expression e, Expression other) {
        return e instanceof NumberLiteral n ? number(n, other) : value(e);
    }

    private String number(Expression e, Expression other) {
        if (e instanceof NumberLiteral n
                && filter.typeOf(other) == ValueType.INTEGER
                && n.value() == Math.rint(n.value())
                && Math.abs(n.value()) <= 1L << 53) {
            return bind((long) n.value());
        }
        return value(e);
    }

    /** Arithmetic in double precision, as {@code Float8} computes it in Java. */
    private String arithmetic(Arithmetic a) {
        String l = float8(a.left());
        String r = float8(a.right());
        return switch (a.op()) {
            case PLUS, MINUS, TIMES, DIVIDE -> "(" + l + " " + a.op().symbol() + " " + r + ")";
            case INTEGER_DIVIDE -> "trunc(" + l + " / " + r + ")";
            case MODULO -> SCHEMA + quote("cql2_mod") + "(" + l + ", " + r + ")";
            case POWER -> "power(" + l + ", " + r + ")";
        };
    }

    private String float8(Expression e) {
        String v = value(e);
        return filter.typeOf(e) == ValueType.INTEGER ? v + "::double precision" : v;
    }

    // ------------------------------------------------------------ spatial

    // every fragment is rendered where it stands in the text, so that params follow the ?s in order

    private String spatial(SpatialPredicate s) {
        String function = "ST_" + s.relation().name().charAt(0)
                + s.relation().name().substring(1).toLowerCase(java.util.Locale.ROOT);
        Expression literal = literalAgainstGeometry(s.left(), s.right());
        // the index finds the candidates: every relation but disjoint needs the boxes to meet
        String prefilter = literal == null || s.relation() == SpatialRelation.DISJOINT
                ? ""
                : quote("geom") + " && " + value(literal) + " AND ";
        return "(" + prefilter + function + "(" + value(s.left()) + ", " + value(s.right()) + "))";
    }

    private String distance(DistanceWithin d) {
        Expression literal = literalAgainstGeometry(d.left(), d.right());
        String prefilter = "";
        if (literal != null) {
            Envelope box =
                    SphericalDistance.expand(((GeometryLiteral) literal).value().getEnvelopeInternal(), d.meters());
            prefilter = quote("geom") + " && ST_MakeEnvelope(" + bind(box.getMinX()) + ", " + bind(box.getMinY()) + ", "
                    + bind(box.getMaxX()) + ", " + bind(box.getMaxY()) + ", 4326) AND ";
        }
        return "(" + prefilter + "ST_DWithin(" + value(d.left()) + "::geography, " + value(d.right()) + "::geography, "
                + bind(d.meters()) + ", false))";
    }

    /** The literal when one operand is the feature's geometry and the other a literal, else null. */
    private static Expression literalAgainstGeometry(Expression a, Expression b) {
        if (a instanceof Property && b instanceof GeometryLiteral) {
            return b;
        }
        return b instanceof Property && a instanceof GeometryLiteral ? a : null;
    }

    // ----------------------------------------------------------- temporal

    private String temporal(TemporalPredicate t) {
        String infinity = Temporal.timestamps(t) ? "::timestamptz" : "::date";
        List<String> any = new ArrayList<>();
        for (List<Temporal.Condition> conjunction : Temporal.formula(t.relation())) {
            List<String> all = new ArrayList<>();
            for (Temporal.Condition c : conjunction) {
                all.add(end(t.left(), c.left(), infinity) + " " + c.op().symbol() + " "
                        + end(t.right(), c.right(), infinity));
            }
            any.add("(" + String.join(" AND ", all) + ")");
        }
        return "(" + String.join(" OR ", any) + ")";
    }

    /** One end of a temporal operand: an unbounded end of an interval, or a null bound property, at -infinity or infinity. */
    private String end(Expression operand, Temporal.End end, String type) {
        Expression e = Temporal.end(operand, end);
        String far = "'" + (end == Temporal.End.START ? "-infinity" : "infinity") + "'" + type;
        if (e instanceof Unbounded) {
            return far;
        }
        String v = value(e);
        return operand instanceof IntervalLiteral && e instanceof Property ? "coalesce(" + v + ", " + far + ")" : v;
    }

    // -------------------------------------------------------------- array

    private String array(ArrayPredicate a) {
        Expression l = a.left();
        Expression r = a.right();
        return switch (a.relation()) {
            case EQUALS -> "(" + value(l) + " @> " + value(r) + " AND " + value(l) + " <@ " + value(r) + ")";
            case CONTAINS -> "(" + value(l) + " @> " + value(r) + ")";
            case CONTAINEDBY -> "(" + value(l) + " <@ " + value(r) + ")";
            case OVERLAPS ->
                "(CASE WHEN " + value(l) + " IS NULL OR " + value(r) + " IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM"
                        + " jsonb_array_elements(" + value(r) + ") AS e(v) WHERE " + value(l)
                        + " @> jsonb_build_array(e.v)) END)";
        };
    }

    private static String json(ArrayLiteral a) {
        List<Object> items = new ArrayList<>();
        for (Expression item : a.items()) {
            if (item instanceof TextLiteral t) {
                items.add(t.value());
            } else if (item instanceof NumberLiteral n) {
                items.add(n.value());
            } else if (item instanceof BooleanLiteral b) {
                items.add(b.value());
            } else if (item instanceof DateLiteral d) {
                items.add(d.value().toString());
            } else {
                items.add(((TimestampLiteral) item).value().toString());
            }
        }
        return JSON.writeValueAsString(items);
    }
}
