package org.ruralatlas.data.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.ruralatlas.data.filter.Expression.ArithmeticOperator;
import org.ruralatlas.data.filter.Expression.ArrayRelation;
import org.ruralatlas.data.filter.Expression.ComparisonOperator;
import org.ruralatlas.data.filter.Expression.DistanceWithin;
import org.ruralatlas.data.filter.Expression.SpatialRelation;
import org.ruralatlas.data.filter.Expression.TemporalRelation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CQL2 JSON (OGC 21-065r2 clause 8, schema cql2.json) into the same {@link Expression}s as
 * the text encoding. A mistake is reported with the JSON Pointer of the value at fault ({@code
 * at /args/1: …}). Nesting is bounded ({@link #MAX_DEPTH}), duplicate keys are refused.
 */
final class JsonReader {

    /** Deepest JSON nesting accepted: each level of a CQL2 expression is an object and its args array. */
    static final int MAX_DEPTH = 2 * 64 + 8;

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();
    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    private JsonReader() {}

    /** The expression in {@code json}; a {@link BadFilterException} saying where when it is not CQL2 JSON. */
    static Expression parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() != null && e.getLocation().getCharOffset() >= 0
                    ? " at character " + (e.getLocation().getCharOffset() + 1)
                    : "";
            throw BadFilterException.invalid("the filter is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw BadFilterException.invalid("the filter is empty");
        }
        return expression(root, "");
    }

    private static Expression expression(JsonNode n, String at) {
        if (n.isBoolean()) {
            return new Expression.BooleanLiteral(n.booleanValue());
        }
        if (n.isNumber()) {
            double v = n.doubleValue();
            if (!Double.isFinite(v)) {
                throw error(at, "the number " + n + " is too large");
            }
            return new Expression.NumberLiteral(v);
        }
        if (n.isString()) {
            return new Expression.TextLiteral(n.stringValue());
        }
        if (n.isArray()) {
            return new Expression.ArrayLiteral(items(n, at));
        }
        if (!n.isObject()) {
            throw error(at, "expected an expression, a literal or a property, not " + n);
        }
        if (n.has("op")) {
            return operation(n, at);
        }
        if (n.has("property")) {
            only(n, at, "property");
            return new Expression.Property(string(n.get("property"), at + "/property"));
        }
        if (n.has("date")) {
            only(n, at, "date");
            return date(n.get("date"), at + "/date");
        }
        if (n.has("timestamp")) {
            only(n, at, "timestamp");
            return timestamp(n.get("timestamp"), at + "/timestamp");
        }
        if (n.has("interval")) {
            only(n, at, "interval");
            List<JsonNode> ends = array(n.get("interval"), at + "/interval", 2, 2);
            return new Expression.IntervalLiteral(
                    intervalEnd(ends.get(0), at + "/interval/0"), intervalEnd(ends.get(1), at + "/interval/1"));
        }
        if (n.has("bbox")) {
            only(n, at, "bbox");
            List<JsonNode> v = array(n.get("bbox"), at + "/bbox", 4, 6);
            if (v.size() == 5) {
                throw error(at + "/bbox", "a bbox has 4 numbers (or 6 with heights), not 5");
            }
            int east = v.size() == 6 ? 3 : 2;
            String b = at + "/bbox/";
            return new Expression.BboxLiteral(
                    number(v.get(0), b + 0),
                    number(v.get(1), b + 1),
                    number(v.get(east), b + east),
                    number(v.get(east + 1), b + (east + 1)));
        }
        if (n.has("type")) {
            return new Expression.GeometryLiteral(geometry(n, at));
        }
        throw error(
                at,
                "expected an object with op and args, property, date, timestamp, interval, bbox or a GeoJSON geometry");
    }

    private static final Map<String, BiFunction<String, List<Expression>, Expression>> LOGICAL = Map.of(
            "and", (at, args) -> new Expression.And(atLeast(at, args, 2)),
            "or", (at, args) -> new Expression.Or(atLeast(at, args, 2)),
            "not", (at, args) -> new Expression.Not(exactly(at, args, 1).get(0)),
            "like", (at, args) -> new Expression.Like(exactly(at, args, 2).get(0), args.get(1)),
            "between", (at, args) -> new Expression.Between(exactly(at, args, 3).get(0), args.get(1), args.get(2)),
            "isnull", (at, args) -> new Expression.IsNull(exactly(at, args, 1).get(0)),
            "casei",
                    (at, args) ->
                            new Expression.CaseInsensitive(exactly(at, args, 1).get(0)),
            "accenti",
                    (at, args) -> new Expression.AccentInsensitive(
                            exactly(at, args, 1).get(0)));

    private static Expression operation(JsonNode n, String at) {
        only(n, at, "op", "args");
        String op = string(n.get("op"), at + "/op");
        if (!n.has("args")) {
            throw error(at, op + " needs args");
        }
        String lower = op.toLowerCase(Locale.ROOT);
        if (lower.equals("in")) {
            List<JsonNode> args = array(n.get("args"), at + "/args", 2, 2);
            if (!args.get(1).isArray()) {
                throw error(at + "/args/1", "in takes a value and an array of values");
            }
            return new Expression.In(expression(args.get(0), at + "/args/0"), items(args.get(1), at + "/args/1"));
        }
        List<Expression> args = items(arrayNode(n.get("args"), at + "/args"), at + "/args");
        if (LOGICAL.containsKey(lower)) {
            return LOGICAL.get(lower).apply(at, args);
        }
        ComparisonOperator comparison = ComparisonOperator.of(op);
        if (comparison != null) {
            return new Expression.Comparison(comparison, exactly(at, args, 2).get(0), args.get(1));
        }
        ArithmeticOperator arithmetic = ArithmeticOperator.of(op);
        if (arithmetic != null) {
            return new Expression.Arithmetic(arithmetic, exactly(at, args, 2).get(0), args.get(1));
        }
        SpatialRelation spatial = SpatialRelation.named(op);
        if (spatial != null) {
            return new Expression.SpatialPredicate(spatial, exactly(at, args, 2).get(0), args.get(1));
        }
        TemporalRelation temporal = TemporalRelation.named(op);
        if (temporal != null) {
            return new Expression.TemporalPredicate(
                    temporal, exactly(at, args, 2).get(0), args.get(1));
        }
        ArrayRelation array = ArrayRelation.named(op);
        if (array != null) {
            return new Expression.ArrayPredicate(array, exactly(at, args, 2).get(0), args.get(1));
        }
        if (lower.equals(DistanceWithin.FUNCTION.toLowerCase(Locale.ROOT))) {
            return DistanceWithin.of(args);
        }
        return new Expression.FunctionCall(op, args);
    }

    private static List<Expression> exactly(String at, List<Expression> args, int n) {
        if (args.size() != n) {
            throw error(at + "/args", "expected " + n + (n == 1 ? " argument" : " arguments") + ", not " + args.size());
        }
        return args;
    }

    private static List<Expression> atLeast(String at, List<Expression> args, int n) {
        if (args.size() < n) {
            throw error(at + "/args", "expected at least " + n + " arguments, not " + args.size());
        }
        return args;
    }

    private static List<Expression> items(JsonNode array, String at) {
        List<Expression> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            out.add(expression(array.get(i), at + "/" + i));
        }
        return out;
    }

    private static Expression intervalEnd(JsonNode n, String at) {
        if (n.isString()) {
            String s = n.stringValue();
            return s.equals("..") ? new Expression.Unbounded() : s.length() == 10 ? date(n, at) : timestamp(n, at);
        }
        if (n.isObject() && (n.has("property") || n.has("op"))) {
            return expression(n, at);
        }
        throw error(at, "an interval end is a date, a timestamp, \"..\", a property or a function");
    }

    private static Expression date(JsonNode n, String at) {
        LocalDate day = Instants.date(string(n, at));
        if (day == null) {
            throw error(at, "expected a date written " + Instants.DATE_FORM + ", not " + n);
        }
        return new Expression.DateLiteral(day);
    }

    private static Expression timestamp(JsonNode n, String at) {
        Instant instant = Instants.timestamp(string(n, at));
        if (instant == null) {
            throw error(at, "expected a timestamp written " + Instants.TIMESTAMP_FORM + ", not " + n);
        }
        return new Expression.TimestampLiteral(instant);
    }

    // ----------------------------------------------------------- GeoJSON

    private static Geometry geometry(JsonNode n, String at) {
        String type = string(n.get("type"), at + "/type");
        if (type.equals("GeometryCollection")) {
            only(n, at, "type", "geometries", "bbox");
            List<JsonNode> members = array(n.get("geometries"), at + "/geometries", 0, Integer.MAX_VALUE);
            List<Geometry> out = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                out.add(geometry(members.get(i), at + "/geometries/" + i));
            }
            return GEOMETRIES.createGeometryCollection(out.toArray(Geometry[]::new));
        }
        only(n, at, "type", "coordinates", "bbox");
        JsonNode c = n.get("coordinates");
        String a = at + "/coordinates";
        return switch (type) {
            case "Point" -> GEOMETRIES.createPoint(position(c, a));
            case "LineString" -> lineString(c, a);
            case "Polygon" -> polygon(c, a);
            case "MultiPoint" -> GEOMETRIES.createMultiPointFromCoords(positions(c, a, 0));
            case "MultiLineString" ->
                GEOMETRIES.createMultiLineString(each(c, a).stream()
                        .map(i -> lineString(c.get(i), a + "/" + i))
                        .toArray(LineString[]::new));
            case "MultiPolygon" ->
                GEOMETRIES.createMultiPolygon(each(c, a).stream()
                        .map(i -> polygon(c.get(i), a + "/" + i))
                        .toArray(Polygon[]::new));
            default -> throw error(at + "/type", "unknown geometry type " + type);
        };
    }

    private static LineString lineString(JsonNode c, String at) {
        return GEOMETRIES.createLineString(positions(c, at, 2));
    }

    private static Polygon polygon(JsonNode c, String at) {
        List<LinearRing> rings = new ArrayList<>();
        for (int i : each(c, at)) {
            Coordinate[] ring = positions(c.get(i), at + "/" + i, 4);
            if (!ring[0].equals2D(ring[ring.length - 1])) {
                throw error(at + "/" + i, "a polygon's ring must end where it starts");
            }
            rings.add(GEOMETRIES.createLinearRing(ring));
        }
        if (rings.isEmpty()) {
            throw error(at, "a polygon needs at least one ring");
        }
        return GEOMETRIES.createPolygon(
                rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
    }

    private static Coordinate[] positions(JsonNode c, String at, int min) {
        List<Integer> indexes = each(c, at);
        if (indexes.size() < min) {
            throw error(at, "expected at least " + min + " positions");
        }
        return indexes.stream().map(i -> position(c.get(i), at + "/" + i)).toArray(Coordinate[]::new);
    }

    private static Coordinate position(JsonNode c, String at) {
        List<JsonNode> v = array(c, at, 2, 3);
        Coordinate p = new Coordinate(number(v.get(0), at + "/0"), number(v.get(1), at + "/1"));
        if (v.size() == 3) {
            p.setZ(number(v.get(2), at + "/2"));
        }
        return p;
    }

    private static List<Integer> each(JsonNode c, String at) {
        return java.util.stream.IntStream.range(0, arrayNode(c, at).size())
                .boxed()
                .toList();
    }

    // ------------------------------------------------------------ helpers

    private static void only(JsonNode n, String at, String... allowed) {
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!List.of(allowed).contains(e.getKey())) {
                throw error(
                        at + "/" + e.getKey(), "unexpected member \"" + e.getKey() + "\" next to " + List.of(allowed));
            }
        }
    }

    private static JsonNode arrayNode(JsonNode n, String at) {
        if (n == null || !n.isArray()) {
            throw error(at, "expected an array");
        }
        return n;
    }

    private static List<JsonNode> array(JsonNode n, String at, int min, int max) {
        arrayNode(n, at);
        if (n.size() < min || n.size() > max) {
            throw error(at, min == max ? "expected " + min + " values" : "expected " + min + " to " + max + " values");
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    private static String string(JsonNode n, String at) {
        if (n == null || !n.isString()) {
            throw error(at, "expected a string");
        }
        return n.stringValue();
    }

    private static double number(JsonNode n, String at) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw error(at, "expected a number");
        }
        return n.doubleValue();
    }

    private static BadFilterException error(String at, String what) {
        return BadFilterException.invalid("at " + (at.isEmpty() ? "/" : at) + ": " + what);
    }
}
