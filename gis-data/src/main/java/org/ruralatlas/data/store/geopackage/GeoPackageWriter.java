package org.ruralatlas.data.store.geopackage;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.attributes.AttributesColumn;
import mil.nga.geopackage.attributes.AttributesTableMetadata;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.LayerInput;
import org.ruralatlas.data.store.PropertyValues;

/**
 * Writes layers into a new OGC GeoPackage: one feature table per layer (attributes table for
 * records) with the catalogue's columns, geometry in EPSG:4326, an R-tree spatial index and a
 * unique index on the feature id. The file appears only when complete (written beside, then moved).
 * Given the same features and {@code lastChange}, the bytes are the same whoever writes them and
 * when: replicas each make a download's file, and a download cut on one resumes on another with
 * {@code Range}, so no clock may leak into it ({@code gpkg_contents.last_change} is the data's).
 */
public final class GeoPackageWriter {

    /** GeoPackage 1.3 §1.1.3.1.1: ISO 8601 UTC with milliseconds, as {@code strftime('%Y-%m-%dT%H:%M:%fZ','now')} writes it. */
    private static final java.time.format.DateTimeFormatter LAST_CHANGE = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private GeoPackageWriter() {}

    /** Writes every layer in {@code layers}, each from its feature iterator, into {@code target}, changed now. */
    public static Map<String, Long> write(Path target, Map<Layer, Supplier<? extends Iterator<Feature>>> layers) {
        return write(target, layers, Instant.now());
    }

    /**
     * Writes every layer in {@code layers}, each from its feature iterator, into {@code target};
     * {@code lastChange} is when their data last changed ({@code gpkg_contents.last_change}).
     */
    public static Map<String, Long> write(
            Path target, Map<Layer, Supplier<? extends Iterator<Feature>>> layers, Instant lastChange) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial.gpkg");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(partial);
            File file = partial.toFile();
            GeoPackageManager.create(file);
            Map<String, Long> counts = new LinkedHashMap<>();
            try (GeoPackage gp = GeoPackageManager.open(file)) {
                for (Map.Entry<Layer, Supplier<? extends Iterator<Feature>>> e : layers.entrySet()) {
                    counts.put(e.getKey().id(), LayerInput.drain(e.getValue(), it -> writeLayer(gp, e.getKey(), it)));
                }
            }
            try (GeoPackage gp = GeoPackageManager.open(file)) {
                // GeoPackage 1.3 is what GDAL 3.6 and QGIS read without warnings; nothing here needs 1.4
                gp.execSQL("PRAGMA user_version = 10300");
                // the library stamps its own clock; the data's time keeps the file the same on every replica
                gp.execSQL("UPDATE gpkg_contents SET last_change = '" + LAST_CHANGE.format(lastChange) + "'");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return counts;
        } catch (IOException | SQLException e) {
            throw new FeatureStoreException("writing GeoPackage " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial file is only litter
            }
        }
    }

    private static long writeLayer(GeoPackage gp, Layer layer, Iterator<Feature> features) throws SQLException {
        createTable(gp, layer);
        Connection c = gp.getConnection().getConnection();
        List<String> columns = new ArrayList<>();
        layer.properties().forEach(p -> columns.add(quote(p.name())));
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
        }
        String sql = "INSERT INTO " + quote(layer.id()) + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        Envelope extent = new Envelope();
        long count = 0;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            while (features.hasNext()) {
                Feature f = features.next();
                int i = 1;
                for (PropertySpec p : layer.properties()) {
                    ps.setObject(
                            i++,
                            sqliteValue(
                                    PropertyValues.toColumn(p, f.properties().get(p.name()))));
                }
                if (layer.hasGeometry()) {
                    ps.setBytes(i, GeoPackageGeometry.write(f.geometry()));
                    extent.expandToInclude(f.geometry().getEnvelopeInternal());
                }
                ps.addBatch();
                if (++count % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        gp.execSQL("CREATE UNIQUE INDEX " + quote(layer.id() + "_id_idx") + " ON " + quote(layer.id()) + " ("
                + quote(layer.idProperty()) + ")");
        if (layer.hasGeometry()) {
            new RTreeIndexExtension(gp).create(gp.getFeatureDao(layer.id()).getTable());
            if (!extent.isNull()) {
                gp.execSQL(String.format(
                        java.util.Locale.ROOT,
                        "UPDATE gpkg_contents SET min_x = %s, min_y = %s, max_x = %s, max_y = %s WHERE table_name = '%s'",
                        extent.getMinX(),
                        extent.getMinY(),
                        extent.getMaxX(),
                        extent.getMaxY(),
                        layer.id()));
            }
        }
        return count;
    }

    private static void createTable(GeoPackage gp, Layer layer) {
        if (layer.hasGeometry()) {
            List<FeatureColumn> columns = layer.properties().stream()
                    .map(p -> FeatureColumn.createColumn(p.name(), dataType(p)))
                    .toList();
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName(layer.id());
            gc.setColumnName("geom");
            gc.setGeometryType(GeometryType.findName(layer.geometryType().toUpperCase(java.util.Locale.ROOT)));
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            gc.setSrsId(4326);
            gp.createFeatureTable(FeatureTableMetadata.create(
                    gc, "fid", new ArrayList<>(columns), new BoundingBox(-180, -90, 180, 90)));
        } else {
            List<AttributesColumn> columns = layer.properties().stream()
                    .map(p -> AttributesColumn.createColumn(p.name(), dataType(p)))
                    .toList();
            // an empty gpkg_geometry_columns too: GDAL lists no table, attributes included, of a file without one
            gp.createGeometryColumnsTable();
            gp.createAttributesTable(AttributesTableMetadata.create(layer.id(), "fid", new ArrayList<>(columns)));
        }
    }

    private static GeoPackageDataType dataType(PropertySpec p) {
        return switch (p.type()) {
            case STRING, STRING_LIST, JSON -> GeoPackageDataType.TEXT;
            case INTEGER -> GeoPackageDataType.INTEGER;
            case NUMBER -> GeoPackageDataType.DOUBLE;
            case BOOLEAN -> GeoPackageDataType.BOOLEAN;
            case DATE -> GeoPackageDataType.DATE;
        };
    }

    /** SQLite holds dates as ISO text and booleans as 0/1, as the GeoPackage standard says. */
    static Object sqliteValue(Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value;
    }
}
