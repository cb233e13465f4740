package org.ruralatlas.server.tiles;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.text.VietnameseText;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.stereotype.Component;

/**
 * Turns the parameters of seeding, truncating and offline packages into a {@link TileArea}: a
 * province by name (any spelling of its diacritics: "Bac Ninh", "Bắc Ninh") or code, or a bbox;
 * and a zoom range {@code from-to}.
 */
@Component
public class TileAreas {

    private final FeatureStore store;
    private final Layer provinces;

    public TileAreas(FeatureStore store, LayerCatalog catalog) {
        this.store = store;
        this.provinces = catalog.require("provinces");
    }

    /** @param params province or bbox, and zooms ("6-12") */
    public TileArea parse(Map<String, String> params, int defaultMin, int defaultMax) {
        int[] zooms = zooms(params.get("zooms"), defaultMin, defaultMax);
        String province = params.get("province");
        String bbox = params.get("bbox");
        if ((province == null) == (bbox == null)) {
            throw ApiException.badParameter(
                    province == null ? "province" : "bbox", "give either province (a name or code) or bbox");
        }
        if (bbox != null) {
            try {
                Bbox b = Bbox.parse(bbox);
                if (b.crossesAntimeridian()) {
                    throw new IllegalArgumentException("a tile area may not cross the antimeridian");
                }
                return new TileArea(b.envelopes().get(0), null, zooms[0], zooms[1]);
            } catch (IllegalArgumentException e) {
                throw ApiException.badParameter("bbox", e.getMessage());
            }
        }
        Geometry shape = province(province);
        return new TileArea(shape.getEnvelopeInternal(), shape, zooms[0], zooms[1]);
    }

    /** The current province's boundary by code or by name, diacritics and case aside. */
    public Geometry province(String nameOrCode) {
        String wanted = VietnameseText.fold(nameOrCode.trim());
        try (FeatureCursor c = store.query(FeatureQuery.all(provinces)
                .withTime(org.ruralatlas.data.feature.TimeInterval.at(VietnamCalendar.today())))) {
            while (c.hasNext()) {
                Feature f = c.next();
                Object name = f.properties().get("name");
                Object code = f.properties().get("code");
                if (nameOrCode.trim().equals(code)
                        || name != null && VietnameseText.fold(name.toString()).equals(wanted)
                        || name != null && VietnameseText.fold(name.toString()).equals("tinh " + wanted)
                        || name != null && VietnameseText.fold(name.toString()).equals("thanh pho " + wanted)) {
                    return f.geometry();
                }
            }
        }
        throw ApiException.notFound("no province " + nameOrCode + "; see /collections/provinces/items");
    }

    private static int[] zooms(String text, int defaultMin, int defaultMax) {
        if (text == null) {
            return new int[] {defaultMin, defaultMax};
        }
        String[] parts = text.split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length > 2 || from < 0 || to > TileCoord.MAX_ZOOM || from > to) {
                throw new NumberFormatException();
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(
                    "zooms", "zooms is a range from-to within 0-" + TileCoord.MAX_ZOOM + ", e.g. 6-14");
        }
    }
}
