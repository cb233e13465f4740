package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.Language;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /collections} and {@code /collections/{id}}: the published layers and their metadata, in JSON or HTML. */
@RestController
public class CollectionsController {

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";

    private final LayerCatalog catalog;
    private final CollectionMetadata metadata;
    private final CrsOffer crsOffer;
    private final Pages pages;

    /** What a collection's page shows: the layer and its extent as the JSON has it. */
    public record CollectionPage(Layer layer, Object extent) {}

    public CollectionsController(LayerCatalog catalog, CollectionMetadata metadata, CrsOffer crsOffer, Pages pages) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.crsOffer = crsOffer;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/collections")
    public ResponseEntity<?> collections(HttpServletRequest request) {
        OutputFormat format = OutputFormat.of(request);
        String lang = Language.code(request);
        List<Map<String, Object>> described = new ArrayList<>();
        StringBuilder versions = new StringBuilder();
        Instant modified = Instant.EPOCH;
        for (Layer l : catalog.collections()) {
            CollectionMetadata.Extent e = metadata.extent(l);
            versions.append(l.id()).append('=').append(e.version().tag()).append(';');
            modified = e.version().modified().isAfter(modified) ? e.version().modified() : modified;
            described.add(describe(l, e, lang));
        }
        Conditional conditional = Conditional.of(request, versions.toString(), modified, format);
        return conditional.notModified(request).orElseGet(() -> {
            String base = Urls.base();
            List<Link> links = List.of(
                    new Link(base + "/collections?f=json", "self", "application/json", "Collections"),
                    new Link(base + "/collections?f=html", "alternate", "text/html", "Collections (HTML)"));
            if (format == OutputFormat.HTML) {
                return conditional
                        .on(ResponseEntity.ok())
                        .contentType(Pages.HTML)
                        .body(pages.page("features/collections.jte", pages.words(request), catalog.collections()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("links", links);
            body.put("crs", crsOffer.uris());
            body.put("collections", described);
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        });
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/collections/{collectionId}")
    public ResponseEntity<?> collection(@PathVariable String collectionId, HttpServletRequest request) {
        Layer layer = layer(catalog, collectionId);
        OutputFormat format = OutputFormat.of(request);
        String lang = Language.code(request);
        CollectionMetadata.Extent e = metadata.extent(layer);
        Conditional conditional =
                Conditional.of(request, e.version().tag(), e.version().modified(), format);
        return conditional.notModified(request).orElseGet(() -> {
            Map<String, Object> c = describe(layer, e, lang);
            if (format == OutputFormat.HTML) {
                return conditional
                        .on(ResponseEntity.ok())
                        .contentType(Pages.HTML)
                        .body(pages.page(
                                "features/collection.jte",
                                pages.words(request),
                                new CollectionPage(layer, c.get("extent"))));
            }
            return conditional
                    .on(ResponseEntity.ok())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(c);
        });
    }

    /** A collection, or a table of records: served alike, though {@code /collections} lists only the collections. */
    static Layer layer(LayerCatalog catalog, String id) {
        return catalog.layer(id)
                .filter(Layer::servesItems)
                .orElseThrow(() -> ApiException.notFound("no collection " + id + "; see /collections"));
    }

    private Map<String, Object> describe(Layer layer, CollectionMetadata.Extent e, String lang) {
        String self = Urls.base() + "/collections/" + layer.id();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", layer.id());
        c.put("title", layer.title().in(lang));
        c.put("description", layer.description().in(lang));
        c.put("itemType", "feature");
        if (layer.hasGeometry()) {
            c.put("crs", crsOffer.uris());
            c.put("storageCrs", CRS84);
        }
        Map<String, Object> extent = new LinkedHashMap<>();
        e.spatial()
                .ifPresent(b -> extent.put(
                        "spatial",
                        Map.of("bbox", List.of(List.of(b.minx(), b.miny(), b.maxx(), b.maxy())), "crs", CRS84)));
        e.temporal().ifPresent(t -> {
            List<String> interval = new ArrayList<>();
            interval.add(t.start() == null ? null : t.start() + "T00:00:00Z");
            interval.add(t.end() == null ? null : t.end() + "T00:00:00Z");
            extent.put("temporal", Map.of("interval", List.of(interval), "trs", GREGORIAN));
        });
        if (!extent.isEmpty()) {
            c.put("extent", extent);
        }
        c.put("license", layer.licence());
        c.put("attribution", layer.attribution());
        List<Link> links = new ArrayList<>(List.of(
                new Link(
                        self + "?f=json",
                        "self",
                        "application/json",
                        layer.title().in(lang)),
                new Link(
                        self + "?f=html",
                        "alternate",
                        "text/html",
                        layer.title().in(lang) + " (HTML)"),
                new Link(self + "/items?f=json", "items", "application/geo+json", "Features (GeoJSON)"),
                new Link(self + "/items?f=html", "items", "text/html", "Features (HTML)"),
                new Link(self + "/schema", "describedby", "application/schema+json", "JSON Schema of the properties"),
                new Link(
                        self + "/schema",
                        "http://www.opengis.net/def/rel/ogc/1.0/schema",
                        "application/schema+json",
                        "Schema"),
                new Link(
                        self + "/queryables",
                        "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                        "application/schema+json",
                        "Properties that can be filtered on"),
                new Link(
                        self + "/tiles",
                        "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                        "application/json",
                        "Vector tiles")));
        layer.licences().forEach(l -> links.add(new Link(l.url(), "license", "text/html", l.id())));
        c.put("links", links);
        return c;
    }
}
