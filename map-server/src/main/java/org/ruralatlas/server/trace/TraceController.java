package org.ruralatlas.server.trace;

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
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ntm.NtmRecords;
import org.ruralatlas.server.ogcapi.HtmlPage;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
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
    private final FeatureStore store;
    private final LayerCatalog catalog;
    private final JsonMapper json;

    public TraceController(NtmRecords records, FeatureStore store, LayerCatalog catalog, JsonMapper json) {
        this.records = records;
        this.store = store;
        this.catalog = catalog;
        this.json = json;
    }

    /** What a code resolves to. */
    record Trace(String code, String kind, Feature feature, String layer, Map<String, Object> product) {}

    Optional<Trace> resolve(String code) {
        if (code.length() > 80) {
            return Optional.empty();
        }
        List<Feature> zones = records.list("zones", Map.of("growing_area_code", code));
        if (!zones.isEmpty()) {
            return Optional.of(new Trace(code, "growing_area", zones.get(0), "zones", null));
        }
        Optional<Feature> zone = store.get(catalog.require("zones"), code);
        if (zone.isPresent()) {
            return Optional.of(new Trace(code, "zone", zone.get(), "zones", null));
        }
        Optional<Feature> farm = store.get(catalog.require("farms"), code);
        if (farm.isPresent()) {
            return Optional.of(new Trace(code, "farm", farm.get(), "farms", null));
        }
        java.util.regex.Matcher ocop = java.util.regex.Pattern.compile("OCOP-(\\d{5})-\\d+").matcher(code);
        if (ocop.matches()) {
            Optional<Feature> producer = store.get(catalog.require("farms"), "farm-" + ocop.group(1));
            if (producer.isPresent() && producer.get().properties().get("ocop_products") instanceof List<?> products) {
                for (Object o : products) {
                    if (o instanceof Map<?, ?> m && code.equals(m.get("id"))) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> product = (Map<String, Object>) m;
                        return Optional.of(new Trace(code, "ocop_product", producer.get(), "farms", product));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/trace/{code}")
    public ResponseEntity<?> trace(@PathVariable String code, HttpServletRequest request) {
        OutputFormat format = OutputFormat.of(request);
        String lang = Urls.language(request);
        Optional<Trace> found = resolve(code);
        if (found.isEmpty()) {
            if (format == OutputFormat.HTML) {
                StringWriter w = new StringWriter();
                HtmlPage page = HtmlPage.start(w, lang, "en".equals(lang) ? "Unknown code" : "Không tìm thấy mã");
                page.raw("<p class=\"status unknown\" style=\"background:#fde2e1;padding:1rem;font-size:1.2rem\">")
                        .text("en".equals(lang)
                                ? "The code " + code + " is not a growing-area code, farm or OCOP product known to RuralAtlas. "
                                        + "Check the code on the label; a product whose code cannot be found should not be trusted."
                                : "Mã " + code + " không phải mã vùng trồng, cơ sở sản xuất hay sản phẩm OCOP mà RuralAtlas biết. "
                                        + "Hãy kiểm tra lại mã trên nhãn; không nên tin sản phẩm có mã không tra được.")
                        .raw("</p>");
                page.finish();
                return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                        .body(w.toString());
            }
            throw ApiException.notFound("no growing area, farm or OCOP product with code " + code);
        }
        Trace t = found.get();
        Map<String, Object> body = describe(t, lang);
        if (format == OutputFormat.HTML) {
            return ResponseEntity.ok().header("Cache-Control", "no-cache")
                    .contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(html(t, body, lang));
        }
        return ResponseEntity.ok().header("Cache-Control", "no-cache").contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private Map<String, Object> describe(Trace t, String lang) {
        Map<String, Object> p = t.feature().properties();
        String base = Urls.base();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", t.code());
        body.put("kind", t.kind());
        if (t.product() != null) {
            body.put("product", t.product());
        }
        body.put("id", t.feature().id());
        body.put("name", p.get("name"));
        String status = t.layer().equals("zones") ? (String) p.get("status") : "active";
        body.put("status", status);
        body.put("status_message", statusMessage(status, lang));
        body.put("valid", "active".equals(status));
        for (String k : List.of("commodity", "main_product", "growing_area_code", "code_scope", "target_markets",
                "certifications", "area_ha", "households", "offtaker", "owner_type", "ocop_stars", "commune_code",
                "province_code", "sample", "source", "source_date")) {
            if (p.get(k) != null) {
                body.put(k, p.get(k));
            }
        }
        List<Feature> communes = p.get("commune_code") == null ? List.of()
                : records.list("communes", Map.of("code", p.get("commune_code")), NtmRecords.today());
        if (!communes.isEmpty()) {
            body.put("commune_name", communes.get(0).properties().get("name"));
            body.put("province_name", communes.get(0).properties().get("province_name"));
        }
        Geometry g = t.feature().geometry();
        body.put("geometry", g == null ? null : geoJson(g));
        if (g != null) {
            org.locationtech.jts.geom.Point c = g.getInteriorPoint();
            body.put("location", List.of(c.getX(), c.getY()));
        }
        List<Link> links = new ArrayList<>();
        links.add(new Link(base + "/trace/" + segment(t.code()) + "?f=json", "self", "application/json", "This trace"));
        links.add(new Link(base + "/trace/" + segment(t.code()) + "?f=html", "alternate", "text/html", "This trace as a page"));
        links.add(new Link(base + "/trace/" + segment(t.code()) + "/qr", "qr-code", "image/png", "QR code of this page"));
        links.add(new Link(base + "/collections/" + t.layer() + "/items/" + segment(t.feature().id()), "item",
                "application/geo+json", t.layer().equals("zones") ? "The growing area" : "The producer"));
        List<Map<String, Object>> producers = new ArrayList<>();
        if (t.layer().equals("zones")) {
            if (p.get("offtaker") != null) {
                producers.add(Map.of("role", "offtaker", "name", p.get("offtaker")));
            }
            String gac = (String) p.get("growing_area_code");
            if (gac != null) {
                for (Feature farm : records.list("farms", Map.of("growing_area_code", gac))) {
                    if (producers.size() >= 25) {
                        break;
                    }
                    producers.add(Map.of("role", "grower", "name", farm.properties().get("name"), "farm_id", farm.id(),
                            "href", base + "/trace/" + segment(farm.id())));
                }
            }
        } else {
            producers.add(Map.of("role", "producer", "name", p.get("name"), "farm_id", t.feature().id(),
                    "href", base + "/collections/farms/items/" + segment(t.feature().id()) + "?f=html"));
            if (p.get("growing_area_code") != null) {
                links.add(new Link(base + "/trace/" + segment((String) p.get("growing_area_code")), "related", "application/json",
                        "The growing area of this farm"));
            }
        }
        if (p.get("commune_code") != null) {
            links.add(new Link(base + "/collections/communes/items/" + p.get("commune_code") + "@2025-07-01?f=html", "related",
                    "text/html", "The commune"));
        }
        body.put("producers", producers);
        body.put("links", links);
        return body;
    }

    private Object geoJson(Geometry g) {
        StringWriter w = new StringWriter();
        try (tools.jackson.core.JsonGenerator gen = json.createGenerator(w)) {
            GeoJsonWriter.writeGeometry(gen, g);
        }
        return json.readTree(w.toString());
    }

    static String statusMessage(String status, String lang) {
        boolean en = "en".equals(lang);
        return switch (status == null ? "" : status) {
            case "active" -> en ? "Active: the code is valid." : "Còn hiệu lực: mã hợp lệ.";
            case "suspended" -> en ? "SUSPENDED: this code is suspended and may not be used on produce now."
                    : "ĐANG BỊ TẠM DỪNG: mã này đang bị tạm dừng, không được dùng cho nông sản lúc này.";
            case "revoked" -> en ? "REVOKED: this code has been withdrawn and is no longer valid."
                    : "ĐÃ BỊ THU HỒI: mã này đã bị thu hồi, không còn hiệu lực.";
            case "expired" -> en ? "EXPIRED: this code is past its validity and must be renewed."
                    : "ĐÃ HẾT HẠN: mã này đã hết hiệu lực, cần được cấp lại.";
            default -> en ? "Status unknown." : "Không rõ trạng thái.";
        };
    }

    private String html(Trace t, Map<String, Object> body, String lang) {
        boolean en = "en".equals(lang);
        StringWriter w = new StringWriter();
        String title = kindLabel(t.kind(), en) + " " + t.code();
        HtmlPage page = HtmlPage.start(w, lang, title);
        page.raw("<link rel=\"stylesheet\" href=\"").text(Urls.base() + "/" + OL + "ol.css").raw("\">");
        boolean valid = Boolean.TRUE.equals(body.get("valid"));
        page.raw("<p class=\"status " + (valid ? "ok" : "invalid") + "\" style=\"padding:1rem;font-size:1.2rem;background:"
                + (valid ? "#e3f4e6" : "#fde2e1") + "\"><strong>").text(String.valueOf(body.get("status_message")))
                .raw("</strong></p>");
        if (t.product() != null) {
            page.paragraph((en ? "OCOP product: " : "Sản phẩm OCOP: ") + t.product().get("name") + " — "
                    + t.product().get("stars") + "★");
        }
        page.heading(String.valueOf(body.get("name")));
        Map<String, Object> rows = new LinkedHashMap<>();
        Layer layer = catalog.require(t.layer());
        for (String k : List.of("growing_area_code", "commodity", "main_product", "certifications", "code_scope",
                "target_markets", "area_ha", "households", "owner_type", "ocop_stars", "commune_name", "province_name", "status")) {
            Object v = body.get(k);
            if (v == null) {
                continue;
            }
            Optional<PropertySpec> spec = layer.property(k);
            String label = spec.map(s -> s.title().in(lang)).orElseGet(() -> k.equals("commune_name")
                    ? (en ? "Commune" : "Xã") : k.equals("province_name") ? (en ? "Province" : "Tỉnh") : k);
            List<?> values = v instanceof List<?> l ? l : List.of(v);
            String shown = String.join(", ", values.stream()
                    .map(x -> spec.map(s -> s.valueTitle(x, lang)).orElse(String.valueOf(x))).toList());
            rows.put(label, spec.map(PropertySpec::unit).filter(u -> u != null && !u.isEmpty()).map(u -> shown + " " + u).orElse(shown));
        }
        page.table(rows);
        page.raw("<div id=\"trace-map\" style=\"height:320px;margin:1rem 0;border:1px solid #ccc\"></div>");
        page.raw("<script type=\"application/json\" id=\"trace-geometry\">")
                .raw(json.writeValueAsString(body.get("geometry")).replace("<", "\\u003c")).raw("</script>");
        page.heading(en ? "Producers" : "Nhà sản xuất");
        page.raw("<ul>");
        for (Object o : (List<?>) body.get("producers")) {
            Map<?, ?> pr = (Map<?, ?>) o;
            page.raw("<li>").text(String.valueOf(pr.get("role")) + ": ");
            if (pr.get("href") != null) {
                page.link(String.valueOf(pr.get("href")), String.valueOf(pr.get("name")));
            } else {
                page.text(String.valueOf(pr.get("name")));
            }
            page.raw("</li>");
        }
        page.raw("</ul>");
        @SuppressWarnings("unchecked")
        List<Link> links = (List<Link>) body.get("links");
        page.links(links);
        page.raw("<p><img alt=\"QR\" width=\"164\" height=\"164\" src=\"").text(Urls.base() + "/trace/" + segment(t.code()) + "/qr?f=svg")
                .raw("\"></p>");
        if (Boolean.TRUE.equals(body.get("sample"))) {
            page.paragraph(en ? "Illustrative sample record, not a real observation." : "Bản ghi minh hoạ, không phải dữ liệu thật.");
        }
        page.raw("<script src=\"").text(Urls.base() + "/" + OL + "dist/ol.js").raw("\"></script>");
        page.raw("<script type=\"module\" src=\"").text(Urls.base() + "/trace.js").raw("\"></script>");
        page.finish();
        return w.toString();
    }

    private static String kindLabel(String kind, boolean en) {
        return switch (kind) {
            case "growing_area" -> en ? "Growing area" : "Vùng trồng";
            case "zone" -> en ? "Zone" : "Vùng nguyên liệu";
            case "farm" -> en ? "Farm" : "Cơ sở sản xuất";
            default -> en ? "OCOP product" : "Sản phẩm OCOP";
        };
    }

    @QueryParameters({"f", "size"})
    @GetMapping("/trace/{code}/qr")
    public ResponseEntity<?> qr(@PathVariable String code, HttpServletRequest request) {
        if (resolve(code).isEmpty()) {
            throw ApiException.notFound("no growing area, farm or OCOP product with code " + code + ": no QR code for it");
        }
        String f = request.getParameter("f");
        String accept = request.getHeader("Accept");
        boolean svg = f != null ? f.equals("svg") : accept != null && accept.contains("image/svg+xml") && !accept.startsWith("image/png");
        if (f != null && !f.equals("svg") && !f.equals("png")) {
            throw ApiException.badParameter("f", "f takes png or svg");
        }
        int size = (int) Parameters.wholeNumber("size", request.getParameter("size"), 330, 100, 2000);
        String url = Urls.base() + "/trace/" + segment(code);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().header("Cache-Control", "public, max-age=86400")
                .header("Content-Disposition", "inline; filename=\"trace-" + code.replaceAll("[^A-Za-z0-9._-]", "_")
                        + (svg ? ".svg" : ".png") + "\"");
        return svg ? ok.contentType(MediaType.parseMediaType("image/svg+xml")).body(QrCodes.svg(url))
                : ok.contentType(MediaType.IMAGE_PNG).body(QrCodes.png(url, size));
    }

    private static String segment(String s) {
        return UriComponentsBuilder.newInstance().pathSegment(s).build().encode().toUriString().substring(1);
    }
}
