package org.ruralatlas.data.store.geopackage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Function;
import mil.nga.geopackage.extension.rtree.GeometryFunction;
import mil.nga.geopackage.geom.GeoPackageGeometryData;

/**
 * The SQL functions a GeoPackage's R-tree triggers call ({@code ST_IsEmpty}, {@code ST_MinX}…),
 * which plain SQLite lacks: without them any UPDATE of a feature table fails to compile its
 * triggers, even one that leaves the geometry alone. Register them on every connection that writes.
 */
public final class GeoPackageSqlFunctions {

    private static final Map<String, Function<GeoPackageGeometryData, Object>> FUNCTIONS = Map.of(
            "ST_IsEmpty", g -> g.isEmpty() || g.getGeometry() == null ? 1 : 0,
            "ST_MinX", g -> g.getOrBuildEnvelope().getMinX(),
            "ST_MaxX", g -> g.getOrBuildEnvelope().getMaxX(),
            "ST_MinY", g -> g.getOrBuildEnvelope().getMinY(),
            "ST_MaxY", g -> g.getOrBuildEnvelope().getMaxY());

    private GeoPackageSqlFunctions() {}

    public static void register(Connection c) throws SQLException {
        for (Map.Entry<String, Function<GeoPackageGeometryData, Object>> f : FUNCTIONS.entrySet()) {
            org.sqlite.Function.create(c, f.getKey(), new GeometryFunction(f.getKey()) {
                @Override
                public Object execute(GeoPackageGeometryData data) {
                    return f.getValue().apply(data);
                }
            });
        }
    }
}
