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
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.server.error.ApiException;

/**
 * The query parameters of {@code /collections/{id}/items}, validated into a {@link FeatureQuery}.
 * Anything the server does not understand is refused with the parameter's name, never ignored.
 */
public record ItemsRequest(FeatureQuery query, int limit, long offset) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
    private static final Set<String> GENERAL = Set.of("limit", "offset", "bbox", "datetime", "f", "lang");

    public static ItemsRequest parse(Layer layer, Map<String, String[]> params) {
        Map<String, Object> equal = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            if (e.getValue().length > 1) {
                throw ApiException.badParameter(name, name + " is given more than once");
            }
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
        Bbox bbox = null;
        String box = single(params, "bbox");
        if (box != null) {
            try {
                bbox = Bbox.parse(box);
            } catch (IllegalArgumentException ex) {
                throw ApiException.badParameter("bbox", ex.getMessage());
            }
        }
        TimeInterval time = time(layer, single(params, "datetime"));
        return new ItemsRequest(new FeatureQuery(layer, bbox, time, equal, offset, limit), limit, offset);
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
        String text = single(params, name);
        if (text == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, name + " must be a whole number, not '" + text + "'");
        }
        if (v < min) {
            throw ApiException.badParameter(name, name + " must be at least " + min);
        }
        return v;
    }
}
