package org.ruralatlas.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTWriter;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.PropertyValues;

/**
 * Writes features as UTF-8 CSV (RFC 4180) for spreadsheets and scripts: a {@code WKT} geometry
 * column (which GDAL's CSV driver, QGIS and PostGIS read as geometry), {@code lon} and {@code lat}
 * for points (empty for other shapes), then every catalogue property in catalogue order; lists and
 * objects as JSON text. Record tables (no geometry) have only their properties. Excel needs a
 * byte-order mark to read UTF-8: {@code bom} adds one.
 */
public final class CsvFeatureWriter {

    /** The geometry column's name, as GDAL's CSV driver recognises it without options. */
    public static final String GEOMETRY_COLUMN = "WKT";

    /**
     * The CRS of every CSV written here (CRS84: longitude, latitude on WGS 84) as the one-line
     * WKT of a {@code .prj} file beside the CSV, which GDAL's CSV driver reads (a leading blank
     * line, as {@code gdalsrsinfo} prints, makes it ignore the file).
     */
    public static final String PRJ = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
            + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
            + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]";

    private CsvFeatureWriter() {}

    /** Writes the header and every feature; flushes but does not close {@code out}. Returns the feature count. */
    public static long write(Layer layer, Iterator<Feature> features, OutputStream out, boolean bom)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (bom) {
            w.write('\uFEFF');
        }
        boolean spatial = layer.hasGeometry();
        List<String> header = header(layer);
        CsvRows csv = new CsvRows(w).row(header);
        WKTWriter wkt = new WKTWriter();
        List<Object> row = new ArrayList<>(header.size());
        long n = 0;
        try {
            while (features.hasNext()) {
                Feature f = features.next();
                row.clear();
                if (spatial) {
                    row.add(f.geometry() == null ? null : wkt.write(f.geometry()));
                    boolean point = f.geometry() instanceof Point p && !p.isEmpty();
                    row.add(point ? number(((Point) f.geometry()).getX()) : null);
                    row.add(point ? number(((Point) f.geometry()).getY()) : null);
                }
                for (PropertySpec p : layer.properties()) {
                    row.add(text(p, f.properties().get(p.name())));
                }
                csv.row(row);
                n++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        csv.flush();
        return n;
    }

    /** The columns a layer's CSV has, in order. */
    public static List<String> header(Layer layer) {
        List<String> header = new ArrayList<>(layer.hasGeometry() ? List.of(GEOMETRY_COLUMN, "lon", "lat") : List.of());
        layer.properties().forEach(p -> header.add(p.name()));
        return header;
    }

    /**
     * The column types of a layer's CSV as GDAL's {@code .csvt} file gives them (one quoted type per
     * column, in order), so that {@code ogr2ogr} and QGIS read numbers, dates and booleans as such
     * instead of text: the file GDAL looks for beside {@code <layer>.csv}.
     */
    public static String gdalTypes(Layer layer) {
        List<String> types = new ArrayList<>(layer.hasGeometry() ? List.of("WKT", "Real", "Real") : List.of());
        for (PropertySpec p : layer.properties()) {
            types.add(
                    switch (p.type()) {
                        case STRING -> "String";
                        case INTEGER -> "Integer64";
                        case NUMBER -> "Real";
                        case BOOLEAN -> "Integer(Boolean)";
                        case DATE -> "Date";
                        case STRING_LIST -> "JSonStringList";
                        case JSON -> "String";
                    });
        }
        return String.join(",", types.stream().map(t -> '"' + t + '"').toList()) + "\r\n";
    }

    private static String text(PropertySpec p, Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Double d) {
            return number(d);
        }
        return PropertyValues.toColumn(p, v).toString();
    }

    /** A decimal as written by hand: 105.5, 12, 0.0001 (never 1.0E-4). */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
