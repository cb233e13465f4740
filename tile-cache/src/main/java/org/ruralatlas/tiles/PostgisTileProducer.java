package org.ruralatlas.tiles;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.postgis.ReadRoute;

/**
 * One SQL statement per tile, all layers in it: {@code ST_AsMVT} over {@code ST_AsMVTGeom} of
 * the Web-Mercator geometries that meet the tile's buffered envelope (the GIST index finds
 * them), with {@link Generalisation}'s size filter and point thinning. The database clips,
 * quantises and encodes; Java only passes the bytes on. The envelope CTE is materialised so
 * that {@code ST_TileEnvelope} runs once per tile, not once per row. Tiles are read through a
 * {@link ReadRoute}: from a healthy streaming standby when there is one, else from the primary.
 */
public final class PostgisTileProducer implements TileProducer {

    private final ReadRoute reads;
    private final int timeoutSeconds;

    /** Tiles from one database through {@code dataSource}, a pool this producer closes. */
    public PostgisTileProducer(DataSource dataSource, int timeoutSeconds) {
        this(ReadRoute.primaryOnly(dataSource), timeoutSeconds);
    }

    /** Tiles through {@code reads}, whose pools this producer closes. */
    public PostgisTileProducer(ReadRoute reads, int timeoutSeconds) {
        this.reads = reads;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public byte[] produce(TileSet set, TileCoord t, Generalisation g) {
        List<Layer> layers = set.layersAt(t.z());
        if (layers.isEmpty()) {
            return new byte[0];
        }
        List<Object> params = new ArrayList<>(
                List.of(t.z(), t.x(), t.y(), t.z(), t.x(), t.y(), (double) WebMercator.BUFFER / WebMercator.EXTENT));
        StringBuilder sql = new StringBuilder("WITH e AS MATERIALIZED (SELECT ST_TileEnvelope(?, ?, ?) AS e3857, "
                + "ST_Transform(ST_TileEnvelope(?, ?, ?, margin => ?), 4326) AS e4326) SELECT ");
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            sql.append(i == 0 ? "" : " || ")
                    .append(g.aggregates(layer) ? aggregateSql(layer, t, g, params) : layerSql(layer, g, params));
        }
        try {
            return reads.read(c -> {
                try (c;
                        PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    ps.setQueryTimeout(timeoutSeconds);
                    for (int i = 0; i < params.size(); i++) {
                        ps.setObject(i + 1, params.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        byte[] mvt = rs.getBytes(1);
                        return mvt == null ? new byte[0] : mvt;
                    }
                }
            });
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "tile " + set.id() + " " + t.z() + "/" + t.x() + "/" + t.y() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        reads.close();
    }

    private static String layerSql(Layer layer, Generalisation g, List<Object> params) {
        String table = quote("ruralatlas") + "." + quote(layer.id());
        List<Object> filterParams = new ArrayList<>();
        String where = String.join(" AND ", filter(layer, g, filterParams));
        String rows;
        if (g.thins(layer)) {
            // the first point by id in each cell of the thinning grid
            double cell = g.cell();
            rows = "SELECT DISTINCT ON (s.cx, s.cy) " + columns(layer, "s.")
                    + ", ST_AsMVTGeom(s.m, e.e3857, 4096, 64, true) AS geom"
                    + " FROM (SELECT " + columns(layer, "g.")
                    + ", t.m, floor(ST_X(t.m) / ?) AS cx, floor(ST_Y(t.m) / ?) AS cy FROM "
                    + table + " g CROSS JOIN LATERAL (SELECT ST_Transform(g.\"geom\", 3857) AS m) t, e WHERE " + where
                    + ") s, e ORDER BY s.cx, s.cy, s." + quote(layer.idProperty());
            params.add(cell);
            params.add(cell);
            params.addAll(filterParams);
        } else {
            rows = "SELECT " + columns(layer, "g.")
                    + ", ST_AsMVTGeom(ST_Transform(g.\"geom\", 3857), e.e3857, 4096, 64, true)" + " AS geom FROM "
                    + table + " g, e WHERE " + where;
            params.addAll(filterParams);
        }
        // ST_AsMVT skips rows whose geometry ST_AsMVTGeom clipped away (NULL); filtering them here
        // would make PostgreSQL compute every ST_AsMVTGeom twice
        return "(SELECT coalesce(ST_AsMVT(q, '" + layer.id() + "', 4096, 'geom'), ''::bytea) FROM (" + rows + ") q)";
    }

    /**
     * A tile of cells ({@link TileCells}): the layer's {@code _cells} table (kept by trigger,
     * migration V13) gives each cell of the tile its count and most common value in one range of
     * its primary key; a cell of one feature then reads that feature by its id where the cell names
     * it (V22's {@code one_id}, a hint, so the feature must still be in the cell), else finds it
     * through the GIST index in the cell's box. Rows in cell order, as {@link StoreTileProducer}
     * writes them.
     */
    private static String aggregateSql(Layer layer, TileCoord t, Generalisation g, List<Object> params) {
        String by = layer.tiles().aggregate().by();
        String attributes = Generalisation.attributes(layer).stream()
                .map(p -> p.name().equals(by)
                        ? "CASE WHEN c.n = 1 THEN f." + quote(by) + " ELSE nullif(c.top, '') END AS " + quote(by)
                        : "f." + quote(p.name()))
                .collect(Collectors.joining(", "));
        double across = (double) (1L << t.z()) * TileCells.PER_TILE;
        String table = quote("ruralatlas") + "." + quote(layer.id());
        String inCell = inCell("c", "?");
        String world = "(pi() * 6378137.0)";
        String rows = "SELECT " + attributes + ", CASE WHEN c.n > 1 THEN c.n END AS " + quote(Layer.Aggregate.COUNT)
                + ", ST_AsMVTGeom(CASE WHEN c.n > 1 THEN ST_SetSRID(ST_Point(-" + world + " + (c.cx + 0.5) * (2 * "
                + world + " / ?), " + world + " - (c.cy + 0.5) * (2 * " + world + " / ?)), 3857)"
                + " WHEN ST_XMax(f.geom) - ST_XMin(f.geom) < ? AND ST_YMax(f.geom) - ST_YMin(f.geom) < ?"
                + " AND (ST_XMax(f.geom) > ST_XMin(f.geom) OR ST_YMax(f.geom) > ST_YMin(f.geom))"
                + " THEN ST_Transform(ST_SetSRID(ST_Point((ST_XMin(f.geom) + ST_XMax(f.geom)) / 2,"
                + " (ST_YMin(f.geom) + ST_YMax(f.geom)) / 2), 4326), 3857)"
                + " ELSE ST_Transform(f.geom, 3857) END, e.e3857, 4096, 64, true) AS geom"
                + " FROM (SELECT cx, cy, sum(n)::integer AS n,"
                + " (array_agg(value ORDER BY n DESC, value) FILTER (WHERE n > 0))[1] AS top,"
                + " (array_agg(one_id) FILTER (WHERE n = 1))[1] AS one_id FROM "
                + quote("ruralatlas") + "." + quote(layer.id() + "_cells")
                + " WHERE z = ? AND tx = ? AND ty = ? GROUP BY cx, cy HAVING sum(n) > 0) c"
                + " LEFT JOIN LATERAL ((SELECT * FROM " + table + " g WHERE c.n = 1 AND c.one_id IS NOT NULL"
                + " AND g." + quote(layer.idProperty()) + " = c.one_id" + inCell
                + ") UNION ALL (SELECT * FROM " + table + " g WHERE c.n = 1 AND " + inCellBox("c", "?", "?")
                + ") LIMIT 1) f ON true, e"
                + " ORDER BY c.cy, c.cx";
        params.addAll(List.of(across, across, g.minDegrees(), g.minDegrees(), t.z(), t.x(), t.y()));
        params.addAll(List.of(t.z(), t.z(), across, across, across, across, t.z(), t.z()));
        return "(SELECT coalesce(ST_AsMVT(q, '" + layer.id() + "', 4096, 'geom'), ''::bytea) FROM (" + rows + ") q)";
    }

    /** A feature {@code g} in the cell {@code cell} ({@code cx}, {@code cy}) of the zoom {@code zoom}, given twice. */
    private static String inCell(String cell, String zoom) {
        return " AND ruralatlas.cell_x(g.geom, " + zoom + ") = " + cell + ".cx AND ruralatlas.cell_y(g.geom, " + zoom
                + ") = " + cell + ".cy";
    }

    /**
     * A feature {@code g} in the cell {@code cell}, found through the GIST index in the cell's box: {@code across},
     * the number of cells across the world at the cell's zoom ({@code 2^z * 64}, a double), appears four times,
     * then {@code zoom} twice (each may be a parameter, {@code ?}).
     */
    static String inCellBox(String cell, String across, String zoom) {
        String lat = "degrees(atan(sinh(pi() * (1 - 2 * (%s) / " + across + "))))";
        return "g.geom && ST_MakeEnvelope(" + cell + ".cx / " + across + " * 360 - 180 - 1e-7, "
                + lat.formatted(cell + ".cy + 1") + " - 1e-7, (" + cell + ".cx + 1) / " + across
                + " * 360 - 180 + 1e-7, " + lat.formatted(cell + ".cy") + " + 1e-7, 4326)" + inCell(cell, zoom);
    }

    /** The tile envelope, the size filter and, for dated units, validity today. */
    private static List<String> filter(Layer layer, Generalisation g, List<Object> params) {
        List<String> where = new ArrayList<>(List.of("g.\"geom\" && e.e4326"));
        if (!"Point".equals(layer.geometryType())) {
            // from the box alone (no decoding): big enough, or a point (a box of no size) in a mixed layer
            where.add(
                    "(ST_XMax(g.\"geom\") - ST_XMin(g.\"geom\") >= ? OR ST_YMax(g.\"geom\") - ST_YMin(g.\"geom\") >= ? "
                            + "OR ST_XMax(g.\"geom\") = ST_XMin(g.\"geom\") AND ST_YMax(g.\"geom\") = ST_YMin(g.\"geom\"))");
            params.add(g.minDegrees());
            params.add(g.minDegrees());
        }
        if (layer.temporal() != null) {
            TimeInterval today = TimeInterval.at(VietnamCalendar.today());
            where.addAll(FeatureRows.commonClauses(
                    new FeatureQuery(layer, null, today, Map.of(), 0, FeatureQuery.UNLIMITED), null, params, v -> v));
        }
        return where;
    }

    private static String columns(Layer layer, String alias) {
        return Generalisation.attributes(layer).stream()
                .map(p -> alias + quote(p.name()))
                .collect(Collectors.joining(", "));
    }
}
