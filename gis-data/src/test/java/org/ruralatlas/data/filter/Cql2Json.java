package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.ruralatlas.data.filter.Expression.*;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an expression as CQL2 JSON, for tests: a tree read from text, written as JSON and read
 * back must be the same tree, which checks the JSON reader on every expression a test makes.
 */
public final class Cql2Json {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cql2Json() {}

    public static String write(Expression e) {
        return JSON.writeValueAsString(node(e));
    }

    private static Object node(Expression e) {
        if (e instanceof TextLiteral t) {
            return t.value();
        }
        if (e instanceof NumberLiteral n) {
            return n.value();
        }
        if (e instanceof BooleanLiteral b) {
            return b.value();
        }
        if (e instanceof DateLiteral d) {
            return Map.of("date", d.value().toString());
        }
        if (e instanceof TimestampLiteral t) {
            return Map.of("timestamp", t.value().toString());
        }
        if (e instanceof IntervalLiteral i) {
            return Map.of("interval", List.of(intervalEnd(i.start()), intervalEnd(i.end())));
        }
        if (e instanceof GeometryLiteral g) {
            return geometry(g.value());
        }
        if (e instanceof BboxLiteral b) {
            return Map.of("bbox", List.of(b.west(), b.south(), b.east(), b.north()));
        }
        if (e instanceof ArrayLiteral a) {
            return a.items().stream().map(Cql2Json::node).toList();
        }
        if (e instanceof Property p) {
            return Map.of("property", p.name());
        }
        if (e instanceof FunctionCall f) {
            return op(f.name(), f.args());
        }
        if (e instanceof CaseInsensitive c) {
            return op("casei", List.of(c.value()));
        }
        if (e instanceof AccentInsensitive a) {
            return op("accenti", List.of(a.value()));
        }
        if (e instanceof Arithmetic a) {
            return op(a.op().symbol(), List.of(a.left(), a.right()));
        }
        if (e instanceof And a) {
            return op("and", a.args());
        }
        if (e instanceof Or o) {
            return op("or", o.args());
        }
        if (e instanceof Not n) {
            return op("not", List.of(n.arg()));
        }
        if (e instanceof Comparison c) {
            return op(c.op().symbol(), List.of(c.left(), c.right()));
        }
        if (e instanceof Like l) {
            return op("like", List.of(l.value(), l.pattern()));
        }
        if (e instanceof Between b) {
            return op("between", List.of(b.value(), b.low(), b.high()));
        }
        if (e instanceof In in) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", "in");
            m.put(
                    "args",
                    List.of(
                            node(in.value()),
                            in.list().stream().map(Cql2Json::node).toList()));
            return m;
        }
        if (e instanceof IsNull n) {
            return op("isNull", List.of(n.value()));
        }
        if (e instanceof SpatialPredicate s) {
            return op(s.relation().functionName().toLowerCase(Locale.ROOT), List.of(s.left(), s.right()));
        }
        if (e instanceof DistanceWithin d) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", "s_dwithin");
            m.put("args", List.of(node(d.left()), node(d.right()), d.meters(), "meters"));
            return m;
        }
        if (e instanceof TemporalPredicate t) {
            return op(t.relation().functionName().toLowerCase(Locale.ROOT), List.of(t.left(), t.right()));
        }
        ArrayPredicate a = (ArrayPredicate) e;
        return op(a.relation().functionName().toLowerCase(Locale.ROOT), List.of(a.left(), a.right()));
    }

    private static Object intervalEnd(Expression e) {
        if (e instanceof Unbounded) {
            return "..";
        }
        if (e instanceof DateLiteral d) {
            return d.value().toString();
        }
        if (e instanceof TimestampLiteral t) {
            return t.value().toString();
        }
        return node(e);
    }

    private static Map<String, Object> op(String name, List<Expression> args) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", name);
        m.put("args", args.stream().map(Cql2Json::node).toList());
        return m;
    }

    private static Map<String, Object> geometry(Geometry g) {
        Map<String, Object> m = new LinkedHashMap<>();
        String type = g.getGeometryType();
        m.put("type", type);
        if (type.equals("GeometryCollection")) {
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                parts.add(geometry(g.getGeometryN(i)));
            }
            m.put("geometries", parts);
            return m;
        }
        m.put("coordinates", coordinates(g));
        return m;
    }

    private static Object coordinates(Geometry g) {
        if (g instanceof Point p) {
            return position(p.getCoordinate());
        }
        if (g instanceof LineString l) {
            return java.util.Arrays.stream(l.getCoordinates())
                    .map(Cql2Json::position)
                    .toList();
        }
        if (g instanceof Polygon p) {
            List<Object> rings = new ArrayList<>();
            rings.add(coordinates(p.getExteriorRing()));
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                rings.add(coordinates(p.getInteriorRingN(i)));
            }
            return rings;
        }
        List<Object> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            parts.add(coordinates(g.getGeometryN(i)));
        }
        return parts;
    }

    private static List<Double> position(org.locationtech.jts.geom.Coordinate c) {
        return Double.isNaN(c.getZ()) ? List.of(c.x, c.y) : List.of(c.x, c.y, c.getZ());
    }
}
