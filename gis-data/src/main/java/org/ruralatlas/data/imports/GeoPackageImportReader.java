package org.ruralatlas.data.imports;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.ImportCrs;
import org.ruralatlas.data.io.GeoJsonGeometries;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.geopackage.GeoPackageGeometry;
import org.sqlite.SQLiteConfig;

/**
 * The features of a GeoPackage (OGC 12-128r18), read row by row from SQLite, read-only: its one
 * feature table (or the one named {@code table}), its geometry column as {@code
 * gpkg_geometry_columns} names it, and its CRS from {@code gpkg_spatial_ref_sys} (the EPSG code
 * where the organisation is EPSG, else the WKT definition).
 */
final class GeoPackageImportReader implements ImportReader {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final String geometryColumn;
    private final List<String> columns = new ArrayList<>();
    private final Crs declared;
    private final WKBReader wkb = new WKBReader(GeoJsonGeometries.FACTORY);
    private long number;
    private Boolean ahead;

    GeoPackageImportReader(Path file, String table) {
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
            this.connection =
                    DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new MalformedImportException("not a GeoPackage: " + e.getMessage(), e);
        }
        try {
            String[] source = source(table);
            this.geometryColumn = source[1];
            this.declared = crs(Integer.parseInt(source[2]));
            this.statement = connection.prepareStatement("SELECT * FROM " + FeatureRows.quote(source[0]));
            this.rows = statement.executeQuery();
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
        } catch (SQLException e) {
            close();
            throw new MalformedImportException("not a readable GeoPackage: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The table, its geometry column and its srs_id. */
    private String[] source(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g"
                        + " ON g.table_name = c.table_name WHERE c.data_type = 'features'"
                        + " AND (? IS NULL OR c.table_name = ?) ORDER BY c.table_name")) {
            ps.setString(1, table);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                List<String[]> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
                if (found.size() == 1) {
                    return found.get(0);
                }
                throw new MalformedImportException(
                        found.isEmpty()
                                ? "the GeoPackage has no feature table" + (table == null ? "" : " " + table)
                                : "the GeoPackage has " + found.size() + " feature tables ("
                                        + String.join(
                                                ", ",
                                                found.stream().map(f -> f[0]).toList())
                                        + "): name one with the table parameter");
            }
        }
    }

    private Crs crs(int srsId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?")) {
            ps.setInt(1, srsId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Optional<Crs> byCode = "EPSG".equalsIgnoreCase(rs.getString(1))
                        ? ImportCrs.byCode(String.valueOf(rs.getInt(2)))
                        : Optional.empty();
                return byCode.or(() -> {
                            try {
                                return ImportCrs.fromWkt(String.valueOf(rs.getString(3)));
                            } catch (SQLException e) {
                                return Optional.empty();
                            }
                        })
                        .orElseThrow(() -> new MalformedImportException("the GeoPackage's CRS (srs_id " + srsId
                                + ") is not one RuralAtlas reprojects from; give the crs parameter if it is one"));
            }
        }
    }

    @Override
    public Optional<Crs> declaredCrs() {
        return Optional.ofNullable(declared);
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            try {
                ahead = rows.next();
            } catch (SQLException e) {
                throw new MalformedImportException("the GeoPackage cannot be read on: " + e.getMessage(), e);
            }
        }
        return ahead;
    }

    @Override
    public ImportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = null;
        long row = ++number;
        Map<String, Object> values = new LinkedHashMap<>();
        Geometry geometry = null;
        String problem = null;
        try {
            for (int i = 0; i < columns.size(); i++) {
                String name = columns.get(i);
                if (name.equals(geometryColumn)) {
                    try {
                        geometry = GeoPackageGeometry.read(rows.getBytes(i + 1), wkb);
                    } catch (RuntimeException e) {
                        problem = "the geometry is not a GeoPackage geometry: " + e.getMessage();
                    }
                } else {
                    values.put(name, rows.getObject(i + 1));
                }
            }
        } catch (SQLException e) {
            throw new MalformedImportException("the GeoPackage cannot be read on: " + e.getMessage(), e);
        }
        return new ImportRow(row, null, values, geometry, problem);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a file we only read
        }
    }
}
