package org.ruralatlas.server.ogcapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.geo.Crs;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;

/**
 * The OpenAPI 3.0 definition of what the server really answers, built from the layer catalogue:
 * one path per collection, so each declares its own property filters with their allowed values.
 * Parameter definitions follow the OGC API – Features Part 1 building blocks.
 */
public final class OpenApiDocument {

    private static final String GEOJSON = "application/geo+json";
    private static final String JSON = "application/json";
    private static final String HTML = "text/html";
    private static final String PROBLEM = "application/problem+json";

    private static final List<String> FILTERING = ItemsParameters.FILTERING;

    private OpenApiDocument() {}

    public static Map<String, Object> build(LayerCatalog catalog, CrsOffer crsOffer, String base) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", map("title", "RuralAtlas", "version", "0.1.0",
                "description", "Open data on Vietnam's new rural development (NTM) programme as OGC API – Features: "
                        + "farms, raw-material zones, NTM status of communes, rural tourism sites and provinces. "
                        + "Records marked sample=true are illustrative.",
                "license", map("name", "Apache-2.0 (software); data licences per collection",
                        "url", "https://www.apache.org/licenses/LICENSE-2.0")));
        doc.put("servers", List.of(map("url", base)));
        doc.put("tags", List.of(map("name", "Capabilities"), map("name", "Data"), map("name", "NTM"),
                map("name", "Traceability"), map("name", "Surveys")));

        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/", get("getLandingPage", "Capabilities", "Landing page (JSON) or the map viewer (HTML)",
                List.of(ref("f")), ok("The landing page", JSON, schemaRef("landingPage"), true)));
        paths.put("/conformance", get("getConformanceDeclaration", "Capabilities", "Conformance classes implemented",
                List.of(ref("f")), ok("The conformance declaration", JSON, schemaRef("confClasses"), true)));
        paths.put("/api", get("getApiDefinition", "Capabilities", "This API definition",
                List.of(ref("f")), ok("The OpenAPI definition", LandingController.OPENAPI_JSON, map("type", "object"), true)));
        paths.put("/collections", get("getCollections", "Capabilities", "The feature collections",
                List.of(ref("f")), ok("The collections", JSON, schemaRef("collections"), true)));
        for (Layer layer : catalog.collections()) {
            String c = "/collections/" + layer.id();
            String title = layer.title().en();
            paths.put(c, get("describe_" + layer.id(), "Capabilities", "Metadata of " + title,
                    List.of(ref("f")), ok("The collection", JSON, schemaRef("collection"), true)));
            List<Object> params = new ArrayList<>(List.of(ref("limit"), ref("offset"), ref("cursor"), ref("bbox"), ref("bbox-crs"),
                    ref("datetime"), ref("crs"), ref("f")));
            FILTERING.forEach(name -> params.add(ref(name)));
            equalityParameters(layer, params);
            Map<String, Object> items = get("getFeatures_" + layer.id(), "Data", "Features of " + title
                    + (layer.temporal() == null
                            ? ". This collection has no temporal properties: datetime is validated and selects every feature."
                            : ". datetime selects features valid on some day of the instant or interval (by "
                                    + layer.temporal().start() + " and " + layer.temporal().end() + "); without it, the units valid today."),
                    params, ok("The features, streamed as GeoJSON", GEOJSON, schemaRef("featureCollectionGeoJSON"), true));
            paths.put(c + "/items", items);
            paths.put(c + "/items/{featureId}", get("getFeature_" + layer.id(), "Data", "One feature of " + title,
                    List.of(ref("featureId"), ref("crs"), ref("f")), ok("The feature", GEOJSON, schemaRef("featureGeoJSON"), true)));
            paths.put(c + "/schema", get("getSchema_" + layer.id(), "Capabilities", "JSON Schema of the properties of " + title,
                    List.of(), ok("The schema", "application/schema+json", map("type", "object"), false)));
            paths.put(c + "/queryables", get("getQueryables_" + layer.id(), "Capabilities", "Properties of " + title
                    + " that can be filtered on", List.of(), ok("The queryables", "application/schema+json", map("type", "object"), false)));
        }
        tilePaths(paths, catalog);
        ntmPaths(paths);
        tracePaths(paths);
        surveyPaths(paths);
        searchPath(paths, catalog);
        downloadPaths(paths, catalog);
        EditPaths.add(paths, catalog);
        doc.put("paths", paths);
        doc.put("components", map("parameters", parameters(crsOffer), "schemas", schemas(), "responses", errorResponses()));
        EditPaths.addSecurity(doc);
        return doc;
    }

    /** OGC API – Tiles: the grid, the tilesets (every layer, and each collection) and offline packages. */
    private static void tilePaths(Map<String, Object> paths, LayerCatalog catalog) {
        Map<String, Object> json = map("type", "object");
        paths.put("/tileMatrixSets", get("getTileMatrixSetsList", "Tiles", "The tile matrix sets", List.of(),
                ok("The list", JSON, json, false)));
        paths.put("/tileMatrixSets/{tileMatrixSetId}", get("getTileMatrixSet", "Tiles", "A tile matrix set (WebMercatorQuad)",
                List.of(ref("tileMatrixSetId")), ok("The tile matrix set, OGC 2DTMS JSON", JSON, json, false)));
        List<Object> tileParams = List.of(ref("tileMatrixSetId"), ref("tileMatrix"), ref("tileRow"), ref("tileCol"),
                query("v", "The tileset's data version, as its tile URLs give it: while current, the tile is served as immutable "
                        + "(Cache-Control: immutable, ruralatlas.tiles.versioned-max-age); any other value gets the current tile, revalidated",
                        map("type", "string")));
        Map<String, Object> mvt = map("description", "A Mapbox Vector Tile 2.1; 204 when the tile has no features",
                "content", map("application/vnd.mapbox-vector-tile", map("schema", map("type", "string", "format", "binary"))));
        paths.put("/tiles", get("getDatasetTilesets", "Tiles", "Vector tilesets with every layer", List.of(), ok("The tilesets", JSON, json, false)));
        paths.put("/tiles/{tileMatrixSetId}", get("getDatasetTileset", "Tiles", "Tileset metadata (OGC and TileJSON 3.0)",
                List.of(ref("tileMatrixSetId")), ok("The tileset", JSON, json, false)));
        paths.put("/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", get("getDatasetTile", "Tiles",
                "A vector tile with every layer at its zooms", tileParams, mvt));
        for (Layer layer : catalog.collections()) {
            String c = "/collections/" + layer.id() + "/tiles";
            paths.put(c, get("getTilesets_" + layer.id(), "Tiles", "Vector tilesets of " + layer.title().en(), List.of(),
                    ok("The tilesets", JSON, json, false)));
            paths.put(c + "/{tileMatrixSetId}", get("getTileset_" + layer.id(), "Tiles", "Tileset metadata of " + layer.title().en(),
                    List.of(ref("tileMatrixSetId")), ok("The tileset", JSON, json, false)));
            paths.put(c + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", get("getTile_" + layer.id(), "Tiles",
                    "A vector tile of " + layer.title().en() + " (zooms " + layer.tiles().minzoom() + "–" + layer.tiles().maxzoom() + ")",
                    tileParams, mvt));
        }
        List<Object> area = List.of(map("name", "province", "in", "query", "required", false, "description", "Province name or code, diacritics optional",
                "schema", map("type", "string")), ref("bbox"),
                map("name", "zooms", "in", "query", "required", false, "description", "Zoom range from-to (default 6-14)",
                        "schema", map("type", "string", "pattern", "^[0-9]{1,2}(-[0-9]{1,2})?$")));
        paths.put("/tiles/offline", get("getOfflinePackage", "Tiles", "An offline package: every layer's tiles over a province or bbox "
                + "as an MBTiles file (at most 100,000 tiles; range requests supported)", area,
                map("description", "The MBTiles file", "content", map("application/vnd.sqlite3",
                        map("schema", map("type", "string", "format", "binary"))))));
        List<Object> planParams = new ArrayList<>(area);
        planParams.add(map("name", "etags", "in", "query", "required", false, "description", "true: each tile with the ETag it has in "
                + "the server's cache (\"\" when not cached), so a saved copy with that tag need not be asked for",
                "schema", map("type", "boolean", "default", false)));
        Map<String, Object> plan = get("getOfflinePlan", "Tiles", "What saving an area for offline use takes: the tiles of every "
                + "layer over a province or bbox (at most 100,000), their count and bytes (from the tile cache, else estimated), the data "
                + "version and the tiles' list. Rate-limited per client (429 with Retry-After)", planParams,
                ok("The plan", JSON, map("type", "object"), false));
        @SuppressWarnings("unchecked")
        Map<String, Object> planResponses = (Map<String, Object>) ((Map<String, Object>) plan.get("get")).get("responses");
        planResponses.put("429", map("description", "Too many plans asked from this client; Retry-After says when to come back",
                "content", map(PROBLEM, map("schema", schemaRef("problem")))));
        paths.put("/tiles/offline/plan", plan);
    }

    /** The NTM programme: communes, criteria catalogue, targets, assessments, statistics, history. */
    private static void ntmPaths(Map<String, Object> paths) {
        Map<String, Object> json = map("type", "object");
        Map<String, Object> date = map("type", "string", "format", "date");
        Map<String, Object> asOf = query("as_of", "The day the statistics are for (default today in Vietnam); before "
                + "2025-07-01 they are grouped by the 63 pre-2025 provinces, from then by the 34 current ones", date);
        Map<String, Object> province = query("province", "A 2-digit province code (pre-2025 code before 2025-07-01)",
                map("type", "string", "pattern", "^[0-9]{2}$"));
        Map<String, Object> set = query("criteria_set", "The criteria set (default commune_2021_2025)", map("type", "string"));
        Map<String, Object> criterion = query("criterion", "A criterion or indicator number of the set, e.g. 8.4", map("type", "string"));
        paths.put("/ntm/communes/{code}", get("getNtmCommune", "NTM", "One current commune's NTM picture: level, criteria "
                + "met and not met (named), satisfaction this quarter, predecessors, growing areas, links to history and survey",
                List.of(map("name", "code", "in", "path", "required", true, "description", "5-digit commune code",
                        "schema", map("type", "string")), ref("f")), ok("The commune", JSON, json, true)));
        paths.put("/ntm/criteria-sets", get("getCriteriaSets", "NTM", "The NTM criteria sets (catalogue data)",
                List.of(ref("f")), ok("The criteria sets", JSON, json, true)));
        paths.put("/ntm/criteria-sets/{setId}", get("getCriteriaSet", "NTM", "One criteria set: criteria and indicators, "
                + "names in Vietnamese and English, digital-transformation flag", List.of(map("name", "setId", "in", "path",
                "required", true, "schema", map("type", "string")), ref("f")), ok("The criteria set", JSON, json, true)));
        paths.put("/ntm/targets", get("getTargets", "NTM", "Programme targets (data, with sources and verification flags)",
                List.of(ref("f")), ok("The targets", JSON, json, true)));
        paths.put("/ntm/assessments", get("getAssessments", "NTM", "Per-commune criteria assessments; with criterion, "
                + "whether each commune meets it (true, false, or null when unknown)", List.of(
                query("commune", "A 5-digit commune code", map("type", "string", "pattern", "^[0-9]{5}$")), province, set,
                criterion, query("met", "With criterion: only communes that meet it (true) or not (false)", map("type", "boolean")),
                query("level", "NTM level", map("type", "string", "enum", List.of("none", "ntm", "advanced", "model", "modern_pilot"))),
                query("limit", "At most this many (1–10000, default 100)", map("type", "integer")),
                query("offset", "Skip this many", map("type", "integer")), ref("f")), ok("The assessments", JSON, json, true)));
        paths.put("/stats/ntm", get("getNtmStatistics", "NTM", "NTM statistics per province for a date: counts and shares "
                + "by level (cumulative), average criteria met, per-criterion pass rates, satisfaction, and each province's "
                + "gap to each target; computed from the features or as reported by provinces, never mixed", List.of(asOf,
                query("source", "computed (default) or reported", map("type", "string", "enum", List.of("computed", "reported"))),
                province, set, query("f", "json, csv or html (or the Accept header)", map("type", "string",
                        "enum", List.of("json", "csv", "html")))),
                with(ok("The statistics", JSON, json, true), "content", map(JSON, map("schema", json),
                        "text/csv", map("schema", map("type", "string")), HTML, map("schema", map("type", "string"))))));
        paths.put("/stats/ntm/communes", get("getNtmCommuneValues", "NTM", "Commune code → level, criteria met or one "
                + "criterion's pass/fail, to join to the communes vector tiles", List.of(query("value", "level, criteria_met or "
                + "criterion", map("type", "string", "enum", List.of("level", "criteria_met", "criterion"))), criterion, set, asOf,
                province), ok("The values", JSON, json, false)));
        paths.put("/collections/communes/items/{featureId}/history", get("getCommuneHistory", "NTM", "The pre-2025 units "
                + "a commune was made from and their recognitions; a derived pre-merger NTM share, labelled derived",
                List.of(ref("featureId"), ref("f")), ok("The history", JSON, json, true)));
    }

    /** Traceability: what a code is, and its QR code. */
    private static void tracePaths(Map<String, Object> paths) {
        Map<String, Object> json = map("type", "object");
        Map<String, Object> code = codeParameter();
        paths.put("/trace/{code}", get("getTrace", "Traceability", "What a growing-area code, zone, farm or OCOP product id "
                + "is: certifications, status (revoked, suspended and expired said clearly), location, producer",
                List.of(code, ref("f")), ok("The trace", JSON, json, true)));
        paths.put("/trace/{code}/qr", get("getTraceQr", "Traceability", "QR code of the trace page's URL", List.of(code,
                query("f", "png (default) or svg", map("type", "string", "enum", List.of("png", "svg"))),
                query("size", "PNG size in pixels (100–2000, default 330)", map("type", "integer"))),
                map("description", "The QR code", "content", map("image/png", map("schema", map("type", "string", "format", "binary")),
                        "image/svg+xml", map("schema", map("type", "string"))))));
    }

    /** The satisfaction survey: form, challenge, responses, results and the open data of every response. */
    private static void surveyPaths(Map<String, Object> paths) {
        Map<String, Object> json = map("type", "object");
        Map<String, Object> code = codeParameter();
        paths.put("/ntm/survey/{code}", get("getSurveyForm", "Surveys", "The satisfaction survey of a rural commune: "
                + "questions (JSON) or the mobile form (HTML)", List.of(code, ref("f")), ok("The survey", JSON, json, true)));
        paths.put("/ntm/survey/{code}/challenge", get("getSurveyChallenge", "Surveys", "A single-use proof-of-work "
                + "challenge for one response", List.of(code), ok("The challenge", JSON, json, false)));
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("tags", List.of("Surveys"));
        post.put("summary", "Submit a response: one per device per quarter, with a solved challenge; rate-limited per "
                + "client address and per commune; nothing personal is stored");
        post.put("operationId", "postSurveyResponse");
        post.put("parameters", List.of(code));
        post.put("requestBody", map("required", true, "content", map(JSON, map("schema", map("type", "object",
                "required", List.of("challenge", "nonce", "device", "overall"), "properties", map(
                        "challenge", map("type", "string"), "nonce", map("type", "string"),
                        "device", map("type", "string", "pattern", "^[A-Za-z0-9_-]{16,128}$"),
                        "overall", map("type", "integer", "minimum", 1, "maximum", 5),
                        "topics", map("type", "object", "additionalProperties", map("type", "integer", "minimum", 1, "maximum", 5))))))));
        post.put("responses", map("201", map("description", "Stored; the commune's results follow"),
                "409", map("description", "This device already answered this period (nothing stored), or the proof-of-work challenge "
                        + "was already used, on this server or another (problem+json: get a new challenge)"),
                "400", map("$ref", "#/components/responses/BadRequest"),
                "422", map("description", "A rating or the proof of work is invalid", "content", map(PROBLEM, map("schema", schemaRef("problem")))),
                "429", map("description", "Too many responses from this address or for this commune (Retry-After)",
                        "content", map(PROBLEM, map("schema", schemaRef("problem"))))));
        paths.put("/ntm/survey/{code}/responses", map("post", post));
        paths.put("/ntm/survey/{code}/results", get("getSurveyResults", "Surveys", "The commune's satisfaction this period",
                List.of(code, ref("f")), ok("The results", JSON, json, true)));
        paths.put("/ntm/survey-responses", get("getSurveyResponses", "Surveys", "Every response of a period as open data "
                + "(CSV or JSON): commune, date and ratings, no identifier", List.of(
                query("period", "e.g. 2026-Q4 (default: this quarter)", map("type", "string", "pattern", "^[0-9]{4}-Q[1-4]$")),
                query("commune", "A 5-digit commune code", map("type", "string")),
                query("f", "csv or json", map("type", "string", "enum", List.of("csv", "json")))),
                map("description", "The responses", "content", map("text/csv", map("schema", map("type", "string")),
                        JSON, map("schema", json)))));
    }

    private static Map<String, Object> codeParameter() {
        return map("name", "code", "in", "path", "required", true, "description",
                "A growing-area code, zone id, farm id or OCOP product id (trace); a 5-digit commune code (survey)",
                "schema", map("type", "string"));
    }

    /** An optional query parameter in the form style OGC API Features uses (one value, lists comma-separated). */
    private static Map<String, Object> formQuery(String name, String description, Map<String, Object> schema) {
        return map("name", name, "in", "query", "required", false, "style", "form", "explode", false, "description", description,
                "schema", schema);
    }

    private static Map<String, Object> query(String name, String description, Map<String, Object> schema) {
        return map("name", name, "in", "query", "required", false, "description", description, "schema", schema);
    }

    /** {@code /search}: features by name, for search boxes. */
    private static void searchPath(Map<String, Object> paths, LayerCatalog catalog) {
        List<String> layers = catalog.collections().stream().map(Layer::id).toList();
        Map<String, Object> result = map("type", "object", "properties", map(
                "id", map("type", "string"), "layer", map("type", "string", "enum", layers),
                "name", map("type", "string"), "label", map("type", "string", "description", "Commune and province the feature lies in"),
                "match", map("type", "string", "enum", List.of("exact", "prefix", "fuzzy", "fuzzy_prefix"),
                        "description", "The weakest way a query word matched"),
                "score", map("type", "number"),
                "point", map("type", "array", "items", map("type", "number"), "description", "A point on the feature, longitude, latitude"),
                "bbox", map("type", "array", "items", map("type", "number"), "description", "minx, miny, maxx, maxy (CRS84)"),
                "href", map("type", "string", "description", "The feature in the items API")));
        Map<String, Object> body = map("type", "object", "properties", map("query", map("type", "string"),
                "numberReturned", map("type", "integer"), "results", map("type", "array", "items", result)));
        paths.put("/search", get("search", "Data", "Find tourism sites, communes, provinces, zones and farms by name. "
                        + "Insensitive to case, diacritics, tone-mark placement (Hoà/Hòa), Unicode form and đ/Đ; the last word may be "
                        + "unfinished (autocomplete) and words of four letters or more may carry one typo. Best matches first.",
                List.of(map("name", SearchText.NAME, "in", "query", "required", true, "description", SearchText.DESCRIPTION,
                                "schema", SearchText.schema()),
                        map("name", Limit.SEARCH.name(), "in", "query", "required", false, "description", Limit.SEARCH.description(),
                                "schema", Limit.SEARCH.schema()),
                        formQuery("layers", "Only these layers", map("type", "array", "items", map("type", "string", "enum", layers))),
                        ref("bbox")),
                ok("The results, best first", JSON, body, false)));
    }

    /** Open-data downloads: the catalogue in three vocabularies, and each layer as a file. */
    private static void downloadPaths(Map<String, Object> paths, LayerCatalog catalog) {
        Map<String, Object> json = map("type", "object");
        paths.put("/downloads", get("getDownloads", "Downloads", "The download catalogue: per layer its licence, attribution, feature "
                + "count, extent, last change, files with their sizes, and data dictionary", List.of(ref("f")),
                ok("The catalogue", JSON, json, true)));
        paths.put("/downloads/catalog.jsonld", get("getDcatCatalog", "Downloads", "The catalogue in DCAT-AP (JSON-LD): a dcat:Dataset "
                + "per layer, a dcat:Distribution per format", List.of(), ok("The DCAT catalogue", "application/ld+json", json, false)));
        paths.put("/data.json", get("getDataJson", "Downloads", "The catalogue in the Project Open Data schema v1.1", List.of(),
                ok("The data.json catalogue", JSON, json, false)));
        Map<String, Object> binary = map("schema", map("type", "string", "format", "binary"));
        for (Layer layer : catalog.all()) {
            // a record table (no geometry) has no FlatGeobuf and no spatial or validity filters
            boolean spatial = layer.hasGeometry();
            List<Object> params = new ArrayList<>(List.of(
                    map("name", "format", "in", "path", "required", true, "description", spatial ? "geojson (RFC 7946), csv (UTF-8, WKT "
                            + "geometry, lon/lat for points), gpkg (OGC GeoPackage) or fgb (FlatGeobuf with a packed Hilbert R-tree)"
                            : "geojson (RFC 7946, features with null geometry), csv (UTF-8) or gpkg (OGC GeoPackage attributes table)",
                            "schema", map("type", "string", "enum", spatial ? List.of("geojson", "csv", "gpkg", "fgb")
                                    : List.of("geojson", "csv", "gpkg")))));
            if (spatial) {
                params.addAll(List.of(ref("bbox"), ref("bbox-crs"), ref("datetime"),
                        map("name", "province", "in", "query", "required", false, "description", "Only features meeting a current "
                                + "province (name, diacritics optional, or code); not with bbox", "schema", map("type", "string"))));
            }
            params.add(map("name", "bom", "in", "query", "required", false, "description", "CSV only: true starts the file with a "
                    + "UTF-8 byte-order mark, for Excel", "schema", map("type", "boolean", "default", false)));
            FILTERING.stream().filter(name -> spatial || !name.equals("filter-crs") && !name.equals("skipGeometry"))
                    .forEach(name -> params.add(ref(name)));
            equalityParameters(layer, params);
            Map<String, Object> op = get("download_" + layer.id(), "Downloads", layer.title().en() + " as a file: the whole layer "
                    + "(produced once per data version; ranges, ETag, Last-Modified; gzip for text formats when asked), or the features "
                    + "the filters select (streamed). Rate-limited per client (429 with Retry-After); exports beyond the concurrent "
                    + "maximum wait their turn (503 with Retry-After when the wait is too long).", params,
                    map("description", "The file, as an attachment named ruralatlas-" + layer.id() + "-<date of the data>.<format>",
                            "content", map(GEOJSON, binary, "text/csv", binary, "application/geopackage+sqlite3", binary,
                                    "application/flatgeobuf", binary)));
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) op.get("get")).get("responses");
            responses.put("206", map("description", "Part of a whole-layer file (Range)"));
            responses.put("429", map("description", "Too many downloads from this client; Retry-After says when to come back",
                    "content", map(PROBLEM, map("schema", schemaRef("problem")))));
            paths.put("/downloads/" + layer.id() + ".{format}", op);
        }
    }

    private static Map<String, Object> get(String operationId, String tag, String summary, List<Object> parameters,
            Map<String, Object> ok) {
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ok);
        responses.put("304", map("description", "Not modified: the copy named in If-None-Match is current"));
        responses.put("400", map("$ref", "#/components/responses/BadRequest"));
        responses.put("404", map("$ref", "#/components/responses/NotFound"));
        responses.put("500", map("$ref", "#/components/responses/ServerError"));
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(tag));
        op.put("summary", summary);
        op.put("operationId", operationId);
        op.put("parameters", parameters);
        op.put("responses", responses);
        return map("get", op);
    }

    private static Map<String, Object> ok(String description, String type, Map<String, Object> schema, boolean html) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put(type, map("schema", schema));
        if (html) {
            content.put(HTML, map("schema", map("type", "string")));
        }
        return map("description", description, "content", content);
    }

    /** The simple queryables as equality parameters (Queryables as Query Parameters); lists are filtered on with filter only. */
    private static void equalityParameters(Layer layer, List<Object> params) {
        for (String name : ItemsParameters.equality(layer)) {
            params.add(propertyParameter(layer.property(name).orElseThrow()));
        }
    }

    private static Map<String, Object> propertyParameter(PropertySpec p) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", switch (p.type()) {
            case INTEGER -> "integer";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            default -> "string";
        });
        if (p.type() == org.ruralatlas.data.catalog.PropertyType.DATE) {
            schema.put("format", "date");
        }
        if (!p.allowedValues().isEmpty()) {
            schema.put("enum", p.allowedValues());
        }
        if (p.minimum() != null) {
            schema.put("minimum", p.minimum());
        }
        if (p.maximum() != null) {
            schema.put("maximum", p.maximum());
        }
        return formQuery(p.name(), "Only features whose " + p.name() + " equals this value. " + p.title().en() + ": "
                        + p.description().en() + " / " + p.title().vi() + ": " + p.description().vi(),
                schema);
    }

    private static Map<String, Object> parameters(CrsOffer crsOffer) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("limit", formQuery(Limit.ITEMS.name(), Limit.ITEMS.description(), Limit.ITEMS.schema()));
        p.put("offset", formQuery("offset", "How many matching features to skip (features are ordered by sortby, then id). The slower way "
                        + "to page: the skipped features are read and dropped, so a deep offset costs its depth. Next links "
                        + "carry a cursor instead.",
                map("type", "integer", "minimum", 0, "default", 0)));
        p.put("cursor", formQuery("cursor", "Where the page starts: an opaque, signed value the server puts in rel=next links (the position "
                        + "after the previous page's last feature, for the same collection and sortby). Every page through it "
                        + "costs the same, and writes meanwhile do not shift the pages. A cursor not made by this server is a 400.",
                map("type", "string")));
        p.put("bbox", formQuery("bbox", "Only features that intersect the box: minimum longitude, minimum latitude, maximum longitude, "
                        + "maximum latitude in CRS84 (WGS 84 longitude/latitude); or six numbers with heights, which are ignored.",
                map("type", "array", "minItems", 4, "maxItems", 6, "items", map("type", "number"))));
        p.put("bbox-crs", formQuery("bbox-crs", "The CRS of bbox (OGC API Features Part 2), in its axis order: EPSG:4326 is latitude first, "
                        + "the projected systems easting first. Default CRS84.",
                map("type", "string", "format", "uri", "enum", crsOffer.uris())));
        p.put("crs", formQuery("crs", "The CRS of the returned coordinates (OGC API Features Part 2), e.g. VN-2000 / UTM zone 48N "
                        + "(EPSG:3405) for cadastral work; the response says which in its Content-Crs header. Default CRS84.",
                map("type", "string", "format", "uri", "enum", crsOffer.uris())));
        p.put("datetime", formQuery("datetime", "An RFC 3339 date or date-time, or an interval start/end with '..' for an open end "
                        + "(e.g. 2025-07-01, 2024-01-01/2025-06-30, 2025-07-01T00:00:00Z/..). Compared by day in UTC.",
                map("type", "string")));
        p.put("filter", formQuery("filter", "A CQL2 filter (OGC API – Features Part 3, OGC 21-065r2) on the collection's queryables (see its "
                        + "/queryables): comparisons, LIKE, BETWEEN, IN, IS NULL, CASEI and ACCENTI (Vietnamese: tone marks, "
                        + "đ/Đ, composed or decomposed alike), spatial functions (S_INTERSECTS … with any geometry literal or BBOX), "
                        + "temporal functions, array functions (A_CONTAINS …), property-property comparisons and arithmetic. "
                        + "Extension: S_DWITHIN(geometry, <geometry literal>, <distance>, <unit>) selects features within the "
                        + "distance of the literal, measured on the sphere of WGS 84's mean radius (as PostGIS geography with "
                        + "use_spheroid=false, within 0.5 % of the ellipsoid); units meters (metres, m) or kilometers (kilometres, "
                        + "km); in CQL2 JSON {\"op\":\"s_dwithin\",\"args\":[{\"property\":\"geometry\"},<GeoJSON>,5,\"km\"]}. "
                        + "Example: commodity = 'vai_thieu' AND area_ha > 100 AND S_DWITHIN(geometry, POINT(106.13 21.37), 5, km). "
                        + "A filter that cannot be read or used is a 400 naming the position or the property.",
                map("type", "string")));
        p.put("filter-lang", formQuery("filter-lang", "The encoding of filter: cql2-text (default) or cql2-json. Only with filter.",
                map("type", "string", "enum", List.of("cql2-text", "cql2-json"), "default", "cql2-text")));
        p.put("filter-crs", formQuery("filter-crs", "The CRS of the geometry literals of filter, in its axis order (default CRS84). Only with filter.",
                map("type", "string", "format", "uri", "enum", crsOffer.uris())));
        p.put("sortby", formQuery("sortby", "Comma-separated queryables of a simple type, each with - in front for descending (e.g. "
                        + "-area_ha,name); texts by code point, missing values last (first descending); ties by id.",
                map("type", "array", "items", map("type", "string", "pattern", "^[+-]?[A-Za-z0-9_]+$"))));
        p.put("properties", formQuery("properties", "Comma-separated properties to return (the id property always comes too); default all.",
                map("type", "array", "items", map("type", "string"))));
        p.put("skipGeometry", formQuery("skipGeometry", "true: features without geometry (null); not for FlatGeobuf downloads.",
                map("type", "boolean", "default", false)));
        p.put("f", formQuery("f", "The format of the response; when absent, the Accept header decides.",
                map("type", "string", "enum", List.of("json", "html"))));
        p.putAll(pathParameters());
        return p;
    }

    /** The path parameters the paths share: the tile coordinates and a feature's id. */
    private static Map<String, Object> pathParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tileMatrixSetId", map("name", "tileMatrixSetId", "in", "path", "required", true, "description", "The tile grid",
                "schema", map("type", "string", "enum", List.of("WebMercatorQuad"))));
        p.put("tileMatrix", map("name", "tileMatrix", "in", "path", "required", true, "description", "Zoom level, 0 to 20",
                "schema", map("type", "integer", "minimum", 0, "maximum", 20)));
        p.put("tileRow", map("name", "tileRow", "in", "path", "required", true, "description", "Row from the top, 0 to 2^zoom − 1",
                "schema", map("type", "integer", "minimum", 0)));
        p.put("tileCol", map("name", "tileCol", "in", "path", "required", true, "description", "Column from the left, 0 to 2^zoom − 1",
                "schema", map("type", "integer", "minimum", 0)));
        p.put("featureId", map("name", "featureId", "in", "path", "required", true,
                "description", "The id of a feature", "schema", map("type", "string")));
        return p;
    }

    private static Map<String, Object> schemas() {
        Map<String, Object> link = map("type", "object", "required", List.of("href", "rel"), "properties", map(
                "href", map("type", "string"), "rel", map("type", "string"), "type", map("type", "string"), "title", map("type", "string")));
        Map<String, Object> links = map("type", "array", "items", schemaRef("link"));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("link", link);
        s.put("landingPage", map("type", "object", "required", List.of("links"), "properties",
                map("title", map("type", "string"), "description", map("type", "string"), "links", links)));
        s.put("confClasses", map("type", "object", "required", List.of("conformsTo"), "properties",
                map("conformsTo", map("type", "array", "items", map("type", "string")))));
        s.put("collection", map("type", "object", "required", List.of("id", "links"), "properties", map(
                "id", map("type", "string"), "title", map("type", "string"), "description", map("type", "string"),
                "links", links, "extent", map("type", "object"), "itemType", map("type", "string"),
                "crs", map("type", "array", "items", map("type", "string")))));
        s.put("collections", map("type", "object", "required", List.of("links", "collections"), "properties",
                map("links", links, "collections", map("type", "array", "items", schemaRef("collection")))));
        s.put("geometryGeoJSON", map("type", "object", "nullable", true, "required", List.of("type"),
                "properties", map("type", map("type", "string", "enum", List.of("Point", "MultiPoint", "LineString",
                        "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection")))));
        s.put("featureGeoJSON", map("type", "object", "required", List.of("type", "geometry", "properties"), "properties", map(
                "type", map("type", "string", "enum", List.of("Feature")), "geometry", schemaRef("geometryGeoJSON"),
                "properties", map("type", "object", "nullable", true), "id", map("type", "string"), "links", links)));
        s.put("featureCollectionGeoJSON", map("type", "object", "required", List.of("type", "features"), "properties", map(
                "type", map("type", "string", "enum", List.of("FeatureCollection")),
                "features", map("type", "array", "items", schemaRef("featureGeoJSON")), "links", links,
                "timeStamp", map("type", "string", "format", "date-time"),
                "numberMatched", map("type", "integer", "minimum", 0, "description", "Exact; left out when counting exactly "
                        + "would exceed the server's bound (ruralatlas.paging.exact-count-up-to) or time budget"),
                "numberMatchedEstimate", map("type", "integer", "minimum", 0, "description", "Given instead of numberMatched "
                        + "when that is left out: the database planner's estimate of the matches"),
                "numberReturned", map("type", "integer", "minimum", 0))));
        s.put("problem", map("type", "object", "description", "RFC 9457 problem details", "properties", map(
                "type", map("type", "string"), "title", map("type", "string"), "status", map("type", "integer"),
                "detail", map("type", "string"), "instance", map("type", "string"),
                "parameter", map("type", "string", "description", "the query parameter at fault"))));
        return s;
    }

    private static Map<String, Object> errorResponses() {
        Map<String, Object> problem = map("content", map(PROBLEM, map("schema", schemaRef("problem"))));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("BadRequest", with(problem, "description", "A parameter is invalid; the problem names it"));
        r.put("NotFound", with(problem, "description", "No such collection or feature"));
        r.put("ServerError", with(problem, "description", "The server or its data store failed"));
        return r;
    }

    private static Map<String, Object> ref(String parameter) {
        return map("$ref", "#/components/parameters/" + parameter);
    }

    private static Map<String, Object> schemaRef(String schema) {
        return map("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> with(Map<String, Object> m, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(m);
        copy.put(key, value);
        return copy;
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
