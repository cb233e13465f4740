package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.MatchCount;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.geo.CrsTransform;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameterSource;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Values;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /collections/{id}/items} and {@code /items/{featureId}}: GeoJSON (or HTML) written from
 * the store's cursor as it is read, so a 10,000-feature page never sits in memory.
 */
@RestController
public class ItemsController implements QueryParameterSource {

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    private static final MediaType HTML = Pages.HTML;

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final JsonMapper json;
    private final CrsOffer crsOffer;
    private final PageCursors cursors;
    private final PagingProperties paging;
    private final Pages pages;

    /**
     * A page of items in HTML: the filter box and its examples, the rows as the cursor gives
     * them, then the count and the links, which are known once the rows are out.
     */
    public record ItemsPage(
            Layer layer,
            String items,
            String filter,
            List<FilterExamples.Example> examples,
            List<PropertySpec> shown,
            Iterable<Feature> rows,
            java.util.function.Supplier<Summary> summary) {}

    /** What follows the rows: how many matched (exactly, or about as many) and the page's links. */
    public record Summary(String matched, List<Link> links) {}

    /** One feature in HTML: its links, then its properties under their labels. */
    public record ItemPage(String title, List<Link> links, Map<String, String> rows) {}

    public ItemsController(
            LayerCatalog catalog,
            FeatureStore store,
            JsonMapper json,
            CrsOffer crsOffer,
            PageCursors cursors,
            PagingProperties paging,
            Pages pages) {
        this.catalog = catalog;
        this.store = store;
        this.json = json;
        this.crsOffer = crsOffer;
        this.cursors = cursors;
        this.paging = paging;
        this.pages = pages;
    }

    /** The items take the layer's simple queryables as equality filters (lists only through filter), besides these. */
    @Override
    public Collection<String> queryParameters(String handler, Map<String, String> path) {
        return handler.equals("items")
                ? ItemsRequest.equalityParameters(CollectionsController.layer(catalog, path.get("collectionId")))
                : List.of();
    }

    @QueryParameters({
        "limit",
        "offset",
        PageCursors.PARAMETER,
        "bbox",
        "bbox-crs",
        "datetime",
        "crs",
        "f",
        "lang",
        "filter",
        "filter-lang",
        "filter-crs",
        "sortby",
        "properties",
        "skipGeometry"
    })
    @GetMapping("/collections/{collectionId}/items")
    public ResponseEntity<StreamedBody> items(@PathVariable String collectionId, HttpServletRequest request) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        ItemsRequest req = ItemsRequest.parse(layer, request.getParameterMap(), crsOffer, cursors);
        OutputFormat format = OutputFormat.of(request);
        LayerVersion version = store.version(layer);
        Conditional conditional = Conditional.of(request, version.tag(), version.modified(), format);
        return conditional.<StreamedBody>notModified(request).orElseGet(() -> {
            String timeStamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            Words words = pages.words(request);
            String self = Urls.self(request);
            String other = Urls.withFormat(request, format == OutputFormat.HTML ? "json" : "html");
            StreamedBody body = format == OutputFormat.HTML
                    ? out -> writeHtml(out, layer, req, self, other, words, request.getParameter("filter"))
                    : out -> writeCollection(out, layer, req, self, other, timeStamp);
            return conditional
                    .on(ResponseEntity.ok())
                    .header("Content-Crs", "<" + req.crs().uri() + ">")
                    .contentType(format == OutputFormat.HTML ? HTML : GEOJSON)
                    .body(body);
        });
    }

    @QueryParameters({"crs", "f", "lang"})
    @GetMapping("/collections/{collectionId}/items/{featureId}")
    public ResponseEntity<StreamedBody> item(
            @PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        Layer layer = CollectionsController.layer(catalog, collectionId);
        OutputFormat format = OutputFormat.of(request);
        Crs requested = ItemsRequest.crs(request.getParameterMap(), "crs", crsOffer);
        Crs crs = requested == null ? Crs.CRS84 : requested;
        Feature feature = store.get(layer, featureId)
                .orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in " + layer.id()));
        Conditional conditional = Conditional.negotiated(ItemTag.etag(
                feature, ItemTag.variant(format, crs, pages.words(request).lang())));
        return conditional.<StreamedBody>notModified(request).orElseGet(() -> {
            String self = Urls.base() + "/collections/" + layer.id() + "/items/"
                    + UriComponentsBuilder.newInstance()
                            .pathSegment(featureId)
                            .build()
                            .encode()
                            .toUriString()
                            .substring(1);
            List<Link> links = List.of(
                    new Link(self + "?f=json", "self", GEOJSON.toString(), "This feature"),
                    new Link(self + "?f=html", "alternate", "text/html", "This feature (HTML)"),
                    new Link(
                            Urls.base() + "/collections/" + layer.id(),
                            "collection",
                            "application/json",
                            layer.title().en()));
            Words words = pages.words(request);
            StreamedBody body = format == OutputFormat.HTML
                    ? pages.page(
                            "features/item.jte",
                            words,
                            new ItemPage(title(layer, feature, words.lang()), links, readable(layer, feature, words)))
                    : out -> {
                        try (JsonGenerator g = json.createGenerator(out)) {
                            GeoJsonWriter.writeFeature(
                                    g,
                                    inCrs(feature, CrsTransform.fromCrs84(crs)),
                                    gen -> gen.writePOJOProperty("links", links));
                        }
                    };
            return conditional
                    .on(ResponseEntity.ok())
                    .header("Content-Crs", "<" + crs.uri() + ">")
                    .contentType(format == OutputFormat.HTML ? HTML : GEOJSON)
                    .body(body);
        });
    }

    /**
     * Self, alternate, next while there is more (with the cursor after the page's last feature,
     * so the next page costs one page however deep it is, and rows written meanwhile before it
     * shift nothing), prev only on offset pages (a cursor leads forward), collection.
     */
    private List<Link> pageLinks(
            String self, String other, ItemsRequest req, Page page, OutputFormat format, Layer layer) {
        String type = format == OutputFormat.HTML ? "text/html" : GEOJSON.toString();
        List<Link> links = new ArrayList<>();
        links.add(new Link(self, "self", type, "This page"));
        links.add(new Link(
                other,
                "alternate",
                format == OutputFormat.HTML ? GEOJSON.toString() : "text/html",
                "This page in another format"));
        if (page.more()) {
            String next = Urls.withParameter(
                    Urls.withParameter(self, "offset", null),
                    PageCursors.PARAMETER,
                    cursors.encode(req.query(), page.last()));
            links.add(new Link(next, "next", type, "Next page"));
        }
        if (req.offset() > 0 && req.query().after() == null) {
            links.add(new Link(
                    Urls.withParameter(self, "offset", String.valueOf(Math.max(0, req.offset() - req.limit()))),
                    "prev",
                    type,
                    "Previous page"));
        }
        links.add(new Link(
                Urls.base() + "/collections/" + layer.id(),
                "collection",
                "application/json",
                layer.title().en()));
        return links;
    }

    /**
     * What a page turned out to be once read: how many features, whether more follow, the last one's position,
     * and every match's number where the store counted them while reading ({@link FeatureCursor#matched}).
     */
    private record Page(
            long returned, boolean more, org.ruralatlas.data.feature.Keyset last, java.util.OptionalLong counted) {}

    /**
     * Reads the page with one feature more than asked, which says whether a next page exists
     * without counting, giving each feature to {@code write}.
     */
    private Page read(ItemsRequest req, java.util.function.Consumer<Feature> write) {
        try (PageRows rows = new PageRows(store.query(req.query().page(req.offset(), req.limit() + 1)), req.limit())) {
            rows.forEach(write);
            return rows.page();
        }
    }

    /**
     * A page's rows from a cursor opened for one more: iterated once, then {@link #page()} says
     * what was read. The cursor is closed as soon as the rows are out, so that what follows them
     * (the count) never holds a second connection of the pool while this one is held: on the
     * embedded store's pool of four, four such requests at once would wait on each other.
     */
    private static final class PageRows implements Iterable<Feature>, AutoCloseable {

        private final FeatureCursor cursor;
        private final long limit;
        private long returned;
        private org.ruralatlas.data.feature.Keyset last;
        private boolean more;
        private boolean closed;

        PageRows(FeatureCursor cursor, long limit) {
            this.cursor = cursor;
            this.limit = limit;
        }

        @Override
        public java.util.Iterator<Feature> iterator() {
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (closed) {
                        return false;
                    }
                    if (returned < limit && cursor.hasNext()) {
                        return true;
                    }
                    more = cursor.hasNext();
                    close();
                    return false;
                }

                @Override
                public Feature next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Feature f = cursor.next();
                    last = cursor.position().orElseThrow();
                    returned++;
                    return f;
                }
            };
        }

        /** What was read; the rows must have been iterated to their end. */
        Page page() {
            if (!closed) {
                throw new IllegalStateException("the page's rows were not read to their end");
            }
            return new Page(returned, more, last, cursor.matched());
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                cursor.close();
            }
        }
    }

    /**
     * numberMatched: known without counting when a first page holds every match, or when the store
     * counted the matches it had collected for the page anyway (a CQL2 filter on PostGIS);
     * otherwise counted within the configured bound and budget ({@link FeatureStore#countUpTo}),
     * never a full count.
     */
    private MatchCount matched(ItemsRequest req, Page page) {
        if (!page.more() && req.offset() == 0 && req.query().after() == null) {
            return MatchCount.exactly(page.returned());
        }
        if (page.counted().isPresent()) {
            return MatchCount.exactly(page.counted().getAsLong());
        }
        return store.countUpTo(req.query(), paging.exactCountUpTo(), paging.countBudget());
    }

    /**
     * Features first, then the counts and links: whether there is a next page, and where it
     * starts, is known once the page is out. numberMatched is written only when exact; an
     * estimate is written as numberMatchedEstimate (an extension member: OGC API – Features
     * lets numberMatched be left out). The generator is closed only when the document is
     * complete: a filter that fails while running (an overflow met in some row) must not leave a
     * closed, valid-looking document behind; before the response is committed it becomes a 400
     * instead (ProblemHandler).
     */
    private void writeCollection(
            OutputStream out, Layer layer, ItemsRequest req, String self, String other, String timeStamp) {
        CrsTransform transform = CrsTransform.fromCrs84(req.crs());
        JsonGenerator g = json.createGenerator(out);
        GeoJsonWriter.writeCollection(
                g, head -> {}, each -> read(req, f -> each.accept(inCrs(f, transform))), (tail, page) -> {
                    MatchCount matched = matched(req, page);
                    tail.writeNumberProperty(
                            matched.exact() ? "numberMatched" : "numberMatchedEstimate", matched.value());
                    tail.writeNumberProperty("numberReturned", page.returned());
                    tail.writeStringProperty("timeStamp", timeStamp);
                    tail.writePOJOProperty("links", pageLinks(self, other, req, page, OutputFormat.JSON, layer));
                });
        g.close();
    }

    private void writeHtml(
            OutputStream out, Layer layer, ItemsRequest req, String self, String other, Words words, String filterText)
            throws IOException {
        Layer shape = req.query().outputLayer();
        List<PropertySpec> shown = shape.properties().stream()
                .filter(p -> p.display() || !req.query().selection().all())
                .toList();
        String items = Urls.base() + "/collections/" + layer.id() + "/items";
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (PageRows rows = new PageRows(store.query(req.query().page(req.offset(), req.limit() + 1)), req.limit())) {
            java.util.function.Supplier<Summary> summary = () -> {
                Page page = rows.page();
                MatchCount matched = matched(req, page);
                String count = String.valueOf(matched.value());
                return new Summary(
                        matched.exact() ? words.get("items.matched", count) : words.get("items.matched.about", count),
                        pageLinks(self, other, req, page, OutputFormat.HTML, layer));
            };
            pages.render(
                    "features/items.jte",
                    words,
                    new ItemsPage(layer, items, filterText, FilterExamples.of(layer), shown, rows, summary),
                    w);
        }
        w.flush();
    }

    private static Feature inCrs(Feature f, CrsTransform transform) {
        return transform.isIdentity() || f.geometry() == null
                ? f
                : new Feature(f.id(), transform.apply(f.geometry()), f.properties());
    }

    private static String title(Layer layer, Feature f, String lang) {
        Object name = f.properties().get("name");
        return (name != null ? name : f.id()) + " — " + layer.title().in(lang);
    }

    /** Properties under their catalogue labels in the reader's language, coded values by their titles, empty ones left out. */
    private static Map<String, String> readable(Layer layer, Feature f, Words words) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (PropertySpec p : layer.properties()) {
            Object v = f.properties().get(p.name());
            if (v != null) {
                rows.put(
                        p.title().in(words.lang()) + (p.unit() != null ? " (" + p.unit() + ")" : ""),
                        Values.of(p, v, words));
            }
        }
        return rows;
    }
}
