package org.ruralatlas.server.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.ntm.Commune;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.ntm.Traced;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Traceability: {@code /trace/{code}} resolves a growing-area code, a zone or farm id, or an OCOP
 * product id to what it is, its certifications and status, its place on a small map and its
 * producer; {@code /trace/{code}/qr} is the QR code a label carries to that page. A code that is
 * revoked, suspended or expired says so first, in both languages.
 */
@RestController
public class TraceController {

    private static final String OL = "webjars/ol/10.7.0/";

    private final NtmRecords records;
    private final LayerCatalog catalog;
    private final JsonMapper json;
    private final Pages pages;

    /** A trace as a page: what and where it is, its status first, its facts under their labels, map, producers and QR code. */
    public record TracePage(
            String kind,
            String code,
            String ol,
            boolean valid,
            String status,
            String ocopName,
            String ocopStars,
            String name,
            Map<String, String> rows,
            String geometry,
            List<Producer> producers,
            List<Link> links,
            String qr,
            boolean sample) {}

    /** The statuses with a message of their own; any other reads "status unknown". */
    private static final List<String> STATUSES = List.of("active", "suspended", "revoked", "expired");

    public TraceController(NtmRecords records, LayerCatalog catalog, JsonMapper json, Pages pages) {
        this.records = records;
        this.catalog = catalog;
        this.json = json;
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/trace/{code}")
    public ResponseEntity<?> trace(@PathVariable String code, HttpServletRequest request) {
        OutputFormat format = OutputFormat.of(request);
        Words words = pages.words(request);
        Optional<Traced> found = records.resolve(code);
        if (found.isEmpty()) {
            if (format == OutputFormat.HTML) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .header(HttpHeaders.VARY, Conditional.VARY)
                        .contentType(Pages.HTML)
                        .body(pages.page("trace/unknown.jte", words, code));
            }
            throw ApiException.notFound("no growing area, farm or OCOP product with code " + code);
        }
        Traced t = found.get();
        Map<String, Object> body = describe(t, words);
        if (format == OutputFormat.HTML) {
            return ResponseEntity.ok()
                    .header("Cache-Control", "no-cache")
                    .header(HttpHeaders.VARY, Conditional.VARY)
                    .contentType(Pages.HTML)
                    .body(pages.page("trace/trace.jte", words, page(t, body, words)));
        }
        return ResponseEntity.ok()
                .header("Cache-Control", "no-cache")
                .header(HttpHeaders.VARY, Conditional.VARY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    private Map<String, Object> describe(Traced t, Words words) {
        Map<String, Object> p = t.feature().properties();
        String base = Urls.base();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", t.code());
        body.put("kind", t.kind().id());
        if (t.product() != null) {
            body.put("product", t.product());
        }
        body.put("id", t.feature().id());
        body.put("name", p.get("name"));
        String status = t.status();
        body.put("status", status);
        body.put("status_message", words.get("trace.status." + (STATUSES.contains(status) ? status : "unknown")));
        body.put("valid", "active".equals(status));
        for (String k : List.of(
                "commodity",
                "main_product",
                "growing_area_code",
                "code_scope",
                "target_markets",
                "certifications",
                "area_ha",
                "households",
                "offtaker",
                "owner_type",
                "ocop_stars",
                "commune_code",
                "province_code",
                "sample",
                "source",
                "source_date")) {
            if (p.get(k) != null) {
                body.put(k, p.get(k));
            }
        }
        Optional<Commune> commune = p.get("commune_code") == null
                ? Optional.empty()
                : records.currentCommune(p.get("commune_code").toString());
        commune.ifPresent(c -> {
            body.put("commune_name", c.name());
            body.put("province_name", c.provinceName());
        });
        Geometry g = t.feature().geometry();
        body.put("geometry", g == null ? null : geoJson(g));
        if (g != null) {
            org.locationtech.jts.geom.Point c = g.getInteriorPoint();
            body.put("location", List.of(c.getX(), c.getY()));
        }
        body.put("producers", producers(t, base));
        body.put("links", links(t, base));
        return body;
    }

    /** Who grows or makes it, as a trace lists them. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Producer(String role, Object name, String farmId, String href) {}

    /** Who grows or makes it: a growing area's offtaker and (up to 25 in all) growers, or the producing farm itself. */
    private List<Producer> producers(Traced t, String base) {
        Map<String, Object> p = t.feature().properties();
        List<Producer> producers = new ArrayList<>();
        if (!t.zone()) {
            producers.add(new Producer(
                    "producer",
                    p.get("name"),
                    t.feature().id(),
                    base + "/collections/farms/items/" + segment(t.feature().id()) + "?f=html"));
            return producers;
        }
        if (p.get("offtaker") != null) {
            producers.add(new Producer("offtaker", p.get("offtaker"), null, null));
        }
        if (p.get("growing_area_code") != null) {
            for (Feature farm : records.growers(p.get("growing_area_code").toString(), 25 - producers.size())) {
                producers.add(new Producer(
                        "grower", farm.properties().get("name"), farm.id(), base + "/trace/" + segment(farm.id())));
            }
        }
        return producers;
    }

    private static List<Link> links(Traced t, String base) {
        Map<String, Object> p = t.feature().properties();
        List<Link> links = new ArrayList<>();
        links.add(new Link(base + "/trace/" + segment(t.code()) + "?f=json", "self", "application/json", "This trace"));
        links.add(new Link(
                base + "/trace/" + segment(t.code()) + "?f=html", "alternate", "text/html", "This trace as a page"));
        links.add(
                new Link(base + "/trace/" + segment(t.code()) + "/qr", "qr-code", "image/png", "QR code of this page"));
        links.add(new Link(
                base + "/collections/" + t.layer() + "/items/"
                        + segment(t.feature().id()),
                "item",
                "application/geo+json",
                t.zone() ? "The growing area" : "The producer"));
        if (!t.zone() && p.get("growing_area_code") != null) {
            links.add(new Link(
                    base + "/trace/" + segment((String) p.get("growing_area_code")),
                    "related",
                    "application/json",
                    "The growing area of this farm"));
        }
        if (p.get("commune_code") != null) {
            links.add(new Link(
                    base + "/collections/communes/items/" + p.get("commune_code") + "@2025-07-01?f=html",
                    "related",
                    "text/html",
                    "The commune"));
        }
        return links;
    }

    private Object geoJson(Geometry g) {
        StringWriter w = new StringWriter();
        try (tools.jackson.core.JsonGenerator gen = json.createGenerator(w)) {
            GeoJsonWriter.writeGeometry(gen, g);
        }
        return json.readTree(w.toString());
    }

    @SuppressWarnings("unchecked")
    private TracePage page(Traced t, Map<String, Object> body, Words words) {
        String geometry = json.writeValueAsString(body.get("geometry")).replace("<", "\\u003c");
        return new TracePage(
                t.kind().id(),
                t.code(),
                OL,
                Boolean.TRUE.equals(body.get("valid")),
                String.valueOf(body.get("status_message")),
                t.product() == null ? null : String.valueOf(t.product().name()),
                t.product() == null ? null : String.valueOf(t.product().stars()),
                String.valueOf(body.get("name")),
                rows(t, body, words),
                geometry,
                (List<Producer>) body.get("producers"),
                (List<Link>) body.get("links"),
                Urls.base() + "/trace/" + segment(t.code()) + "/qr?f=svg",
                Boolean.TRUE.equals(body.get("sample")));
    }

    /** The facts a person reads, under the catalogue's labels and value titles in the reader's language. */
    private Map<String, String> rows(Traced t, Map<String, Object> body, Words words) {
        String lang = words.lang();
        Map<String, String> rows = new LinkedHashMap<>();
        Layer layer = catalog.require(t.layer());
        for (String k : List.of(
                "growing_area_code",
                "commodity",
                "main_product",
                "certifications",
                "code_scope",
                "target_markets",
                "area_ha",
                "households",
                "owner_type",
                "ocop_stars",
                "commune_name",
                "province_name",
                "status")) {
            Object v = body.get(k);
            if (v == null) {
                continue;
            }
            Optional<PropertySpec> spec = layer.property(k);
            String label = spec.map(s -> s.title().in(lang))
                    .orElseGet(() -> k.equals("commune_name")
                            ? words.get("trace.commune")
                            : k.equals("province_name") ? words.get("trace.province") : k);
            List<?> values = v instanceof List<?> l ? l : List.of(v);
            String shown = String.join(
                    ", ",
                    values.stream()
                            .map(x -> spec.map(s -> s.valueTitle(x, lang)).orElse(String.valueOf(x)))
                            .toList());
            rows.put(
                    label,
                    spec.map(PropertySpec::unit)
                            .filter(u -> u != null && !u.isEmpty())
                            .map(u -> shown + " " + u)
                            .orElse(shown));
        }
        return rows;
    }

    @QueryParameters({"f", "size"})
    @GetMapping("/trace/{code}/qr")
    public ResponseEntity<?> qr(@PathVariable String code, HttpServletRequest request) {
        if (records.resolve(code).isEmpty()) {
            throw ApiException.notFound(
                    "no growing area, farm or OCOP product with code " + code + ": no QR code for it");
        }
        String f = request.getParameter("f");
        String accept = request.getHeader("Accept");
        boolean svg = f != null
                ? f.equals("svg")
                : accept != null && accept.contains("image/svg+xml") && !accept.startsWith("image/png");
        if (f != null && !f.equals("svg") && !f.equals("png")) {
            throw ApiException.badParameter("f", "f takes png or svg");
        }
        int size = (int) Parameters.wholeNumber("size", request.getParameter("size"), 330, 100, 2000);
        String url = Urls.base() + "/trace/" + segment(code);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .header("Cache-Control", "public, max-age=86400")
                .header(
                        "Content-Disposition",
                        "inline; filename=\"trace-" + code.replaceAll("[^A-Za-z0-9._-]", "_") + (svg ? ".svg" : ".png")
                                + "\"");
        return svg
                ? ok.contentType(MediaType.parseMediaType("image/svg+xml")).body(QrCodes.svg(url))
                : ok.contentType(MediaType.IMAGE_PNG).body(QrCodes.png(url, size));
    }

    private static String segment(String s) {
        return UriComponentsBuilder.newInstance()
                .pathSegment(s)
                .build()
                .encode()
                .toUriString()
                .substring(1);
    }
}
