package org.ruralatlas.data.io;

import java.util.List;
import org.geojson.GeoJsonObject;
import org.geojson.LngLatAlt;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** Converts geojson-jackson geometries (RFC 7946, lon/lat) to JTS geometries in EPSG:4326. */
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
            return FACTORY.createMultiPolygon(mp.getCoordinates().stream()
                    .map(GeoJsonGeometries::polygon).toArray(Polygon[]::new));
        }
        if (g instanceof org.geojson.GeometryCollection gc) {
            return FACTORY.createGeometryCollection(gc.getGeometries().stream()
                    .map(GeoJsonGeometries::toJts).toArray(Geometry[]::new));
        }
        throw new IllegalArgumentException("not a GeoJSON geometry: " + g.getClass().getSimpleName());
    }

    private static Polygon polygon(List<List<LngLatAlt>> rings) {
        LinearRing shell = FACTORY.createLinearRing(coordinates(rings.get(0)));
        LinearRing[] holes = rings.subList(1, rings.size()).stream()
                .map(r -> FACTORY.createLinearRing(coordinates(r))).toArray(LinearRing[]::new);
        return FACTORY.createPolygon(shell, holes);
    }

    private static Coordinate[] coordinates(List<LngLatAlt> points) {
        return points.stream().map(GeoJsonGeometries::coordinate).toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(LngLatAlt p) {
        return new Coordinate(p.getLongitude(), p.getLatitude());
    }
}
