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

    private CsvFeatureWriter() {}

    /** Writes the header and every feature; flushes but does not close {@code out}. Returns the feature count. */
    public static long write(Layer layer, Iterator<Feature> features, OutputStream out, boolean bom) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (bom) {
            w.write('\uFEFF');
        }
        boolean spatial = layer.hasGeometry();
        List<String> header = new ArrayList<>(spatial ? List.of(GEOMETRY_COLUMN, "lon", "lat") : List.of());
        layer.properties().forEach(p -> header.add(p.name()));
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
