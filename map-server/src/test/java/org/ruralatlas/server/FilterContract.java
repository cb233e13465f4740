package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.ruralatlas.data.filter.Cql2;
import org.ruralatlas.data.io.GeoJsonGeometries;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CQL2 filtering (OGC API – Features Part 3), sortby, properties and skipGeometry over HTTP, the
 * same on every store: the planner rows of gis-data's shared expression table, in text and in
 * JSON, select what an oracle computed here from the unfiltered features selects; pages follow
 * next links with the filter, order and selection kept; every bad parameter is a 400 naming it.
 */
interface FilterContract {

    JsonMapper JSON = JsonMapper.builder().build();

    String url(String path);

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The planner rows ("# planner:") of gis-data's cql2-expressions.txt: layer, text, json. */
    static List<Map<String, String>> plannerRows() throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FilterContract.class.getResourceAsStream("/org/ruralatlas/data/filter/cql2-expressions.txt"),
                StandardCharsets.UTF_8))) {
            Map<String, String> row = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("# planner:")) {
                    row = new LinkedHashMap<>();
                    row.put("question", line.substring(10).strip());
                } else if (line.isBlank()) {
                    if (row != null && row.containsKey("text")) {
                        rows.add(row);
                    }
                    row = null;
                } else if (row != null && line.matches("^[a-z]+: .*")) {
                    row.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
                }
            }
        }
        return rows;
    }

    /** Every feature of a layer, unfiltered: the oracle's input. */
    default List<JsonNode> all(String layer) {
        Http.Reply r = Http.get(url("/collections/" + layer + "/items?limit=10000"));
        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> features = new ArrayList<>();
        r.json().get("features").forEach(features::add);
        assertThat(features).hasSize(r.json().get("numberMatched").asInt());
        return features;
    }

    /** The ids of a whole answer (one page of up to 10,000), checking numberMatched against them. */
    default List<String> ids(String path) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().get("features").forEach(f -> ids.add(f.get("id").asString()));
        assertThat(r.json().get("numberMatched").asInt()).as(path).isEqualTo(ids.size());
        return ids;
    }

    static Geometry geometry(JsonNode feature) {
        try (JsonParser p = JSON.createParser(feature.get("geometry").toString())) {
            p.nextToken();
            return GeoJsonGeometries.read(p);
        }
    }

    /** Lower case without tone marks and with đ as d: an oracle of CASEI(ACCENTI(…)) written with the JDK only. */
    static String folded(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace('đ', 'd')
                .replace('Đ', 'D')
                .toLowerCase(Locale.ROOT);
    }

    /** Metres between a point and a geometry near it, on a local equirectangular plane: an oracle good to a few metres at 5 km. */
    static double metres(Point p, Geometry g) {
        double k = Math.cos(Math.toRadians(p.getY()));
        var c = DistanceOp.nearestPoints(g, p)[0];
        double dx = (c.x - p.getX()) * k;
        double dy = c.y - p.getY();
        return Math.toRadians(Math.hypot(dx, dy)) * 6_371_008.8;
    }

    @Test
    default void plannerFiltersInTextAndJsonSelectWhatTheDataSays() throws Exception {
        List<Map<String, String>> rows = plannerRows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4);
        Map<String, List<JsonNode>> layers = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            String layer = row.get("layer");
            List<JsonNode> features = layers.computeIfAbsent(layer, this::all);
            String base = "/collections/" + layer + "/items?limit=10000&filter=";
            List<String> text = ids(base + q(row.get("text")));
            List<String> json = ids(base + q(row.get("json")) + "&filter-lang=cql2-json");
            assertThat(json).as(row.get("question")).isEqualTo(text);
            assertThat(text).as(row.get("question")).isNotEmpty().isSorted();
            String t = row.get("text");
            if (t.startsWith("S_DWITHIN") || t.contains("S_DWITHIN")) {
                // lychee zones over 100 ha within 5 km of a point: inside 4.95 km certainly, beyond 5.05 km certainly
                // not
                var m = java.util.regex.Pattern.compile("POINT\\(([0-9.]+) ([0-9.]+)\\), ([0-9]+), (meters|kilometers)")
                        .matcher(t);
                assertThat(m.find()).isTrue();
                Point p = GeoJsonGeometries.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(
                        Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))));
                double d = Double.parseDouble(m.group(3)) * (m.group(4).equals("kilometers") ? 1000 : 1);
                Predicate<JsonNode> attributes =
                        f -> f.get("properties").get("commodity").asString().equals("vai_thieu")
                                && f.get("properties").get("area_ha").asDouble() > 100;
                for (JsonNode f : features) {
                    double metres = metres(p, geometry(f));
                    if (attributes.test(f) && metres < d - 50) {
                        assertThat(text)
                                .as(f.get("id") + " at " + metres + " m")
                                .contains(f.get("id").asString());
                    } else if (!attributes.test(f) || metres > d + 50) {
                        assertThat(text)
                                .as(f.get("id") + " at " + metres + " m")
                                .doesNotContain(f.get("id").asString());
                    }
                }
            } else {
                assertThat(text).as(row.get("question")).isEqualTo(oracle(t, features));
            }
        }
    }

    /** The ids an oracle written here selects for the planner rows without distance. */
    private static List<String> oracle(String text, List<JsonNode> features) throws Exception {
        Predicate<JsonNode> test;
        if (text.equals("province_code = '24' AND criteria_met < 15")) {
            test = f -> f.get("properties").get("province_code").asString().equals("24")
                    && !f.get("properties").get("criteria_met").isNull()
                    && f.get("properties").get("criteria_met").asInt() < 15;
        } else if (text.startsWith("category = 'homestay' AND CASEI(ACCENTI(name)) LIKE")) {
            test = f -> f.get("properties").get("category").asString().equals("homestay")
                    && folded(f.get("properties").get("name").asString()).contains("hoa");
        } else if (text.startsWith("S_INTERSECTS(geometry, POLYGON")) {
            Geometry polygon =
                    new WKTReader().read(text.substring("S_INTERSECTS(geometry, ".length(), text.length() - 1));
            test = f -> geometry(f).intersects(polygon);
        } else {
            throw new IllegalArgumentException("no oracle for " + text);
        }
        return features.stream()
                .filter(test)
                .map(f -> f.get("id").asString())
                .sorted()
                .toList();
    }

    @Test
    default void sortedFilteredPagesFollowNextLinksWithFilterSortAndProperties() {
        // '+' and '%' must survive the links' encoding
        String filter = "area_ha + 0 > 50 AND name LIKE '%'";
        String next = url("/collections/zones/items?limit=7&filter=" + q(filter) + "&sortby=" + q("-area_ha,name")
                + "&properties=name,area_ha&skipGeometry=true");
        List<JsonNode> seen = new ArrayList<>();
        long matched = -1;
        int pages = 0;
        while (next != null && pages++ < 100) {
            JsonNode doc = Http.get(next).json();
            matched = doc.get("numberMatched").asLong();
            doc.get("features").forEach(seen::add);
            next = null;
            for (JsonNode link : doc.get("links")) {
                if (link.get("rel").asString().equals("next")) {
                    next = link.get("href").asString();
                    assertThat(next)
                            .contains("filter=")
                            .contains("sortby=")
                            .contains("properties=")
                            .contains("skipGeometry=true");
                }
            }
        }
        List<String> expected = all("zones").stream()
                .filter(f -> f.get("properties").get("area_ha").asDouble() > 50
                        && !f.get("properties").get("name").isNull())
                .sorted(Comparator.<JsonNode>comparingDouble(
                                f -> -f.get("properties").get("area_ha").asDouble())
                        .thenComparing(f -> f.get("properties").get("name").asString(), FilterContract::byCodePoint)
                        .thenComparing(f -> f.get("id").asString()))
                .map(f -> f.get("id").asString())
                .toList();
        assertThat(pages).isGreaterThan(3);
        assertThat(seen.stream().map(f -> f.get("id").asString()).toList())
                .isEqualTo(expected)
                .hasSize((int) matched);
        for (JsonNode f : seen) {
            assertThat(f.get("geometry").isNull()).isTrue();
            Set<String> keys = new LinkedHashSet<>();
            f.get("properties").propertyNames().forEach(keys::add);
            assertThat(keys).containsExactlyInAnyOrder("zone_id", "name", "area_ha");
        }
    }

    private static int byCodePoint(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/collections/communes/items?filter=name%20%3D%20'x'%20AND%20(criteria_met%20%3E%201|filter|filter: expected ')'",
                "/collections/communes/items?filter=populaton%20%3E%205|filter|filter: unknown property populaton; communes can be filtered on [geometry,",
                "/collections/communes/items?filter=avg(criteria_met)%20%3E%201|filter|filter: function avg is not supported",
                "/collections/communes/items?filter=%7B%22op%22:%22%3D%22%7D&filter-lang=cql2-json|filter|filter: ",
                "/collections/communes/items?filter=S_INTERSECTS(geometry,POINT(1%202))&filter-crs=EPSG:9999|filter-crs|filter-crs: filter-crs 'EPSG:9999' is not supported",
                "/collections/communes/items?filter=criteria_met%3D1&filter-lang=cql3|filter-lang|filter-lang: ",
                "/collections/communes/items?filter-lang=cql2-json|filter-lang|filter-lang describes filter, which is missing",
                "/collections/communes/items?filter-crs=EPSG:3405|filter-crs|filter-crs describes filter, which is missing",
                "/collections/farms/items?filter=area_ha%20*%201e308%20*%2010%20%3E%200|filter|filter: ",
                "/collections/zones/items?sortby=nope|sortby|sortby: nope is not a property zones can be sorted by",
                "/collections/zones/items?sortby=certifications|sortby|sortby: certifications",
                "/collections/zones/items?properties=nope|properties|properties: nope is not a property of zones",
                "/collections/zones/items?skipGeometry=yes|skipGeometry|skipGeometry takes true or false",
                "/collections/zones/items?certifications=VietGAP|certifications|unknown parameter certifications",
                "/downloads/farms.fgb?skipGeometry=true|skipGeometry|FlatGeobuf holds features with geometry",
                "/downloads/farms.geojson?filter=name%20%3D|filter|filter: ",
                "/downloads/farms.csv?filter=area_ha%20*%201e308%20*%2010%20%3E%200|filter|filter: ",
                "/downloads/ntm_criteria.csv?filter-crs=EPSG:3405&filter=kind%3D'x'|filter-crs|ntm_criteria is a table without geometry"
            })
    default void everyBadFilterParameterIsA400NamingIt(String path, String parameter, String detail) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        assertThat(r.json().get("detail").asString()).as(path).startsWith(detail.strip());
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
        // the server is still well after the refusal
        assertThat(Http.get(url("/collections/farms/items?limit=1&filter=" + q("area_ha > 1")))
                        .status())
                .isEqualTo(200);
    }

    /**
     * A filter that overflows only on the largest farms, met last when sorted by area: PostGIS
     * meets it before the first byte (400); the GeoPackage store after a megabyte has gone out,
     * when only an unfinished body can signal it. Never a 200 that reads as a whole document.
     */
    @Test
    default void aFilterFailingMidwayNeverLooksLikeAWholeAnswer() {
        String filter = "&sortby=area_ha&filter=" + q("area_ha * 1e306 > 0");
        for (String path : List.of(
                "/collections/farms/items?limit=10000" + filter, "/downloads/farms.geojson?" + filter.substring(1))) {
            Http.Reply r = Http.get(url(path));
            if (r.status() == 400) {
                assertThat(r.json().get("parameter").asString()).isEqualTo("filter");
                assertThat(r.json().get("detail").asString())
                        .startsWith("filter: ")
                        .contains("overflow");
            } else {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text().length()).isGreaterThan(100_000);
                org.assertj.core.api.Assertions.assertThatThrownBy(r::json)
                        .as(path + " must not parse as a whole document");
            }
        }
        assertThat(Http.get(url("/collections/farms/items?limit=1&filter=" + q("area_ha > 1")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    default void downloadsTakeTheFilterOrderAndSelection() throws Exception {
        String query = "filter=" + q("province_code = '24' AND area_ha > 2") + "&sortby=" + q("-area_ha")
                + "&properties=name,area_ha";
        List<String> items = new ArrayList<>();
        Http.get(url("/collections/farms/items?limit=10000&" + query))
                .json()
                .get("features")
                .forEach(f -> items.add(f.get("id").asString()));
        assertThat(items).hasSizeGreaterThan(5);
        Http.Reply geojson = Http.get(url("/downloads/farms.geojson?" + query));
        assertThat(geojson.status()).as(geojson.text()).isEqualTo(200);
        assertThat(geojson.header("Content-Disposition")).contains("-filtered.geojson");
        List<String> downloaded = new ArrayList<>();
        for (JsonNode f : geojson.json().get("features")) {
            downloaded.add(f.get("id").asString());
            Set<String> keys = new LinkedHashSet<>();
            f.get("properties").propertyNames().forEach(keys::add);
            assertThat(keys).containsExactlyInAnyOrder("farm_id", "name", "area_ha");
        }
        assertThat(downloaded).isEqualTo(items);
        Http.Reply csv = Http.get(url("/downloads/farms.csv?" + query + "&skipGeometry=true"));
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0).replace("\uFEFF", "")).isEqualTo("farm_id,name,area_ha");
        assertThat(lines).hasSize(items.size() + 1);
        assertThat(lines.subList(1, lines.size()).stream()
                        .map(l -> l.substring(0, l.indexOf(',')))
                        .toList())
                .isEqualTo(items);
        // the province is tested on geometries that the file then leaves out
        Http.Reply province =
                Http.get(url("/downloads/farms.geojson?province=24&skipGeometry=true&filter=" + q("area_ha > 2")));
        assertThat(province.status()).isEqualTo(200);
        assertThat(province.json().get("features").size()).isPositive();
        province.json()
                .get("features")
                .forEach(f -> assertThat(f.get("geometry").isNull()).isTrue());
    }

    @Test
    default void conformanceQueryablesAndApiDeclareFiltering() {
        JsonNode conformance = Http.get(url("/conformance")).json().get("conformsTo");
        List<String> classes = new ArrayList<>();
        conformance.forEach(c -> classes.add(c.asString()));
        assertThat(classes)
                .containsAll(Cql2.CONFORMANCE)
                .contains(
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters");
        for (String layer : List.of("farms", "zones", "communes", "tourism", "provinces")) {
            JsonNode qs = Http.get(url("/collections/" + layer + "/queryables")).json();
            assertThat(qs.get("additionalProperties").asBoolean(true)).isFalse();
            JsonNode geometry = qs.get("properties").get("geometry");
            assertThat(geometry.has("type")).as(layer).isFalse();
            assertThat(geometry.get("x-ogc-role").asString()).isEqualTo("primary-geometry");
            assertThat(geometry.get("format").asString())
                    .isEqualTo(
                            switch (layer) {
                                case "farms" -> "geometry-any";
                                case "tourism" -> "geometry-point";
                                default -> "geometry-multipolygon";
                            });
            // every queryable can be filtered on, and nothing else can
            for (String name : qs.get("properties").propertyNames()) {
                String f = name.equals("geometry")
                        ? "S_INTERSECTS(geometry, BBOX(102, 8, 110, 24))"
                        : "\"" + name + "\" IS NULL OR TRUE";
                Http.Reply r = Http.get(url("/collections/" + layer + "/items?limit=1&filter=" + q(f)));
                assertThat(r.status()).as(layer + " " + name + " " + r.text()).isEqualTo(200);
            }
        }
        JsonNode zones = Http.get(url("/collections/zones/queryables")).json().get("properties");
        assertThat(zones.get("certifications").get("type").toString()).contains("array");
        assertThat(zones.get("certifications").get("items").get("type").asString())
                .isEqualTo("string");
        JsonNode communes =
                Http.get(url("/collections/communes/queryables")).json().get("properties");
        assertThat(communes.get("valid_from").get("format").asString()).isEqualTo("date");

        JsonNode api = Http.get(url("/api")).json();
        JsonNode parameters = api.get("components").get("parameters");
        assertThat(parameters.get("filter-lang").get("schema").get("enum").toString())
                .isEqualTo("[\"cql2-text\",\"cql2-json\"]");
        assertThat(parameters.get("filter-crs").get("schema").get("enum").toString())
                .contains("EPSG/0/9214")
                .contains("CRS84");
        assertThat(parameters.get("filter").get("description").asString())
                .contains("S_DWITHIN")
                .contains("sphere");
        List<String> itemParams = new ArrayList<>();
        api.get("paths")
                .get("/collections/zones/items")
                .get("get")
                .get("parameters")
                .forEach(p -> itemParams.add(
                        p.has("$ref")
                                ? p.get("$ref").asString().replace("#/components/parameters/", "")
                                : p.get("name").asString()));
        assertThat(itemParams)
                .contains("filter", "filter-lang", "filter-crs", "sortby", "properties", "skipGeometry", "commodity")
                .doesNotContain("certifications", "target_markets");
    }

    @Test
    default void theHtmlItemsPageOffersAFilterBoxWithExamplesThatWork() {
        for (String layer : List.of("farms", "zones", "communes", "tourism", "provinces")) {
            String html = Http.get(
                            url("/collections/" + layer + "/items?f=html&filter=" + q("name LIKE '%<b>%' OR TRUE")),
                            "Accept",
                            "text/html")
                    .text();
            assertThat(html)
                    .contains("<form method=\"get\"")
                    .contains("name=\"filter\"")
                    .contains("value=\"name LIKE &#39;%&lt;b&gt;%&#39; OR TRUE\"")
                    .doesNotContain("'%<b>%'");
            String list = html.substring(
                    html.indexOf("<ul class=\"filter-examples\">"),
                    html.indexOf("</ul>", html.indexOf("filter-examples")));
            var links = java.util.regex.Pattern.compile("<a href=\"([^\"]*filter=[^\"]*)\"")
                    .matcher(list);
            int examples = 0;
            while (links.find()) {
                String href = links.group(1).replace("&amp;", "&");
                Http.Reply r = Http.get(href, "Accept", "text/html");
                assertThat(r.status()).as(href + " " + r.text()).isEqualTo(200);
                assertThat(r.text()).as(href).contains("Số đối tượng khớp: ").doesNotContain("Số đối tượng khớp: 0<");
                examples++;
            }
            assertThat(examples).as(layer).isBetween(2, 3);
        }
    }
    /** GDAL's version, e.g. "3.6.2". */
    static String gdalVersion() {
        String out = Processes.run(30, List.of("gdalinfo", "--version")).output();
        return out.substring("GDAL ".length(), out.indexOf(','));
    }

    /** What ogr2ogr copies of an OAPIF layer (as GeoJSON, ids from idProperty) and the requests it sent, from curl's verbose log. */
    default Map<String, Object> gdalCopy(java.nio.file.Path dir, String layer, String idProperty, List<String> options)
            throws Exception {
        java.nio.file.Path out = dir.resolve(layer + "-" + System.nanoTime() + ".geojson");
        List<String> command =
                new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "--config", "CPL_CURL_VERBOSE", "YES"));
        command.addAll(options);
        command.addAll(List.of(out.toString(), "OAPIF:" + url("/"), layer));
        Processes.Result r = Processes.run(180, command);
        assertThat(r.exitCode()).as(r.output()).isZero();
        List<String> requests =
                r.output().lines().filter(l -> l.startsWith("> GET ")).toList();
        JsonNode doc = JSON.readTree(out.toFile());
        List<String> ids = new ArrayList<>();
        doc.get("features")
                .forEach(f -> ids.add(f.get("properties").get(idProperty).asString()));
        return Map.of("requests", requests, "ids", ids.stream().sorted().toList(), "doc", doc);
    }

    /**
     * {@code ogr2ogr -where} against the server. GDAL 3.6 (the version here) does not send CQL2:
     * its OAPIF driver turns the equality terms of -where into Queryables-as-Query-Parameters
     * ({@code province_code=24}, read from /api) and evaluates the rest itself; it never sends
     * {@code filter=} (CQL2 text pushdown came in later GDAL versions). Either way GDAL must copy
     * exactly the features the server's own {@code filter} selects.
     */
    @Test
    @SuppressWarnings("unchecked")
    default void gdalWhereCopiesWhatTheServersFilterSelects(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String version = gdalVersion();
        for (String where :
                List.of("province_code = '24' AND ntm_level = 'model'", "province_code = '24' AND area_km2 > 20")) {
            Map<String, Object> copy = gdalCopy(dir, "communes", "unit_id", List.of("-where", where));
            List<String> requests = (List<String>) copy.get("requests");
            List<String> server = ids("/collections/communes/items?limit=10000&filter=" + q(where));
            assertThat(server).isNotEmpty();
            assertThat((List<String>) copy.get("ids"))
                    .as(where + " " + requests)
                    .isEqualTo(server);
            String items = requests.stream()
                    .filter(l -> l.contains("/collections/communes/items") && l.contains("province_code"))
                    .findFirst()
                    .orElse("");
            System.out.printf("GDAL %s, -where \"%s\": %s%n", version, where, items);
            if (version.startsWith("3.6.")) {
                assertThat(items)
                        .as("GDAL 3.6 pushes equality down as a query parameter")
                        .contains("province_code=24");
                assertThat(requests).as("GDAL 3.6 sends no CQL2").noneMatch(l -> l.contains("filter="));
            } else {
                assertThat(items)
                        .as("GDAL " + version + " pushes the filter down somehow")
                        .matches(".*(province_code=24|filter=).*");
            }
        }
    }

    /** {@code ogr2ogr -t_srs} into a VN-2000 TM-3 zone (EPSG:9214, 107°00', Bắc Giang) equals the server's {@code crs=} within 1 cm. */
    @Test
    @SuppressWarnings("unchecked")
    default void gdalReprojectionIntoATm3ZoneEqualsTheServersCrsOutput(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String crs = "http://www.opengis.net/def/crs/EPSG/0/9214";
        JsonNode gdal = (JsonNode)
                gdalCopy(dir, "tourism", "site_id", List.of("-t_srs", "EPSG:9214", "-where", "province_code = '24'"))
                        .get("doc");
        Map<String, JsonNode> server = new LinkedHashMap<>();
        Http.Reply r = Http.get(url("/collections/tourism/items?limit=10000&province_code=24&crs=" + q(crs)));
        assertThat(r.header("Content-Crs")).isEqualTo("<" + crs + ">");
        r.json()
                .get("features")
                .forEach(f ->
                        server.put(f.get("id").asString(), f.get("geometry").get("coordinates")));
        assertThat(gdal.get("features").size()).isEqualTo(server.size()).isGreaterThan(5);
        for (JsonNode f : gdal.get("features")) {
            JsonNode a = f.get("geometry").get("coordinates");
            JsonNode b = server.get(f.get("properties").get("site_id").asString());
            // easting about 400 km west of the 107° meridian's 500 km, northing about 2,360 km
            assertThat(b.get(0).asDouble()).isBetween(300_000.0, 600_000.0);
            assertThat(a.get(0).asDouble()).isCloseTo(b.get(0).asDouble(), org.assertj.core.data.Offset.offset(0.01));
            assertThat(a.get(1).asDouble()).isCloseTo(b.get(1).asDouble(), org.assertj.core.data.Offset.offset(0.01));
        }
    }
}
