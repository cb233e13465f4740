package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /collections/{id}/items} and {@code /items/{featureId}}: GeoJSON written from the store's
 * cursor as it is read, so a 10,000-feature page never sits in memory.
 */
@RestController
public class ItemsController {

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final JsonMapper json;

    public ItemsController(LayerCatalog catalog, FeatureStore store, JsonMapper json) {
        this.catalog = catalog;
        this.store = store;
        this.json = json;
    }

    @GetMapping("/collections/{collectionId}/items")
    public ResponseEntity<StreamingResponseBody> items(@PathVariable String collectionId, HttpServletRequest request) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        ItemsRequest req = ItemsRequest.parse(layer, request.getParameterMap());
        long matched = store.count(req.query().page(0, org.ruralatlas.data.feature.FeatureQuery.UNLIMITED));
        String self = UriComponentsBuilder.fromUriString(CollectionsController.base() + request.getRequestURI()
                .substring(request.getContextPath().length())).query(request.getQueryString()).build().toUriString();
        List<Link> links = new ArrayList<>();
        links.add(new Link(self, "self", GEOJSON.toString(), "This page"));
        if (req.offset() + req.limit() < matched) {
            links.add(new Link(page(self, req.offset() + req.limit()), "next", GEOJSON.toString(), "Next page"));
        }
        if (req.offset() > 0) {
            links.add(new Link(page(self, Math.max(0, req.offset() - req.limit())), "prev", GEOJSON.toString(), "Previous page"));
        }
        links.add(new Link(CollectionsController.base() + "/collections/" + layer.id(), "collection", "application/json", null));
        String timeStamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StreamingResponseBody body = out -> writeCollection(out, req, matched, links, timeStamp);
        return ResponseEntity.ok().contentType(GEOJSON).body(body);
    }

    @GetMapping("/collections/{collectionId}/items/{featureId}")
    public ResponseEntity<StreamingResponseBody> item(@PathVariable String collectionId, @PathVariable String featureId) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        Feature feature = store.get(layer, featureId)
                .orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in " + layer.id()));
        StreamingResponseBody body = out -> {
            try (JsonGenerator g = json.createGenerator(out)) {
                GeoJsonWriter.writeFeature(g, feature);
            }
        };
        return ResponseEntity.ok().contentType(GEOJSON).body(body);
    }

    private void writeCollection(OutputStream out, ItemsRequest req, long matched, List<Link> links, String timeStamp) {
        long returned = 0;
        try (JsonGenerator g = json.createGenerator(out); FeatureCursor cursor = store.query(req.query())) {
            g.writeStartObject();
            g.writeStringProperty("type", "FeatureCollection");
            g.writeName("features");
            g.writeStartArray();
            while (cursor.hasNext()) {
                GeoJsonWriter.writeFeature(g, cursor.next());
                returned++;
            }
            g.writeEndArray();
            g.writeNumberProperty("numberMatched", matched);
            g.writeNumberProperty("numberReturned", returned);
            g.writeStringProperty("timeStamp", timeStamp);
            g.writePOJOProperty("links", links);
            g.writeEndObject();
        }
    }

    private static String page(String self, long offset) {
        return UriComponentsBuilder.fromUriString(self).replaceQueryParam("offset", offset).build().toUriString();
    }
}
