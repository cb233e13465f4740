package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.locationtech.jts.io.WKBWriter;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.LayerInput;
import org.ruralatlas.data.store.PropertyValues;

/**
 * Upserts features into the PostGIS tables, all layers in one transaction: a load either lands
 * whole or not at all, and loading the same data twice leaves the same rows (keyed on the id).
 */
public final class PostgisWriter {

    private static final int BATCH = 500;

    private final DataSource dataSource;

    public PostgisWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes every layer's features; returns how many rows each layer received. */
    public Map<String, Long> upsert(Map<Layer, Supplier<? extends Iterator<Feature>>> layers) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<Layer, Supplier<? extends Iterator<Feature>>> e : layers.entrySet()) {
                    counts.put(e.getKey().id(), LayerInput.drain(e.getValue(), it -> upsert(c, e.getKey(), it)));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("loading into PostGIS failed, nothing was written: "
                    + PostgisSchema.reason(e), e);
        }
        return counts;
    }

    private static long upsert(Connection c, Layer layer, Iterator<Feature> features) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (PropertySpec p : layer.properties()) {
            columns.add(quote(p.name()));
            values.add(p.type().isJson() ? "?::jsonb" : "?");
        }
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
            values.add(layer.geometryType().startsWith("Multi")
                    ? "ST_Multi(ST_GeomFromWKB(?, 4326))" : "ST_GeomFromWKB(?, 4326)");
        }
        List<String> updates = columns.stream().filter(col -> !col.equals(quote(layer.idProperty())))
                .map(col -> col + " = EXCLUDED." + col).toList();
        String sql = "INSERT INTO " + ItemsSql.table(layer) + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", values) + ") ON CONFLICT (" + quote(layer.idProperty()) + ") DO UPDATE SET "
                + String.join(", ", updates);
        WKBWriter wkb = new WKBWriter();
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            while (features.hasNext()) {
                Feature f = features.next();
                int i = 1;
                for (PropertySpec p : layer.properties()) {
                    ps.setObject(i++, PropertyValues.toColumn(p, f.properties().get(p.name())));
                }
                if (layer.hasGeometry()) {
                    if (f.geometry() == null) {
                        throw new FeatureStoreException(layer.id() + " feature " + f.id() + " has no geometry");
                    }
                    ps.setBytes(i, wkb.write(f.geometry()));
                }
                ps.addBatch();
                if (++count % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        return count;
    }
}
