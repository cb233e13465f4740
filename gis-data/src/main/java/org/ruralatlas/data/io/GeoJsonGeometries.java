package org.ruralatlas.data.io;

import java.util.ArrayList;
import java.util.List;
import org.geojson.GeoJsonObject;
import org.geojson.LngLatAlt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * GeoJSON geometries (RFC 7946, lon/lat) to JTS geometries in EPSG:4326: from geojson-jackson
 * objects (the sample builder) or straight from a parser's tokens (the loader).
 */
public final class GeoJsonGeometries {

    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonGeometries() {}

    public static Geometry toJts(GeoJsonObject g) {
        if (g == null) {
            return null;
        }
        if (g instanceof org.geojson.Point p) {
            return FACTORY.createPoint(coordinate(p.getCoordinates()));
        }
        // LineString extends MultiPoint in geojson-jackson: test it first
        if (g instanceof org.geojson.LineString l) {
            return FACTORY.createLineString(coordinates(l.getCoordinates()));
        }
        if (g instanceof org.geojson.MultiPoint mp) {
            return FACTORY.createMultiPointFromCoords(coordinates(mp.getCoordinates()));
        }
        if (g instanceof org.geojson.MultiLineString ml) {
            return FACTORY.createMultiLineString(ml.getCoordinates().stream()
                    .map(line -> FACTORY.createLineString(coordinates(line)))
                    .toArray(org.locationtech.jts.geom.LineString[]::new));
        }
        if (g instanceof org.geojson.Polygon p) {
            return polygon(p.getCoordinates());
        }
        if (g instanceof org.geojson.MultiPolygon mp) {
            return FACTORY.createMultiPolygon(
                    mp.getCoordinates().stream().map(GeoJsonGeometries::polygon).toArray(Polygon[]::new));
        }
        if (g instanceof org.geojson.GeometryCollection gc) {
            return FACTORY.createGeometryCollection(
                    gc.getGeometries().stream().map(GeoJsonGeometries::toJts).toArray(Geometry[]::new));
        }
        throw new IllegalArgumentException(
                "not a GeoJSON geometry: " + g.getClass().getSimpleName());
    }

    /**
     * Reads the geometry object the parser stands on (its START_OBJECT) straight from the tokens,
     * in any member order, without building geojson-jackson objects: the loader's way through a
     * file of a million features. Positions keep longitude and latitude.
     */
    public static Geometry read(JsonParser p) {
        String type = null;
        Object coordinates = null;
        List<Geometry> members = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> type = p.getString();
                case "coordinates" -> coordinates = value == JsonToken.VALUE_NULL ? null : positions(p);
                case "geometries" -> {
                    members = new ArrayList<>();
                    expect(value == JsonToken.START_ARRAY, p, "\"geometries\" is not an array");
                    for (JsonToken m = p.nextToken(); m != JsonToken.END_ARRAY; m = p.nextToken()) {
                        expect(m == JsonToken.START_OBJECT, p, "a member of \"geometries\" is not an object");
                        members.add(read(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        try {
            return switch (type == null ? "" : type) {
                case "Point" -> FACTORY.createPoint((Coordinate) coordinates);
                case "MultiPoint" -> FACTORY.createMultiPointFromCoords(coordinates(coordinates));
                case "LineString" -> FACTORY.createLineString(coordinates(coordinates));
                case "MultiLineString" ->
                    FACTORY.createMultiLineString(list(coordinates).stream()
                            .map(l -> FACTORY.createLineString(coordinates(l)))
                            .toArray(org.locationtech.jts.geom.LineString[]::new));
                case "Polygon" -> polygonOf(coordinates);
                case "MultiPolygon" ->
                    FACTORY.createMultiPolygon(list(coordinates).stream()
                            .map(GeoJsonGeometries::polygonOf)
                            .toArray(Polygon[]::new));
                case "GeometryCollection" ->
                    FACTORY.createGeometryCollection(
                            members == null ? new Geometry[0] : members.toArray(Geometry[]::new));
                default -> throw new IllegalArgumentException("not a GeoJSON geometry type: " + type);
            };
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "the coordinates of a " + type + " are not nested as RFC 7946 says (" + where(p) + ")");
        }
    }

    /** A position as a Coordinate, or an array of them (nested) as a List. */
    private static Object positions(JsonParser p) {
        expect(p.currentToken() == JsonToken.START_ARRAY, p, "coordinates are not an array");
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double x = p.getDoubleValue();
            t = p.nextToken();
            expect(
                    t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT,
                    p,
                    "a position has one number");
            double y = p.getDoubleValue();
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                expect(
                        t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT,
                        p,
                        "a position holds a non-number");
            }
            return new Coordinate(x, y);
        }
        List<Object> items = new ArrayList<>();
        for (; t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(positions(p));
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object coordinates) {
        return (List<Object>) coordinates;
    }

    private static Coordinate[] coordinates(Object positions) {
        return list(positions).stream().map(Coordinate.class::cast).toArray(Coordinate[]::new);
    }

    private static Polygon polygonOf(Object rings) {
        List<Object> all = list(rings);
        if (all.isEmpty()) {
            return FACTORY.createPolygon();
        }
        LinearRing shell = FACTORY.createLinearRing(coordinates(all.get(0)));
        LinearRing[] holes = all.subList(1, all.size()).stream()
                .map(r -> FACTORY.createLinearRing(coordinates(r)))
                .toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holes);
    }

    private static void expect(boolean ok, JsonParser p, String what) {
        if (!ok) {
            throw new IllegalArgumentException("not a GeoJSON geometry: " + what + " (" + where(p) + ")");
        }
    }

    static String where(JsonParser p) {
        var l = p.currentLocation();
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    private static Polygon polygon(List<List<LngLatAlt>> rings) {
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = rings.subList(1, rings.size()).stream()
                .map(r -> FACTORY.createLinearRing(coordinates(r)))
                .toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(List<LngLatAlt> points) {
        return points.stream().map(GeoJsonGeometries::coordinate).toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(LngLatAlt p) {
        return new Coordinate(p.getLongitude(), p.getLatitude());
    }
}
