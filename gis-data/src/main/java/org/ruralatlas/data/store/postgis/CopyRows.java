package org.ruralatlas.data.store.postgis;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, written into a {@code COPY … FROM STDIN} in 64 KB
 * pieces as they are made: memory stays bounded whatever the number of rows. Geometries go as
 * hex EWKB in EPSG:4326 (RuralAtlas's only CRS), which the geometry type reads as text.
 */
final class CopyRows {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final CopyIn copy;
    private final byte[] buffer = new byte[1 << 16];
    private final WKBWriter wkb = new WKBWriter(2, true);
    private int used;
    private boolean rowStarted;

    CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    /** A column's value: null, a Boolean, or anything whose text is the column's input (numbers, dates, text, JSON text). */
    void value(Object v) throws SQLException {
        separate();
        if (v == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else if (v instanceof Boolean b) {
            put((byte) (b ? 't' : 'f'));
        } else {
            escaped(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A single geometry as the one member of its multi type (what ST_Multi does); any other as it is. */
    static Geometry multi(Geometry g) {
        GeometryFactory f = g.getFactory();
        if (g instanceof Polygon p) {
            return f.createMultiPolygon(new Polygon[] {p});
        }
        if (g instanceof LineString l) {
            return f.createMultiLineString(new LineString[] {l});
        }
        if (g instanceof Point p) {
            return f.createMultiPoint(new Point[] {p});
        }
        return g;
    }

    void geometry(Geometry g) throws SQLException {
        separate();
        g.setSRID(4326);
        for (byte b : wkb.write(g)) {
            put(HEX[(b >> 4) & 0xF]);
            put(HEX[b & 0xF]);
        }
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        rowStarted = false;
    }

    /** Sends what is buffered and ends the COPY; returns the rows the database took. */
    long end() throws SQLException {
        flush();
        return copy.endCopy();
    }

    private void separate() throws SQLException {
        if (rowStarted) {
            put((byte) '\t');
        }
        rowStarted = true;
    }

    /** The bytes of a UTF-8 text with COPY's escapes (the escaped bytes are ASCII, never inside a multi-byte character). */
    private void escaped(byte[] text) throws SQLException {
        for (byte b : text) {
            switch (b) {
                case '\\' -> {
                    put((byte) '\\');
                    put((byte) '\\');
                }
                case '\t' -> {
                    put((byte) '\\');
                    put((byte) 't');
                }
                case '\n' -> {
                    put((byte) '\\');
                    put((byte) 'n');
                }
                case '\r' -> {
                    put((byte) '\\');
                    put((byte) 'r');
                }
                default -> put(b);
            }
        }
    }

    private void put(byte b) throws SQLException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = b;
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copy.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }
}
