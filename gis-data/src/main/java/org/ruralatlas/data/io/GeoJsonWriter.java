package org.ruralatlas.data.io;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.ruralatlas.data.feature.Feature;
import tools.jackson.core.JsonGenerator;

/**
 * Writes features as RFC 7946 GeoJSON straight onto a Jackson streaming generator: coordinates
 * go from the JTS geometry to the output with no intermediate objects, so a response of any size
 * holds one feature at a time. Polygon rings are written as stored (RFC 7946 §3.1.6 winding is
 * advisory: "parsers SHOULD NOT reject Polygons that do not follow the right-hand rule").
 * Coordinates are rounded to {@link #DECIMALS} decimal places (about 1 cm, RFC 7946 §11.2), which
 * keeps pages a third smaller than full double precision, and written as plain decimals the
 * same way on every JVM.
 */
public final class GeoJsonWriter {

    /** Decimal places of every coordinate written: 1e-7 degrees is about 1 cm on the ground. */
    public static final int DECIMALS = 7;

    private static final long SCALE = 10_000_000L;

    private GeoJsonWriter() {}

    /**
     * A whole FeatureCollection of {@code features}, with {@code name} (GDAL and QGIS take it as
     * the layer name); returns how many features it wrote. The generator is left open.
     */
    public static long writeCollection(JsonGenerator g, String name, Iterator<Feature> features) {
        return writeCollection(
                g,
                head -> head.writeStringProperty("name", name),
                each -> {
                    long n = 0;
                    while (features.hasNext()) {
                        each.accept(features.next());
                        n++;
                    }
                    return n;
                },
                (tail, n) -> {});
    }

    /**
     * The one FeatureCollection envelope: {@code "type"}, the members {@code head} writes, the
     * {@code "features"} array of every feature {@code features} hands to the consumer it is given
     * (one at a time, straight to the output), then the members {@code tail} writes knowing what
     * {@code features} returned (an API page's counts and links). The generator is left open.
     */
    public static <T> T writeCollection(
            JsonGenerator g,
            Consumer<JsonGenerator> head,
            Function<Consumer<Feature>, T> features,
            BiConsumer<JsonGenerator, T> tail) {
        g.writeStartObject();
        g.writeStringProperty("type", "FeatureCollection");
        head.accept(g);
        g.writeName("features");
        g.writeStartArray();
        T result = features.apply(f -> writeFeature(g, f));
        g.writeEndArray();
        tail.accept(g, result);
        g.writeEndObject();
        return result;
    }

    /** One Feature object: type, id, geometry (null for records), properties. */
    public static void writeFeature(JsonGenerator g, Feature f) {
        writeFeature(g, f, null);
    }

    /** One Feature object, then whatever {@code extra} writes (e.g. its links) before it closes. */
    public static void writeFeature(JsonGenerator g, Feature f, Consumer<JsonGenerator> extra) {
        g.writeStartObject();
        g.writeStringProperty("type", "Feature");
        g.writeStringProperty("id", f.id());
        g.writeName("geometry");
        writeGeometry(g, f.geometry());
        g.writeName("properties");
        g.writeStartObject();
        for (Map.Entry<String, Object> e : f.properties().entrySet()) {
            g.writeName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
        if (extra != null) {
            extra.accept(g);
        }
        g.writeEndObject();
    }

    static void writeValue(JsonGenerator g, Object v) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof LocalDate d) {
            g.writeString(d.toString());
        } else {
            g.writePOJO(v);
        }
    }

    public static void writeGeometry(JsonGenerator g, Geometry geom) {
        if (geom == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringProperty("type", geom.getGeometryType());
        if (geom instanceof GeometryCollection
                && !(geom instanceof MultiPoint || geom instanceof MultiLineString || geom instanceof MultiPolygon)) {
            g.writeName("geometries");
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                writeGeometry(g, geom.getGeometryN(i));
            }
            g.writeEndArray();
        } else {
            g.writeName("coordinates");
            writeCoordinates(g, geom);
        }
        g.writeEndObject();
    }

    private static void writeCoordinates(JsonGenerator g, Geometry geom) {
        if (geom instanceof Point p) {
            writePosition(g, p.getCoordinateSequence(), 0);
        } else if (geom instanceof LineString l) {
            writeSequence(g, l.getCoordinateSequence());
        } else if (geom instanceof Polygon p) {
            g.writeStartArray();
            writeSequence(g, p.getExteriorRing().getCoordinateSequence());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                writeSequence(g, p.getInteriorRingN(i).getCoordinateSequence());
            }
            g.writeEndArray();
        } else {
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                writeCoordinates(g, geom.getGeometryN(i));
            }
            g.writeEndArray();
        }
    }

    private static void writeSequence(JsonGenerator g, CoordinateSequence seq) {
        g.writeStartArray();
        for (int i = 0; i < seq.size(); i++) {
            writePosition(g, seq, i);
        }
        g.writeEndArray();
    }

    private static void writePosition(JsonGenerator g, CoordinateSequence seq, int i) {
        g.writeStartArray();
        writeOrdinate(g, seq.getX(i));
        writeOrdinate(g, seq.getY(i));
        double z = seq.getOrdinate(i, Coordinate.Z);
        if (seq.hasZ() && !Double.isNaN(z)) {
            writeOrdinate(g, z);
        }
        g.writeEndArray();
    }

    /** Writes {@code v} rounded half-up to {@link #DECIMALS} places, trailing zeros dropped. */
    static void writeOrdinate(JsonGenerator g, double v) {
        if (!Double.isFinite(v) || Math.abs(v) > 9.0e11) {
            g.writeNumber(v);
            return;
        }
        g.writeNumber(format(Math.round(v * SCALE)));
    }

    static String format(long scaled) {
        StringBuilder sb = new StringBuilder(20);
        long abs = Math.abs(scaled);
        if (scaled < 0) {
            sb.append('-');
        }
        sb.append(abs / SCALE);
        long fraction = abs % SCALE;
        if (fraction != 0) {
            int digits = DECIMALS;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            sb.append('.');
            String f = Long.toString(fraction);
            for (int pad = digits - f.length(); pad > 0; pad--) {
                sb.append('0');
            }
            sb.append(f);
        }
        return sb.toString();
    }
}
