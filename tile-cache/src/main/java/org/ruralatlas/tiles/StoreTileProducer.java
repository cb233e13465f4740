package org.ruralatlas.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.UserDataKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
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
import org.ruralatlas.data.feature.VietnamCalendar;
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
        TimeInterval time = layer.temporal() == null ? null : TimeInterval.at(VietnamCalendar.today());
        FeatureQuery q = new FeatureQuery(layer, Bbox.clamped(box), time, Map.of(), 0, FeatureQuery.UNLIMITED);
        TileLayer out = new TileLayer(layer, t);
        CellCounts counts = rules.aggregates(layer)
                ? new CellCounts(t, layer.tiles().aggregate().by())
                : null;
        double minDegrees = rules.minDegrees();
        boolean thin = rules.thins(layer);
        double cell = rules.cell();
        Set<Long> cells = new HashSet<>();
        try (FeatureCursor cursor = store.query(q)) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                Geometry g = f.geometry();
                if (g == null || g.isEmpty()) {
                    continue;
                }
                Envelope e = g.getEnvelopeInternal();
                if (counts != null) {
                    counts.add(f, e);
                    continue;
                }
                if (tooSmall(e, minDegrees)) {
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
                out.add(m, f.properties(), null);
            }
        }
        if (counts != null) {
            for (CellCounts.Cell c : counts.cells()) {
                aggregate(out, c, layer, minDegrees);
            }
        }
        return out.build();
    }

    /** A cell's feature: its one feature (a point if that is too small to draw), or a point with the count. */
    private void aggregate(TileLayer out, CellCounts.Cell c, Layer layer, double minDegrees) {
        if (c.only != null) {
            Geometry g = c.only.geometry();
            Envelope e = g.getEnvelopeInternal();
            Geometry shown = tooSmall(e, minDegrees)
                    ? factory.createPoint(
                            new Coordinate((e.getMinX() + e.getMaxX()) / 2, (e.getMinY() + e.getMaxY()) / 2))
                    : g;
            out.add(WebMercator.project(shown), c.only.properties(), null);
        } else {
            double[] centre = TileCells.centre(c.column, c.row, out.tile.z());
            Map<String, Object> values = new HashMap<>();
            String top = c.topValue();
            if (top != null) {
                values.put(layer.tiles().aggregate().by(), top);
            }
            out.add(factory.createPoint(new Coordinate(centre[0], centre[1])), values, c.count);
        }
    }

    /** A line or polygon under {@link Generalisation#MIN_UNITS} on both sides (a point is never too small). */
    private static boolean tooSmall(Envelope e, double minDegrees) {
        return e.getWidth() < minDegrees && e.getHeight() < minDegrees && (e.getWidth() > 0 || e.getHeight() > 0);
    }

    /** One MVT layer being built: features clipped and quantised to the tile, with the tile's attributes. */
    private final class TileLayer {
        final TileCoord tile;
        private final List<PropertySpec> attributes;
        private final Envelope tileEnv;
        private final Envelope clipEnv;
        private final MvtLayerProps props = new MvtLayerProps();
        private final VectorTile.Tile.Layer.Builder builder;
        private final UserDataKeyValueMapConverter converter = new UserDataKeyValueMapConverter();

        TileLayer(Layer layer, TileCoord tile) {
            this.tile = tile;
            this.attributes = Generalisation.attributes(layer);
            this.tileEnv = WebMercator.envelope(tile);
            this.clipEnv = WebMercator.buffered(tile, WebMercator.BUFFER);
            this.builder = MvtUtil.newLayerBuilder(layer.id(), PARAMS);
        }

        /** Adds a Web-Mercator geometry with the attributes among {@code properties}, and a count when not null. */
        void add(Geometry mercator, Map<String, Object> properties, Integer count) {
            Geometry clipped = JtsAdapter.createTileGeom(mercator, tileEnv, clipEnv, factory, PARAMS, geometry -> true);
            if (clipped == null || clipped.isEmpty()) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (PropertySpec p : attributes) {
                Object v = properties.get(p.name());
                if (v != null) {
                    values.put(p.name(), v);
                }
            }
            if (count != null) {
                values.put(Layer.Aggregate.COUNT, count);
            }
            clipped.setUserData(values);
            JtsAdapter.addFeatures(builder, clipped, props, converter);
        }

        VectorTile.Tile.Layer build() {
            if (builder.getFeaturesCount() == 0) {
                return null;
            }
            MvtUtil.writeProps(builder, props);
            return builder.build();
        }
    }
}
