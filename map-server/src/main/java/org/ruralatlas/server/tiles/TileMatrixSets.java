package org.ruralatlas.server.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.WebMercator;

/** The WebMercatorQuad tile matrix set in the JSON encoding of OGC 17-083r4 (2DTMS 2.0), zooms 0–20. */
final class TileMatrixSets {

    static final String ID = "WebMercatorQuad";
    static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";

    private TileMatrixSets() {}

    static Map<String, Object> webMercatorQuad() {
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", ID);
        tms.put("title", "Google Maps Compatible for the World");
        tms.put("uri", URI);
        tms.put("crs", CRS);
        tms.put("orderedAxes", List.of("X", "Y"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            long n = 1L << z;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Integer.toString(z));
            m.put("scaleDenominator", 559082264.0287178 / n);
            m.put("cellSize", 2 * WebMercator.HALF_WORLD / 256 / n);
            m.put("cornerOfOrigin", "topLeft");
            m.put("pointOfOrigin", List.of(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD));
            m.put("tileWidth", 256);
            m.put("tileHeight", 256);
            m.put("matrixWidth", n);
            m.put("matrixHeight", n);
            matrices.add(m);
        }
        tms.put("tileMatrices", matrices);
        return tms;
    }
}
