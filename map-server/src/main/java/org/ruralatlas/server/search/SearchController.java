package org.ruralatlas.server.search;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Limit;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.SearchText;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /search?q=…}: tourism sites, communes, provinces, zones and farms by name, for the
 * viewer's search box and anyone else. Insensitive to case, diacritics, tone-mark placement,
 * Unicode form and đ/Đ; the last word may be unfinished and words of four letters or more may
 * carry one typo. Optional {@code layers} (comma-separated), {@code bbox} and {@code limit}. Layers
 * the index had no room for are named in {@code layersNotSearched}. Answered by the database on
 * PostGIS, by an in-memory index on the embedded store ({@link Search}).
 */
@RestController
public class SearchController {

    private final Search search;
    private final LayerCatalog catalog;

    public SearchController(Search search, LayerCatalog catalog) {
        this.search = search;
        this.catalog = catalog;
    }

    @QueryParameters({"q", "limit", "layers", "bbox"})
    @GetMapping("/search")
    public ResponseEntity<Map<String, Object>> search(@RequestParam Map<String, String> params) {
        SearchQuery query = SearchQuery.of(
                SearchText.parse(params.get(SearchText.NAME)),
                Limit.SEARCH.parse(params.get(Limit.SEARCH.name())),
                layers(params.get("layers")),
                bbox(params.get("bbox")));
        Search.Result found = search.search(query);
        List<SearchHit> hits = found.hits();
        String base = Urls.base();
        List<Map<String, Object>> results = hits.stream()
                .map(h -> {
                    SearchEntry e = h.entry();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", e.id());
                    r.put("layer", e.layer());
                    r.put("name", e.name());
                    r.put("label", e.label());
                    r.put("match", h.match().name().toLowerCase(java.util.Locale.ROOT));
                    r.put("score", Math.round(h.score() * 1000) / 1000.0);
                    r.put("point", e.point());
                    r.put("bbox", e.bbox());
                    r.put(
                            "href",
                            base + "/collections/" + e.layer() + "/items/"
                                    + java.net.URLEncoder.encode(e.id(), java.nio.charset.StandardCharsets.UTF_8)
                                            .replace("+", "%20"));
                    return r;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query.text());
        body.put("numberReturned", results.size());
        body.put("results", results);
        // layers over the index's memory budget: said, never silently missing from the results
        List<String> notSearched = found.layersNotSearched().stream()
                .filter(l -> query.layers() == null || query.layers().contains(l))
                .toList();
        if (!notSearched.isEmpty()) {
            body.put("layersNotSearched", notSearched);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    private Set<String> layers(String text) {
        if (text == null) {
            return null;
        }
        Set<String> layers = new LinkedHashSet<>();
        for (String id : text.split(",", -1)) {
            String layer = id.strip();
            if (catalog.layer(layer).filter(Layer::isCollection).isEmpty()) {
                throw ApiException.badParameter(
                        "layers",
                        "unknown layer '" + layer + "'; layers are "
                                + String.join(
                                        ", ",
                                        catalog.collections().stream()
                                                .map(Layer::id)
                                                .toList()));
            }
            layers.add(layer);
        }
        return layers;
    }

    private static Bbox bbox(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Bbox.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("bbox", e.getMessage());
        }
    }
}
