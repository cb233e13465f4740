package org.ruralatlas.server.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.feature.SortKey;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.filter.BadFilterException;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.geo.CrsTransform;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.ItemsParameters;
import org.ruralatlas.server.ogcapi.Limit;
import org.ruralatlas.server.ogcapi.Parameters;

/**
 * The query parameters of {@code /collections/{id}/items}, validated into a {@link FeatureQuery}:
 * bbox, datetime, equality on simple queryables, a CQL2 {@code filter} (OGC API – Features Part 3),
 * {@code sortby}, {@code properties} and {@code skipGeometry}. Which names are taken at all is
 * checked before, by {@link org.ruralatlas.server.ogcapi.QueryParameterCheck}.
 */
public record ItemsRequest(FeatureQuery query, int limit, long offset, Crs crs) {

    /** The parameters that select, order and shape features, on items and on downloads alike. */
    private static final Set<String> GENERAL = Set.copyOf(Stream.concat(
                    Stream.of(
                            "limit",
                            "offset",
                            PageCursors.PARAMETER,
                            "bbox",
                            "datetime",
                            "f",
                            "lang",
                            "crs",
                            "bbox-crs"),
                    ItemsParameters.FILTERING.stream())
            .toList());

    /** 400 for a place or time asked of a table of records' download, which has neither. */
    public static void refuseSpatial(Layer layer, Map<String, String[]> params) {
        refuse(layer, params, "bbox", "bbox-crs", "province", "datetime", "filter-crs");
    }

    /**
     * 400 for a place or time named by a table of records' items beyond what OGC API – Features
     * Part 1 requires of every items path: {@code bbox} and {@code datetime} are taken there (and
     * validated) as on a layer, a bbox selecting no record (none has a geometry) and a datetime
     * every record (none has validity dates), as on farms.
     */
    private static void refuse(Layer layer, Map<String, String[]> params, String... names) {
        for (String spatial : names) {
            if (params.containsKey(spatial)) {
                throw ApiException.badParameter(
                        spatial,
                        layer.id() + " is a table without geometry or validity dates: "
                                + spatial + " does not apply; filter on its columns "
                                + layer.queryables().stream()
                                        .map(org.ruralatlas.data.catalog.PropertySpec::name)
                                        .toList());
            }
        }
    }

    /** The parameters of a filtered download: items' without paging. */
    public static ItemsRequest parse(Layer layer, Map<String, String[]> params, CrsOffer offer) {
        return parse(layer, params, offer, null);
    }

    /** The parameters of a page of items, its {@code cursor} read by {@code cursors}. */
    public static ItemsRequest parse(Layer layer, Map<String, String[]> params, CrsOffer offer, PageCursors cursors) {
        if (!layer.hasGeometry()) {
            refuse(layer, params, "province", "filter-crs");
        }
        Map<String, Object> equal = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            if (GENERAL.contains(name)) {
                continue;
            }
            PropertySpec p = layer.property(name)
                    .filter(ItemsParameters::filtersByEquality)
                    .orElseThrow(() -> ApiException.badParameter(
                            name,
                            "unknown parameter " + name + "; " + layer.id() + " can be filtered on "
                                    + equalityParameters(layer) + " by equality, and on any queryable with filter"));
            try {
                equal.put(name, PropertyValues.parse(p, e.getValue()[0]));
            } catch (IllegalArgumentException ex) {
                throw ApiException.badParameter(name, ex.getMessage());
            }
        }
        // larger limits count as the maximum, as OGC API – Features recommends; below 1 is an error
        int limit = Limit.ITEMS.parse(single(params, Limit.ITEMS.name()));
        long offset = number(params, "offset", 0, 0);
        Crs bboxCrs = crs(params, "bbox-crs", offer);
        if (bboxCrs != null && single(params, "bbox") == null) {
            throw ApiException.badParameter("bbox-crs", "bbox-crs names the CRS of bbox, which is missing");
        }
        Bbox bbox = bbox(single(params, "bbox"), bboxCrs == null ? Crs.CRS84 : bboxCrs);
        TimeInterval time = time(layer, single(params, "datetime"));
        Crs crs = crs(params, "crs", offer);
        List<SortKey> sortBy = sortBy(layer, params);
        String cursor = single(params, PageCursors.PARAMETER);
        FeatureQuery query = new FeatureQuery(
                layer,
                bbox,
                time,
                equal,
                filter(layer, params, offer),
                sortBy,
                selection(layer, params),
                cursor == null || cursors == null ? null : cursors.decode(layer, sortBy, cursor),
                offset,
                limit);
        return new ItemsRequest(query, limit, offset, crs == null ? Crs.CRS84 : crs);
    }

    /** The queryables that are also query parameters of their own (equality): those of a simple type, not lists. */
    public static List<String> equalityParameters(Layer layer) {
        return ItemsParameters.equality(layer);
    }

    /** {@code filter} in {@code filter-lang} with geometries in {@code filter-crs}; null when there is none. */
    private static Filter filter(Layer layer, Map<String, String[]> params, CrsOffer offer) {
        String text = single(params, "filter");
        if (text == null) {
            for (String companion : new String[] {"filter-lang", "filter-crs"}) {
                if (single(params, companion) != null) {
                    throw ApiException.badParameter(companion, companion + " describes filter, which is missing");
                }
            }
            return null;
        }
        try {
            return Filter.parse(layer, text, single(params, "filter-lang"), single(params, "filter-crs"), offer);
        } catch (BadFilterException e) {
            throw ApiException.badFilter(e);
        }
    }

    private static List<SortKey> sortBy(Layer layer, Map<String, String[]> params) {
        String text = single(params, "sortby");
        if (text == null) {
            return List.of();
        }
        try {
            return SortKey.parse(layer, text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("sortby", e.getMessage());
        }
    }

    private static PropertySelection selection(Layer layer, Map<String, String[]> params) {
        String skip = single(params, "skipGeometry");
        if (skip != null && !skip.equals("true") && !skip.equals("false")) {
            throw ApiException.badParameter("skipGeometry", "skipGeometry takes true or false, not '" + skip + "'");
        }
        try {
            return PropertySelection.parse(layer, single(params, "properties"), "true".equals(skip));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("properties", e.getMessage());
        }
    }

    /** The {@code crs} or {@code bbox-crs} parameter: a CRS the server offers, or null when absent. */
    static Crs crs(Map<String, String[]> params, String name, CrsOffer offer) {
        String text = single(params, name);
        if (text == null) {
            return null;
        }
        return offer.byName(text)
                .orElseThrow(() -> ApiException.badParameter(
                        name, name + " '" + text + "' is not offered; use one of " + offer.uris()));
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
            throw ApiException.badParameter(
                    "bbox", "bbox cannot be transformed from " + crs.uri() + ": " + ex.getMessage());
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
        return time != null ? time : TimeInterval.at(VietnamCalendar.today());
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null ? null : v[0];
    }

    private static long number(Map<String, String[]> params, String name, long fallback, long min) {
        return Parameters.wholeNumber(name, single(params, name), fallback, min, Long.MAX_VALUE);
    }
}
