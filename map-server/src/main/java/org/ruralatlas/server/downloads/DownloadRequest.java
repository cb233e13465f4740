package org.ruralatlas.server.downloads;

import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.features.ItemsRequest;
import org.ruralatlas.server.tiles.TileAreas;

/**
 * The parameters of {@code /downloads/{layer}.{format}}: the items API's filters (bbox, bbox-crs,
 * datetime, property equality, CQL2 filter, sortby, properties, skipGeometry; parsed by {@link
 * ItemsRequest}, so both refuse the same input the same way), plus {@code province} (a current
 * province by name or code: features meeting its boundary) and {@code bom} (CSV for Excel). A
 * download is always the whole match, in CRS84. Record tables (no geometry) take the equality
 * filters on their queryable columns, filter, sortby and properties.
 *
 * @param query what the store reads (with the geometry while the province still has to test it)
 * @param skipGeometry the file leaves the geometry out
 * @param whole true when nothing narrows, orders or shapes the layer: the download the export cache keeps
 */
public record DownloadRequest(
        Layer layer,
        DownloadFormat format,
        FeatureQuery query,
        PreparedGeometry province,
        boolean skipGeometry,
        boolean bom,
        boolean whole) {

    public static DownloadRequest parse(
            Layer layer, DownloadFormat format, Map<String, String[]> params, TileAreas areas, CrsOffer offer) {
        Map<String, String[]> items = new LinkedHashMap<>(params);
        if (!layer.hasGeometry()) {
            ItemsRequest.refuseSpatial(layer, params);
        }
        boolean bom = bom(single(items.remove("bom"), "bom"), format);
        String provinceText = single(items.remove("province"), "province");
        PreparedGeometry province = null;
        FeatureQuery query = ItemsRequest.parse(layer, items, offer).query().page(0, FeatureQuery.UNLIMITED);
        if (provinceText != null) {
            if (query.bbox() != null) {
                throw ApiException.badParameter("province", "give either province or bbox, not both");
            }
            if (provinceText.isBlank()) {
                throw ApiException.badParameter(
                        "province", "province takes a current province's name or code, e.g. Bắc Ninh or 24");
            }
            Geometry shape = areas.province(provinceText);
            province = PreparedGeometryFactory.prepare(shape);
            org.locationtech.jts.geom.Envelope e = shape.getEnvelopeInternal();
            query = query.withBbox(Bbox.of(e));
        }
        boolean skipGeometry = !query.selection().geometry() && layer.hasGeometry();
        if (skipGeometry && format == DownloadFormat.FGB) {
            throw ApiException.badParameter(
                    "skipGeometry",
                    "FlatGeobuf holds features with geometry; without it, choose " + layer.id()
                            + ".geojson, .csv or .gpkg");
        }
        if (skipGeometry && province != null) {
            // the province is tested on each feature's geometry, which the file then leaves out
            query = query.selecting(new PropertySelection(query.selection().properties(), true));
        }
        boolean whole = query.bbox() == null
                && query.equalTo().isEmpty()
                && !params.containsKey("datetime")
                && query.filter() == null
                && query.sortBy().isEmpty()
                && query.selection().all()
                && !skipGeometry;
        return new DownloadRequest(layer, format, query, province, skipGeometry, bom, whole);
    }

    /** A table without geometry or validity dates takes no spatial or temporal parameter: a 400 naming the first one given. */
    /** {@code bom}: CSV only, true or false (default false). */
    private static boolean bom(String text, DownloadFormat format) {
        if (text == null) {
            return false;
        }
        if (format != DownloadFormat.CSV) {
            throw ApiException.badParameter("bom", "bom applies to CSV downloads only");
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw ApiException.badParameter("bom", "bom takes true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** The layer as the file lays it out: the selected properties, and the geometry unless skipped. */
    public Layer outputLayer() {
        return new PropertySelection(query.selection().properties(), !skipGeometry).applyTo(layer);
    }

    private static String single(String[] values, String name) {
        return values == null ? null : values[0];
    }
}
