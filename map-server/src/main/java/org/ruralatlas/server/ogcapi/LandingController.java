package org.ruralatlas.server.ogcapi;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The root, shared with the viewer: browsers asking for HTML get the viewer page (which carries
 * the landing links), clients asking for JSON get the OGC API landing page. Also {@code /conformance}.
 */
@RestController
public class LandingController {

    /** The conformance classes RuralAtlas implements: Features Parts 1–3 with every CQL2 class the filters honour, and Tiles. */
    public static final List<String> CONFORMANCE = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
                            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
                            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
                            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset"),
                    java.util.stream.Stream.concat(
                            org.ruralatlas.data.filter.Cql2.CONFORMANCE.stream(), EditPaths.CONFORMANCE.stream()))
            .toList();

    static final String OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0";

    private final Pages pages;

    public LandingController(Pages pages) {
        this.pages = pages;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/")
    public ResponseEntity<?> landing(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.VARY, Conditional.VARY);
        if (OutputFormat.of(request) == OutputFormat.HTML) {
            request.getRequestDispatcher("/index.html").forward(request, response);
            return null;
        }
        LandingPage body = new LandingPage(
                "RuralAtlas",
                "Open data on Vietnam's new rural development (nông thôn mới): farms, "
                        + "raw-material zones, NTM status of communes and rural tourism sites, as OGC API – Features.",
                links(Urls.base()));
        return pages.answerByContent(request, null, body, null, null);
    }

    /** The conformance declaration: the URIs of the classes the server implements. */
    public record Conformance(List<String> conformsTo) {}

    /** The landing page of OGC API – Features: a title, a description and the links a client starts from. */
    public record LandingPage(String title, String description, List<Link> links) {}

    private static List<Link> links(String base) {
        return List.of(
                new Link(base + "/?f=json", "self", "application/json", "This document"),
                new Link(base + "/?f=html", "alternate", "text/html", "The map viewer"),
                new Link(base + "/api", "service-desc", OPENAPI_JSON, "API definition (OpenAPI 3.0)"),
                new Link(base + "/api.html", "service-doc", "text/html", "API documentation"),
                new Link(base + "/conformance", "conformance", "application/json", "Conformance classes"),
                new Link(
                        base + "/conformance",
                        "http://www.opengis.net/def/rel/ogc/1.0/conformance",
                        "application/json",
                        "Conformance classes"),
                new Link(base + "/collections", "data", "application/json", "Collections"),
                new Link(
                        base + "/collections",
                        "http://www.opengis.net/def/rel/ogc/1.0/data",
                        "application/json",
                        "Collections"),
                new Link(
                        base + "/downloads",
                        "data",
                        "application/json",
                        "Whole layers to download (GeoJSON, CSV, GeoPackage, FlatGeobuf)"),
                new Link(
                        base + "/downloads/catalog.jsonld",
                        "describedby",
                        "application/ld+json",
                        "Data catalogue (DCAT-AP, JSON-LD)"),
                new Link(
                        base + "/tiles",
                        "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
                        "application/json",
                        "Vector tiles of every layer"),
                new Link(
                        base + "/tileMatrixSets",
                        "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes",
                        "application/json",
                        "Tile matrix sets"),
                new Link(base + "/ntm/criteria-sets", "related", "application/json", "NTM criteria sets"),
                new Link(
                        base + "/stats/ntm",
                        "related",
                        "application/json",
                        "NTM statistics per province (computed or reported)"),
                new Link(
                        base + "/ntm/survey-responses",
                        "related",
                        "text/csv",
                        "Citizen satisfaction survey responses (open data)"),
                new Link(base + "/planner.html", "related", "text/html", "NTM planner"),
                new Link(
                        base + "/search?q={q}",
                        "search",
                        "application/json",
                        "Search features by name (diacritics optional)"));
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/conformance")
    public ResponseEntity<?> conformance(HttpServletRequest request) {
        return pages.answerByContent(request, null, new Conformance(CONFORMANCE), "conformance.jte", CONFORMANCE);
    }
}
