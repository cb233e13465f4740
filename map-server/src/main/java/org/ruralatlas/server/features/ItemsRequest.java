package org.ruralatlas.server.features;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsTransform;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Parameters;

/**
 * The query parameters of {@code /collections/{id}/items}, validated into a {@link FeatureQuery}.
 * Which names are taken at all is checked before, by {@link org.ruralatlas.server.ogcapi.QueryParameterCheck}.
 */
public record ItemsRequest(FeatureQuery query, int limit, long offset, Crs crs) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    private static final Set<String> GENERAL = Set.of("limit", "offset", "bbox", "datetime", "f", "lang", "crs",
            "bbox-crs");

    public static ItemsRequest parse(Layer layer, Map<String, String[]> params) {
        Map<String, Object> equal = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            if (GENERAL.contains(name)) {
                continue;
            }
            PropertySpec p = layer.property(name).filter(PropertySpec::queryable).orElseThrow(() ->
                    ApiException.badParameter(name, "unknown parameter " + name + "; " + layer.id() + " can be filtered on "
                            + layer.queryables().stream().map(PropertySpec::name).toList()));
            try {
                equal.put(name, PropertyValues.parse(p, e.getValue()[0]));
            } catch (IllegalArgumentException ex) {
                throw ApiException.badParameter(name, ex.getMessage());
            }
        }
        // larger limits count as the maximum, as OGC API – Features recommends; below 1 is an error
        int limit = (int) Math.min(MAX_LIMIT, number(params, "limit", DEFAULT_LIMIT, 1));
        long offset = number(params, "offset", 0, 0);
        Crs bboxCrs = crs(params, "bbox-crs");
        if (bboxCrs != null && single(params, "bbox") == null) {
            throw ApiException.badParameter("bbox-crs", "bbox-crs names the CRS of bbox, which is missing");
        }
        Bbox bbox = bbox(single(params, "bbox"), bboxCrs == null ? Crs.CRS84 : bboxCrs);
        TimeInterval time = time(layer, single(params, "datetime"));
        Crs crs = crs(params, "crs");
        return new ItemsRequest(new FeatureQuery(layer, bbox, time, equal, offset, limit), limit, offset,
                crs == null ? Crs.CRS84 : crs);
    }

    /** The {@code crs} or {@code bbox-crs} parameter: a CRS the server offers, or null when absent. */
    static Crs crs(Map<String, String[]> params, String name) {
        String text = single(params, name);
        if (text == null) {
            return null;
        }
        return Crs.byName(text).orElseThrow(() -> ApiException.badParameter(name,
                name + " '" + text + "' is not offered; use one of " + Crs.uris()));
    }

    private static Bbox bbox(String text, Crs crs) {
        if (text == null) {
            return null;
        }
        try {
            if (crs == Crs.CRS84) {
                return Bbox.parse(text);
            }
            double[] v = Bbox.corners(text);
            if (v[0] > v[2] || v[1] > v[3]) {
                throw new IllegalArgumentException("bbox minimum must not exceed the maximum in " + crs.uri());
            }
            return Bbox.clamped(CrsTransform.toCrs84(crs).box(v[0], v[1], v[2], v[3]));
        } catch (IllegalArgumentException ex) {
            throw ApiException.badParameter("bbox", ex.getMessage());
        } catch (RuntimeException ex) {
            // proj4j refuses coordinates outside its projection's domain
            throw ApiException.badParameter("bbox", "bbox cannot be transformed from " + crs.uri() + ": " + ex.getMessage());
        }
    }

    /** The validity filter: the given datetime, or today for layers of dated units (current units by default). */
    private static TimeInterval time(Layer layer, String datetime) {
        TimeInterval time = null;
        if (datetime != null) {
            try {
                time = TimeInterval.parse(datetime);
            } catch (IllegalArgumentException ex) {
                throw ApiException.badParameter("datetime", ex.getMessage());
            }
        }
        if (layer.temporal() == null) {
            return null;
        }
        return time != null ? time : TimeInterval.at(LocalDate.now(ZoneOffset.UTC));
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null ? null : v[0];
    }

    private static long number(Map<String, String[]> params, String name, long fallback, long min) {
        return Parameters.wholeNumber(name, single(params, name), fallback, min, Long.MAX_VALUE);
    }
}
