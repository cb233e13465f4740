package org.ruralatlas.server.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /collections} and {@code /collections/{id}}: the published layers and their metadata. */
@RestController
public class CollectionsController {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final Map<String, Optional<Bbox>> extents = new ConcurrentHashMap<>();

    public CollectionsController(LayerCatalog catalog, FeatureStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GetMapping(value = "/collections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> collections(@RequestHeader(value = "Accept-Language", required = false) String lang) {
        String base = base();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("links", List.of(new Link(base + "/collections", "self", "application/json", "Collections")));
        body.put("collections", catalog.collections().stream().map(l -> describe(l, base, language(lang))).toList());
        return body;
    }

    @GetMapping(value = "/collections/{collectionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> collection(@PathVariable String collectionId,
            @RequestHeader(value = "Accept-Language", required = false) String lang) {
        return describe(layer(catalog, collectionId), base(), language(lang));
    }

    static Layer layer(LayerCatalog catalog, String id) {
        return catalog.layer(id).filter(Layer::isCollection)
                .orElseThrow(() -> ApiException.notFound("no collection " + id + "; see /collections"));
    }

    static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    static String language(String acceptLanguage) {
        return acceptLanguage != null && acceptLanguage.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "vi";
    }

    private Map<String, Object> describe(Layer layer, String base, String lang) {
        String self = base + "/collections/" + layer.id();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", layer.id());
        c.put("title", layer.title().in(lang));
        c.put("description", layer.description().in(lang));
        c.put("itemType", "feature");
        c.put("crs", List.of(CRS84));
        extents.computeIfAbsent(layer.id(), id -> store.extent(layer)).ifPresent(b -> c.put("extent",
                Map.of("spatial", Map.of("bbox", List.of(List.of(b.minx(), b.miny(), b.maxx(), b.maxy())), "crs", CRS84))));
        c.put("license", layer.licence());
        c.put("attribution", layer.attribution());
        c.put("links", List.of(
                new Link(self, "self", "application/json", layer.title().in(lang)),
                new Link(self + "/items", "items", "application/geo+json", "Features (GeoJSON)")));
        return c;
    }
}
