package org.ruralatlas.server.downloads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.Licence;
import org.ruralatlas.data.catalog.LocalizedText;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.MatchCount;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.server.features.PagingProperties;
import org.ruralatlas.server.tiles.TileAreas;
import org.springframework.stereotype.Component;

/**
 * What the download catalogue says about each layer: descriptions, licence, attribution, feature
 * count, extents, last change, the files and their sizes (known once produced), and the data
 * dictionary from the layer catalogue. Counts and extents are computed once per data version.
 * A count costs no more than the items' {@code numberMatched} whatever the layer's size: exact up
 * to {@code ruralatlas.paging.exact-count-up-to} rows within {@code count-budget}, beyond that the
 * store's estimate, said as such ({@code featureCountEstimate}, "about" on the page).
 * The JSON, HTML, DCAT-AP and data.json views are all built from these entries.
 */
@Component
public class DownloadCatalog {

    /** One layer as the catalogue describes it now. */
    public record Entry(
            Layer layer,
            LayerVersion version,
            MatchCount featureCount,
            Optional<Bbox> extent,
            Optional<TimeInterval> temporal,
            Map<DownloadFormat, OptionalLong> sizes) {

        /** The pages of the layer's licences (two for the communes: boundaries MIT, NTM attributes CC BY 4.0). */
        public List<String> licenceUrls() {
            return layer.licences().stream().map(Licence::url).toList();
        }
    }

    private record Stats(String tag, MatchCount count, Optional<Bbox> extent, Optional<TimeInterval> temporal) {}

    private final LayerCatalog catalog;
    private final FeatureStore store;
    private final ExportFiles files;
    private final TileAreas areas;
    private final PagingProperties paging;
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();

    public DownloadCatalog(
            LayerCatalog catalog, FeatureStore store, ExportFiles files, TileAreas areas, PagingProperties paging) {
        this.catalog = catalog;
        this.store = store;
        this.files = files;
        this.areas = areas;
        this.paging = paging;
    }

    /** What is offered for download: every layer of the catalogue, record tables (no geometry) included. */
    public List<Layer> layers() {
        return catalog.all();
    }

    /**
     * The stable identifier of a dataset: its collection for a layer, its section of the
     * catalogue for a record table (which is no collection).
     */
    static String datasetUri(Layer l, String base) {
        return l.isCollection() ? base + "/collections/" + l.id() : base + "/downloads#" + l.id();
    }

    /** Where a person reads about a dataset. */
    static String landingPage(Layer l, String base) {
        return l.isCollection() ? base + "/collections/" + l.id() + "?f=html" : base + "/downloads?f=html#" + l.id();
    }

    public List<Entry> entries() {
        return layers().stream().map(this::entry).toList();
    }

    public Entry entry(Layer layer) {
        LayerVersion version = store.version(layer);
        Stats s = stats.compute(
                layer.id(),
                (id, old) -> old != null && old.tag().equals(version.tag())
                        ? old
                        : new Stats(
                                version.tag(),
                                store.countUpTo(
                                        whole(layer, DownloadFormat.GEOJSON).query(),
                                        paging.exactCountUpTo(),
                                        paging.countBudget()),
                                store.extent(layer),
                                store.temporalExtent(layer)));
        Map<DownloadFormat, OptionalLong> sizes = new LinkedHashMap<>();
        for (DownloadFormat f : DownloadFormat.of(layer)) {
            sizes.put(f, files.size(whole(layer, f), version));
        }
        return new Entry(layer, version, s.count(), s.extent(), s.temporal(), sizes);
    }

    /** The unfiltered download of a layer in a format. */
    public DownloadRequest whole(Layer layer, DownloadFormat format) {
        return DownloadRequest.parse(layer, format, Map.of(), areas, CrsOffer.ALL);
    }

    /** A version tag over every entry and every produced file, for the catalogue's ETag. */
    public static String tag(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e.layer().id())
                    .append('=')
                    .append(e.version().tag())
                    .append(e.sizes())
                    .append(';');
        }
        return sb.toString();
    }

    public static Instant modified(List<Entry> entries) {
        return entries.stream()
                .map(e -> e.version().modified())
                .max(Instant::compareTo)
                .orElse(Instant.EPOCH);
    }

    /** The catalogue as JSON: per layer, everything a researcher needs to choose, cite and read a file. */
    public static Map<String, Object> json(List<Entry> entries, String base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("title", text("Dữ liệu mở RuralAtlas", "RuralAtlas open data"));
        doc.put(
                "description",
                text(
                        "Tải toàn bộ từng lớp dữ liệu (GeoJSON, CSV, GeoPackage, FlatGeobuf), có giấy phép và từ điển dữ liệu",
                        "Whole layers to download (GeoJSON, CSV, GeoPackage, FlatGeobuf), with licence and data dictionary"));
        doc.put(
                "links",
                List.of(
                        link(base + "/downloads?f=json", "self", "application/json", "This catalogue"),
                        link(base + "/downloads?f=html", "alternate", "text/html", "This catalogue as HTML"),
                        link(
                                base + "/downloads/catalog.jsonld",
                                "describedby",
                                "application/ld+json",
                                "DCAT-AP catalogue (JSON-LD)"),
                        link(
                                base + "/data.json",
                                "describedby",
                                "application/json",
                                "Project Open Data catalogue (data.json)")));
        doc.put(
                "parameters",
                Map.of(
                        "bbox",
                                "layers only: minlon,minlat,maxlon,maxlat: only features meeting the box (bbox-crs as in the items API)",
                        "province",
                                "layers only: a current province by name or code: only features meeting its boundary",
                        "datetime", "layers of dated units only: the units valid then (default: today's)",
                        "bom", "CSV only: true adds a UTF-8 byte-order mark for Excel",
                        "{property}",
                                "equality on any queryable property (dataDictionary: filter), as in /collections/{layer}/items"));
        doc.put("layers", entries.stream().map(e -> jsonLayer(e, base)).toList());
        return doc;
    }

    /** One layer's part of the catalogue: what it is, where and when, its files and its data dictionary. */
    private static Map<String, Object> jsonLayer(Entry e, String base) {
        Layer l = e.layer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("title", l.title());
        m.put("description", l.description());
        m.put("licence", Map.of("id", l.licence(), "url", e.licenceUrls().get(0), "licences", l.licences()));
        m.put("attribution", l.attribution());
        // a layer has features with geometry; a table has rows without geometry
        m.put("kind", l.hasGeometry() ? "layer" : "table");
        m.put("geometryType", l.geometryType());
        // an estimate is said as one, as the items' numberMatchedEstimate
        m.put(
                e.featureCount().exact() ? "featureCount" : "featureCountEstimate",
                e.featureCount().value());
        if (l.hasGeometry()) {
            Map<String, Object> extent = new LinkedHashMap<>();
            e.extent().ifPresent(b -> extent.put("bbox", List.of(b.minx(), b.miny(), b.maxx(), b.maxy())));
            extent.put("crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
            e.temporal()
                    .ifPresent(t -> extent.put(
                            "interval",
                            java.util.Arrays.asList(
                                    t.start() == null ? null : t.start().toString(),
                                    t.end() == null ? null : t.end().toString())));
            m.put("extent", extent);
        }
        m.put("lastModified", e.version().modified().toString());
        List<Object> downloads = new ArrayList<>();
        for (Map.Entry<DownloadFormat, OptionalLong> d : e.sizes().entrySet()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("format", d.getKey().extension());
            file.put("title", d.getKey().title());
            file.put("href", base + "/downloads/" + l.id() + "." + d.getKey().extension());
            file.put("type", d.getKey().mediaType());
            if (d.getValue().isPresent()) {
                file.put("size", d.getValue().getAsLong());
            } else {
                file.put(
                        "sizeNote",
                        "not produced yet for this data version: produced on the first download, then listed here");
            }
            downloads.add(file);
        }
        m.put("downloads", downloads);
        if (l.isCollection()) {
            m.put("collection", base + "/collections/" + l.id());
            m.put("schema", base + "/collections/" + l.id() + "/schema");
        }
        m.put("dataDictionary", dictionary(l));
        return m;
    }

    /** Every property: name, type, unit, allowed values, range, meaning in Vietnamese and English. */
    static List<Object> dictionary(Layer l) {
        List<Object> rows = new ArrayList<>();
        for (PropertySpec p : l.properties()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("type", p.type().jsonName());
            if (p.unit() != null) {
                row.put("unit", p.unit());
            }
            if (!p.allowedValues().isEmpty()) {
                row.put("allowedValues", p.allowedValues());
            }
            if (p.minimum() != null) {
                row.put("minimum", p.minimum());
            }
            if (p.maximum() != null) {
                row.put("maximum", p.maximum());
            }
            row.put("title", p.title());
            row.put("description", p.description());
            row.put("identifier", p.name().equals(l.idProperty()));
            row.put("filter", p.queryable());
            rows.add(row);
        }
        return rows;
    }

    /** DCAT-AP 3 in JSON-LD: the catalogue, one dcat:Dataset per layer, one dcat:Distribution per format. */
    public static Map<String, Object> dcat(List<Entry> entries, String base) {
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("@id", base + "/#publisher");
        publisher.put("@type", "foaf:Agent");
        publisher.put("foaf:name", "RuralAtlas");
        publisher.put("foaf:homepage", Map.of("@id", base + "/"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", dcatContext());
        doc.put("@id", base + "/downloads/catalog.jsonld");
        doc.put("@type", "dcat:Catalog");
        doc.put("dct:title", langs("Dữ liệu mở RuralAtlas", "RuralAtlas open data"));
        doc.put(
                "dct:description",
                langs(
                        "Trang trại, vùng nguyên liệu, tình trạng nông thôn mới của xã và điểm du lịch nông thôn ở Việt Nam, "
                                + "cùng các bảng số liệu của chương trình NTM (bộ tiêu chí, mục tiêu, kết quả đánh giá, số liệu báo cáo, lịch sử đơn vị)",
                        "Farms, raw-material zones, new rural development (NTM) status of communes and rural tourism sites in Vietnam, "
                                + "with the NTM programme's tables (criteria, targets, assessments, reported figures, unit history)"));
        doc.put("dct:publisher", publisher);
        doc.put(
                "dct:language",
                List.of(
                        Map.of("@id", "http://publications.europa.eu/resource/authority/language/VIE"),
                        Map.of("@id", "http://publications.europa.eu/resource/authority/language/ENG")));
        doc.put("dct:modified", dateTime(modified(entries)));
        doc.put("foaf:homepage", Map.of("@id", base + "/downloads"));
        doc.put("dct:spatial", Map.of("@id", "http://publications.europa.eu/resource/authority/country/VNM"));
        doc.put("dcat:dataset", entries.stream().map(e -> dcatDataset(e, base)).toList());
        return doc;
    }

    private static Map<String, Object> dcatContext() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("locn", "http://www.w3.org/ns/locn#");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        context.put("gsp", "http://www.opengis.net/ont/geosparql#");
        context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        return context;
    }

    /** One layer as a {@code dcat:Dataset}: what it is, where and when it holds, and a distribution per format. */
    private static Map<String, Object> dcatDataset(Entry e, String base) {
        Layer l = e.layer();
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("@id", datasetUri(l, base));
        ds.put("@type", "dcat:Dataset");
        ds.put("dct:identifier", l.id());
        ds.put("dct:title", langs(l.title().vi(), l.title().en()));
        ds.put("dct:description", langs(l.description().vi(), l.description().en()));
        ds.put("dct:publisher", Map.of("@id", base + "/#publisher"));
        ds.put("dct:modified", dateTime(e.version().modified()));
        ds.put("dct:rights", Map.of("@type", "dct:RightsStatement", "rdfs:label", l.attribution()));
        ds.put(
                "dct:accessRights",
                Map.of("@id", "http://publications.europa.eu/resource/authority/access-right/PUBLIC"));
        ds.put("dcat:landingPage", Map.of("@id", landingPage(l, base)));
        if (l.isCollection()) {
            ds.put("dct:conformsTo", Map.of("@id", base + "/collections/" + l.id() + "/schema"));
        }
        ds.put("dcat:keyword", keywords(l));
        e.extent()
                .ifPresent(b -> ds.put(
                        "dct:spatial",
                        Map.of(
                                "@type",
                                "dct:Location",
                                "dcat:bbox",
                                Map.of("@value", wkt(b), "@type", "gsp:wktLiteral"))));
        e.temporal().ifPresent(t -> {
            Map<String, Object> period = new LinkedHashMap<>();
            period.put("@type", "dct:PeriodOfTime");
            if (t.start() != null) {
                period.put("dcat:startDate", Map.of("@value", t.start().toString(), "@type", "xsd:date"));
            }
            if (t.end() != null) {
                period.put("dcat:endDate", Map.of("@value", t.end().toString(), "@type", "xsd:date"));
            }
            ds.put("dct:temporal", period);
        });
        List<Object> distributions = new ArrayList<>();
        e.sizes().forEach((f, size) -> distributions.add(dcatDistribution(e, f, size, base)));
        ds.put("dcat:distribution", distributions);
        return ds;
    }

    private static Map<String, Object> dcatDistribution(Entry e, DownloadFormat f, OptionalLong size, String base) {
        Layer l = e.layer();
        String url = base + "/downloads/" + l.id() + "." + f.extension();
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("@id", url);
        dist.put("@type", "dcat:Distribution");
        dist.put(
                "dct:title",
                langs(l.title().vi() + " (" + f.title() + ")", l.title().en() + " (" + f.title() + ")"));
        dist.put("dcat:accessURL", Map.of("@id", url));
        dist.put("dcat:downloadURL", Map.of("@id", url));
        String type = f.mediaType().replaceAll(";.*", "");
        dist.put("dcat:mediaType", Map.of("@id", "https://www.iana.org/assignments/media-types/" + type));
        f.euFileType()
                .ifPresent(code -> dist.put(
                        "dct:format",
                        Map.of("@id", "http://publications.europa.eu/resource/authority/file-type/" + code)));
        dist.put(
                "dct:license",
                e.licenceUrls().stream().map(u -> Map.of("@id", u)).toList());
        dist.put("dct:modified", dateTime(e.version().modified()));
        size.ifPresent(bytes ->
                dist.put("dcat:byteSize", Map.of("@value", Long.toString(bytes), "@type", "xsd:nonNegativeInteger")));
        return dist;
    }

    /** The Project Open Data metadata schema v1.1 ({@code data.json}), as US and many city portals harvest it. */
    public static Map<String, Object> dataJson(List<Entry> entries, String base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld");
        doc.put("@id", base + "/data.json");
        doc.put("@type", "dcat:Catalog");
        doc.put("conformsTo", "https://project-open-data.cio.gov/v1.1/schema");
        doc.put("describedBy", "https://project-open-data.cio.gov/v1.1/schema/catalog.json");
        List<Object> datasets = new ArrayList<>();
        for (Entry e : entries) {
            Layer l = e.layer();
            Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("@type", "dcat:Dataset");
            ds.put("identifier", datasetUri(l, base));
            ds.put("title", l.title().en());
            ds.put("description", l.description().en() + " — " + l.description().vi());
            ds.put("keyword", keywords(l));
            ds.put("modified", e.version().modified().toString());
            ds.put("publisher", Map.of("@type", "org:Organization", "name", "RuralAtlas"));
            ds.put("contactPoint", Map.of("@type", "vcard:Contact", "fn", "RuralAtlas"));
            ds.put("accessLevel", "public");
            ds.put("license", e.licenceUrls().get(0));
            ds.put("rights", "Licence: " + l.licence() + ". " + l.attribution());
            ds.put("language", List.of("vi", "en"));
            e.extent().ifPresent(b -> ds.put("spatial", b.minx() + "," + b.miny() + "," + b.maxx() + "," + b.maxy()));
            e.temporal().ifPresent(t -> {
                if (t.start() != null && t.end() != null) {
                    ds.put("temporal", t.start() + "/" + t.end());
                } else if (t.start() != null) {
                    ds.put("temporal", t.start() + "/..");
                }
            });
            ds.put("landingPage", landingPage(l, base));
            if (l.isCollection()) {
                ds.put("describedBy", base + "/collections/" + l.id() + "/schema");
                ds.put("describedByType", "application/schema+json");
            }
            List<Object> distributions = new ArrayList<>();
            for (DownloadFormat f : e.sizes().keySet()) {
                Map<String, Object> dist = new LinkedHashMap<>();
                dist.put("@type", "dcat:Distribution");
                dist.put("title", f.title());
                dist.put("downloadURL", base + "/downloads/" + l.id() + "." + f.extension());
                dist.put("mediaType", f.mediaType().replaceAll(";.*", ""));
                dist.put("format", f.extension());
                distributions.add(dist);
            }
            ds.put("distribution", distributions);
            datasets.add(ds);
        }
        doc.put("dataset", datasets);
        return doc;
    }

    /** The programme's keywords, the dataset's id, and "table" for record tables, so harvesters can tell them apart. */
    private static List<String> keywords(Layer l) {
        List<String> k = new ArrayList<>(List.of("nông thôn mới", "NTM", "new rural development", "Vietnam", l.id()));
        if (!l.hasGeometry()) {
            k.add("table");
        }
        return k;
    }

    private static Map<String, String> text(String vi, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vi", vi);
        m.put("en", en);
        return m;
    }

    private static List<Object> langs(String vi, String en) {
        return List.of(Map.of("@value", vi, "@language", "vi"), Map.of("@value", en, "@language", "en"));
    }

    private static Map<String, Object> dateTime(Instant t) {
        return Map.of("@value", t.toString(), "@type", "xsd:dateTime");
    }

    private static String wkt(Bbox b) {
        return "POLYGON((" + b.minx() + " " + b.miny() + "," + b.maxx() + " " + b.miny() + "," + b.maxx() + " "
                + b.maxy() + "," + b.minx() + " " + b.maxy() + "," + b.minx() + " " + b.miny() + "))";
    }

    private static org.ruralatlas.server.ogcapi.Link link(String href, String rel, String type, String title) {
        return new org.ruralatlas.server.ogcapi.Link(href, rel, type, title);
    }

    /** A text in the reader's language. */
    public static String in(LocalizedText t, String lang) {
        return t == null ? "" : t.in(lang);
    }
}
