package org.ruralatlas.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.UserDataKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureStore;

/**
 * Builds tiles in Java from any {@link FeatureStore} (the embedded GeoPackage): features of the
 * buffered tile box, read in id order, go through {@link Generalisation}, are projected to Web
 * Mercator and clipped and quantised to the 4096 grid by mapbox-vector-tile's JTS adapter. The
 * result has the same features and attributes as {@link PostgisTileProducer}'s.
 */
public final class StoreTileProducer implements TileProducer {

    private static final MvtLayerParams PARAMS = new MvtLayerParams(WebMercator.EXTENT);

    private final FeatureStore store;
    private final GeometryFactory factory = new GeometryFactory();

    public StoreTileProducer(FeatureStore store) {
        this.store = store;
    }

    @Override
    public byte[] produce(TileSet set, TileCoord t, Generalisation g) {
        VectorTile.Tile.Builder tile = VectorTile.Tile.newBuilder();
        for (Layer layer : set.layersAt(t.z())) {
            VectorTile.Tile.Layer built = layer(layer, t, g);
            if (built != null) {
                tile.addLayers(built);
            }
        }
        return tile.getLayersCount() == 0 ? new byte[0] : tile.build().toByteArray();
    }

    private VectorTile.Tile.Layer layer(Layer layer, TileCoord t, Generalisation rules) {
        Envelope box = WebMercator.lonLatQueryBox(t);
        TimeInterval time = layer.temporal() == null ? null : TimeInterval.at(LocalDate.now(ZoneOffset.UTC));
        FeatureQuery q = new FeatureQuery(layer, Bbox.clamped(box), time, Map.of(), 0, FeatureQuery.UNLIMITED);
        Envelope tileEnv = WebMercator.envelope(t);
        Envelope clipEnv = WebMercator.buffered(t, WebMercator.BUFFER);
        double minDegrees = rules.minDegrees();
        boolean thin = rules.thins(layer);
        double cell = rules.cell();
        Set<Long> cells = new HashSet<>();
        List<PropertySpec> attributes = Generalisation.attributes(layer);
        MvtLayerProps props = new MvtLayerProps();
        VectorTile.Tile.Layer.Builder builder = MvtUtil.newLayerBuilder(layer.id(), PARAMS);
        UserDataKeyValueMapConverter converter = new UserDataKeyValueMapConverter();
        try (FeatureCursor cursor = store.query(q)) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                Geometry g = f.geometry();
                if (g == null || g.isEmpty()) {
                    continue;
                }
                Envelope e = g.getEnvelopeInternal();
                if (e.getWidth() < minDegrees
                        && e.getHeight() < minDegrees
                        && (e.getWidth() > 0 || e.getHeight() > 0)) {
                    continue;
                }
                Geometry m = WebMercator.project(g);
                if (thin) {
                    Point p = m.getCentroid();
                    long key = ((long) Math.floor(p.getX() / cell) << 32)
                            ^ ((long) Math.floor(p.getY() / cell) & 0xffffffffL);
                    if (!cells.add(key)) {
                        continue;
                    }
                }
                Geometry clipped = JtsAdapter.createTileGeom(m, tileEnv, clipEnv, factory, PARAMS, geometry -> true);
                if (clipped == null || clipped.isEmpty()) {
                    continue;
                }
                Map<String, Object> values = new LinkedHashMap<>();
                for (PropertySpec p : attributes) {
                    Object v = f.properties().get(p.name());
                    if (v != null) {
                        values.put(p.name(), v);
                    }
                }
                clipped.setUserData(values);
                JtsAdapter.addFeatures(builder, clipped, props, converter);
            }
        }
        if (builder.getFeaturesCount() == 0) {
            return null;
        }
        MvtUtil.writeProps(builder, props);
        return builder.build();
    }
}
