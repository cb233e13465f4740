package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The HTTP behaviour of the server, the same on every store; subclasses choose the store. */
@IntegrationTest
abstract class ApiContract {

    @LocalServerPort
    int port;

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void listsTheFiveCollectionsWithExtents() {
        Http.Reply r = Http.get(url("/collections"));
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode c : r.json().get("collections")) {
            ids.add(c.get("id").asString());
            assertThat(c.get("title").asString()).isNotBlank();
            JsonNode bbox = c.get("extent").get("spatial").get("bbox").get(0);
            assertThat(bbox.get(0).asDouble()).isBetween(102.0, 110.0);
            assertThat(bbox.get(3).asDouble()).isBetween(20.0, 23.5);
        }
        assertThat(ids).containsExactly("farms", "zones", "communes", "tourism", "provinces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"farms", "zones", "communes", "tourism", "provinces"})
    void everyLayerReturnsGeoJson(String layer) {
        Http.Reply r = Http.get(url("/collections/" + layer + "/items?limit=25"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode doc = r.json();
        assertThat(doc.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(doc.get("numberReturned").asInt())
                .isEqualTo(25)
                .isEqualTo(doc.get("features").size());
        assertThat(doc.get("numberMatched").asLong()).isGreaterThanOrEqualTo(34);
        for (JsonNode f : doc.get("features")) {
            assertThat(f.get("type").asString()).isEqualTo("Feature");
            assertThat(f.get("id").asString()).isNotBlank();
            assertThat(f.get("geometry").get("coordinates").size()).isPositive();
            assertThat(f.get("properties").get("sample").isBoolean()).isTrue();
        }
    }

    @Test
    void communesCarryRealNamesAndBoundaries() {
        JsonNode doc = Http.get(url("/collections/communes/items?code=07330")).json();
        assertThat(doc.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode f = doc.get("features").get(0);
        assertThat(f.get("properties").get("name").asString()).isEqualTo("Phúc Hoà");
        assertThat(f.get("properties").get("province_name").asString()).isEqualTo("Bắc Ninh");
        assertThat(f.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
        JsonNode one =
                Http.get(url("/collections/communes/items/07330@2025-07-01")).json();
        assertThat(one.get("properties").get("name").asString()).isEqualTo("Phúc Hoà");
        assertThat(one.get("geometry")).isEqualTo(f.get("geometry"));
    }

    @Test
    void pagesWithNextAndPrevLinksToTheEnd() {
        String next = url("/collections/zones/items?limit=20&bbox=102,8,110,24");
        List<String> ids = new ArrayList<>();
        int pages = 0;
        long matched = -1;
        while (next != null && pages++ < 20) {
            JsonNode doc = Http.get(next).json();
            matched = doc.get("numberMatched").asLong();
            doc.get("features").forEach(f -> ids.add(f.get("id").asString()));
            next = null;
            for (JsonNode link : doc.get("links")) {
                if (link.get("rel").asString().equals("next")) {
                    next = link.get("href").asString();
                }
            }
        }
        assertThat(ids).hasSize((int) matched).doesNotHaveDuplicates().isSorted();
        assertThat(matched).isGreaterThanOrEqualTo(50);
    }

    @Test
    void aBboxAcrossTheAntimeridianCoversBothSides() {
        // OGC API Features 1.0 §7.15.3: minx > maxx crosses the antimeridian; here 100°E → 170°W
        JsonNode across = Http.get(url("/collections/tourism/items?bbox=100,8,-170,24&limit=1"))
                .json();
        JsonNode east = Http.get(url("/collections/tourism/items?bbox=100,8,180,24&limit=1"))
                .json();
        assertThat(across.get("numberMatched").asLong())
                .isPositive()
                .isEqualTo(east.get("numberMatched").asLong());
        Http.Reply empty = Http.get(url("/collections/farms/items?bbox=177,65,-177,70"));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("numberMatched").asLong()).isZero();
    }

    @Test
    void coordinatesComeInTheRequestedCrsWithContentCrs() {
        String id = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
        Http.Reply crs84 = Http.get(url("/collections/tourism/items/" + id));
        assertThat(crs84.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        JsonNode lonLat = crs84.json().get("geometry").get("coordinates");
        Http.Reply utm =
                Http.get(url("/collections/tourism/items/" + id + "?crs=http://www.opengis.net/def/crs/EPSG/0/3405"));
        assertThat(utm.header("Content-Crs")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/3405>");
        JsonNode en = utm.json().get("geometry").get("coordinates");
        // VN-2000 / UTM 48N: eastings around 500 km at 105°E, northings of 1–2.6 Mm in Vietnam
        assertThat(en.get(0).asDouble()).isBetween(100_000.0, 1_000_000.0);
        assertThat(en.get(1).asDouble()).isBetween(900_000.0, 2_700_000.0);
        JsonNode latLon = Http.get(url("/collections/tourism/items/" + id + "?crs=%5BEPSG:4326%5D"))
                .json()
                .get("geometry")
                .get("coordinates");
        assertThat(latLon.get(0).asDouble()).isEqualTo(lonLat.get(1).asDouble());
        assertThat(latLon.get(1).asDouble()).isEqualTo(lonLat.get(0).asDouble());
        // the same site found with a small bbox in VN-2000 around its UTM position
        String box = (en.get(0).asDouble() - 50) + "," + (en.get(1).asDouble() - 50) + ","
                + (en.get(0).asDouble() + 50) + "," + (en.get(1).asDouble() + 50);
        JsonNode found = Http.get(url("/collections/tourism/items?bbox=" + box
                        + "&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3405"))
                .json();
        assertThat(found.get("features").findValuesAsString("id")).contains(id);
    }

    @Test
    void numberMatchedIsTheSameOnEveryPageEvenPastTheEnd() {
        String q = "/collections/farms/items?bbox=105,20.5,107,22&limit=7";
        long matched = Http.get(url(q)).json().get("numberMatched").asLong();
        assertThat(matched).isGreaterThan(7);
        JsonNode last = Http.get(url(q + "&offset=" + (matched - 3))).json();
        assertThat(last.get("numberReturned").asLong()).isEqualTo(3);
        assertThat(last.get("numberMatched").asLong()).isEqualTo(matched);
        JsonNode past = Http.get(url(q + "&offset=" + (matched + 5))).json();
        assertThat(past.get("numberReturned").asLong()).isZero();
        assertThat(past.get("numberMatched").asLong()).isEqualTo(matched);
        assertThat(past.get("links").findValuesAsString("rel"))
                .doesNotContain("next")
                .contains("prev");
    }

    @Test
    void bboxAndPropertyFiltersNarrowTheResult() {
        JsonNode doc = Http.get(
                        url("/collections/zones/items?bbox=106.35,21.2,106.8,21.55&commodity=vai_thieu&limit=100"))
                .json();
        assertThat(doc.get("numberReturned").asInt())
                .isPositive()
                .isEqualTo(doc.get("numberMatched").asInt());
        for (JsonNode f : doc.get("features")) {
            assertThat(f.get("properties").get("commodity").asString()).isEqualTo("vai_thieu");
            assertThat(f.get("properties").get("province_code").asString()).isEqualTo("24");
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/collections/farms/items?limit=0|limit",
                "/collections/farms/items?limit=-5|limit",
                "/collections/farms/items?limit=abc|limit",
                "/collections/farms/items?limit=99999999999999999999|limit",
                "/collections/farms/items?offset=-1|offset",
                "/collections/farms/items?bbox=1,2,3|bbox",
                "/collections/farms/items?bbox=107,22,106,21|bbox",
                "/collections/farms/items?bbox=a,b,c,d|bbox",
                "/collections/farms/items?colour=red|colour",
                "/collections/farms/items?ocop_stars=many|ocop_stars",
                "/collections/farms/items?limit=1&limit=2|limit",
                "/collections/farms/items?f=xml|f",
                "/collections/farms/items?certifications=VietGAP|certifications",
                "/collections/communes/items?datetime=yesterday|datetime",
                "/collections/communes/items?datetime=2025-07-01/2024-01-01|datetime",
                "/collections/communes/items?datetime=../..|datetime",
                "/collections/farms/items?datetime=2025-13-01|datetime",
                "/collections/farms/items/farm-00001?limit=3|limit",
                "/collections/farms?f=xml|f",
                "/collections/farms/items?crs=EPSG:4326|crs",
                "/collections/farms/items?bbox-crs=%5BEPSG:3405%5D|bbox-crs",
                "/collections/farms/items?bbox=1,2,3,4&bbox-crs=urn:x|bbox-crs",
                "/collections/farms/items/farm-00001?crs=x|crs",
                "/collections/farms/items?bbox=600000,2100000,500000,2000000&bbox-crs=%5BEPSG:3405%5D|bbox"
            })
    void badParametersAre400ProblemsNamingTheParameter(String path, String parameter) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/collections/roads",
                "/collections/roads/items",
                "/collections/farms/items/no-such-farm",
                "/collections/reported_province_figures/items/no-such-report",
                "/collections/reported_province_figures/tiles",
                "/nothing/here"
            })
    void unknownThingsAre404Problems(String path) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        // in the server's words, naming what was asked; none of Spring's ("No static resource")
        assertThat(r.json().get("instance").asString()).isEqualTo(path);
        assertThat(r.text()).doesNotContainIgnoringCase("static resource");
    }

    @Test
    void limitsAboveTheMaximumCountAsTheMaximum() {
        JsonNode doc = Http.get(url("/collections/farms/items?limit=20000")).json();
        assertThat(doc.get("numberReturned").asInt())
                .isEqualTo(2400)
                .isEqualTo(doc.get("numberMatched").asInt());
    }

    @Test
    void landingPageLinksTheApiConformanceAndCollections() {
        Http.Reply r = Http.get(url("/"));
        assertThat(r.contentType()).startsWith("application/json");
        List<String> rels = new ArrayList<>();
        r.json().get("links").forEach(l -> rels.add(l.get("rel").asString()));
        assertThat(rels).contains("self", "alternate", "service-desc", "service-doc", "conformance", "data");
        assertThat(Http.get(url("/conformance")).json().get("conformsTo").toString())
                .contains("/conf/core")
                .contains("/conf/geojson")
                .contains("/conf/html")
                .contains("/conf/oas30");
    }

    @Test
    void apiDefinitionDeclaresEveryCollectionAndItsFilters() {
        Http.Reply r = Http.get(url("/api"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/vnd.oai.openapi+json");
        Http.Reply again = Http.get(url("/api"), "If-None-Match", r.header("ETag"));
        assertThat(again.status()).as("the definition is revalidated").isEqualTo(304);
        assertThat(vary(again)).contains("accept").doesNotContain("accept-language");
        JsonNode api = r.json();
        assertThat(api.get("openapi").asString()).startsWith("3.0");
        JsonNode items = api.get("paths").get("/collections/communes/items").get("get");
        List<String> params = new ArrayList<>();
        items.get("parameters")
                .forEach(p -> params.add(
                        p.has("$ref") ? p.get("$ref").asString() : p.get("name").asString()));
        assertThat(params)
                .contains(
                        "#/components/parameters/limit",
                        "#/components/parameters/bbox",
                        "#/components/parameters/datetime",
                        "ntm_level",
                        "province_code",
                        "criteria_met");
        JsonNode limit = api.get("components").get("parameters").get("limit").get("schema");
        assertThat(limit.get("maximum").asInt()).isEqualTo(10000);
        assertThat(limit.get("default").asInt()).isEqualTo(10);
        for (String layer : List.of("farms", "zones", "communes", "tourism", "provinces")) {
            assertThat(api.get("paths").has("/collections/" + layer + "/items/{featureId}"))
                    .as(layer)
                    .isTrue();
        }
        assertThat(Http.get(url("/api.html"), "Accept", "text/html").text()).contains("swagger-ui");
        // made once per name the server is reached by, each naming its own
        assertThat(api.get("servers").get(0).get("url").asString()).isEqualTo(url(""));
        String byName = url("/api").replace("127.0.0.1", "localhost");
        for (int i = 0; i < 2; i++) {
            JsonNode other = Http.get(byName).json();
            assertThat(other.get("servers").get(0).get("url").asString())
                    .isEqualTo(url("").replace("127.0.0.1", "localhost"));
        }
        assertThat(Http.get(url("/api")).json().get("servers").get(0).get("url").asString())
                .isEqualTo(url(""));
    }

    @Test
    void collectionMetadataHasExtentsLinksAndSchema() {
        JsonNode c = Http.get(url("/collections/communes")).json();
        assertThat(c.get("extent").get("temporal").get("interval").get(0).get(0).asString())
                .isEqualTo("2025-07-01T00:00:00Z");
        assertThat(c.get("extent").get("temporal").get("interval").get(0).get(1).isNull())
                .isTrue();
        List<String> rels = new ArrayList<>();
        c.get("links").forEach(l -> rels.add(l.get("rel").asString()));
        assertThat(rels).contains("self", "alternate", "items", "describedby", "license");
        JsonNode schema = Http.get(url("/collections/communes/schema")).json();
        assertThat(schema.get("properties").get("ntm_level").get("enum").toString())
                .contains("advanced");
        assertThat(schema.get("properties").get("name").get("x-title-vi").asString())
                .isEqualTo("Tên");
        assertThat(schema.get("properties").get("criteria_met").path("readOnly").asBoolean())
                .as("a commune's standing follows its assessments: the schema says a write leaves it")
                .isTrue();
        assertThat(schema.get("properties").get("name").has("readOnly")).isFalse();
        JsonNode queryables = Http.get(url("/collections/communes/queryables")).json();
        assertThat(queryables.get("properties").has("ntm_level")).isTrue();
        assertThat(queryables.get("properties").has("before_merger")).isFalse();
    }

    @Test
    void datetimeSelectsUnitVersionsByValidity() {
        assertThat(Http.get(url("/collections/communes/items?limit=1&datetime=2025-07-01"))
                        .json()
                        .get("numberMatched")
                        .asInt())
                .isEqualTo(3321);
        assertThat(Http.get(url("/collections/communes/items?limit=1&datetime=2025-06-30"))
                        .json()
                        .get("numberMatched")
                        .asInt())
                .isZero();
        assertThat(Http.get(url("/collections/communes/items?limit=1&datetime=2024-01-01T00:00:00Z/.."))
                        .json()
                        .get("numberMatched")
                        .asInt())
                .isEqualTo(3321);
        assertThat(Http.get(url("/collections/communes/items?limit=1&datetime=../2025-06-30"))
                        .json()
                        .get("numberMatched")
                        .asInt())
                .isZero();
        // layers without dates accept the parameter and keep every feature
        assertThat(Http.get(url("/collections/farms/items?limit=1&datetime=2020-01-01"))
                        .json()
                        .get("numberMatched")
                        .asInt())
                .isEqualTo(2400);
    }

    @Test
    void everyResourceHasAnHtmlPage() {
        assertThat(Http.get(url("/collections?f=html")).text()).contains("<h2>").contains("Điểm du lịch nông thôn");
        assertThat(Http.get(url("/collections/communes"), "Accept", "text/html").text())
                .contains("Mức nông thôn mới")
                .contains("ntm_level");
        Http.Reply items =
                Http.get(url("/collections/communes/items?code=07330"), "Accept", "text/html,application/xhtml+xml");
        assertThat(items.contentType()).startsWith("text/html");
        assertThat(items.text()).contains("Phúc Hoà").contains("07330@2025-07-01");
        assertThat(Http.get(url("/collections/communes/items/07330@2025-07-01?f=html"))
                        .text())
                .contains("<title>Phúc Hoà")
                .contains("Trước sắp xếp");
        assertThat(Http.get(url("/conformance?f=html")).text()).contains("/conf/html");
        assertThat(Http.get(url("/"), "Accept", "text/html").text()).contains("ol.js");
        Http.Reply xss = Http.get(url("/collections/communes/items?f=html&name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
        assertThat(xss.status()).isEqualTo(200);
        assertThat(xss.text()).doesNotContain("<script>");
    }

    @Test
    void pagesSpeakTheReadersLanguageByQValueAndLangFirst() {
        Http.Reply vi = Http.get(url("/collections?f=html"), "Accept-Language", "en;q=0.3, vi;q=0.9");
        assertThat(vi.text()).contains("<html lang=\"vi\"", "<title>Bộ dữ liệu — RuralAtlas</title>");
        Http.Reply en = Http.get(url("/collections?f=html"), "Accept-Language", "fr, vi;q=0.3, en;q=0.5");
        assertThat(en.text()).contains("<html lang=\"en\"", "<title>Collections — RuralAtlas</title>");
        assertThat(en.header("ETag"))
                .as("each language is its own representation")
                .isNotEqualTo(vi.header("ETag"));
        assertThat(Http.get(url("/collections?f=html&lang=vi"), "Accept-Language", "en")
                        .text())
                .contains("<html lang=\"vi\"");
        assertThat(Http.get(url("/ntm/targets?f=html&lang=en")).text())
                .contains("<title>NTM targets — RuralAtlas</title>");
        for (String malformed : List.of(";;;,,,=", "en;q=abc", "*;q=2", ";", "x".repeat(3000))) {
            Http.Reply r = Http.get(url("/collections?f=html"), "Accept-Language", malformed);
            assertThat(r.status()).as(malformed).isEqualTo(200);
            assertThat(r.text()).as(malformed).contains("<html lang=\"vi\"");
        }
    }

    @Test
    void featuresLinkThemselvesAndTheirCollection() {
        JsonNode f = Http.get(url("/collections/tourism/items/site-0001")).json();
        List<String> rels = new ArrayList<>();
        f.get("links").forEach(l -> rels.add(l.get("rel").asString()));
        assertThat(rels).containsExactly("self", "alternate", "collection");
    }

    @Test
    void unchangedDataAnswers304() {
        Http.Reply first = Http.get(url("/collections/zones/items?limit=5"));
        String etag = first.header("ETag");
        assertThat(etag).startsWith("W/\"");
        assertThat(first.header("Last-Modified")).isNotBlank();
        Http.Reply again =
                Http.get(url("/collections/zones/items?limit=5"), "Accept", "application/json", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.text()).isEmpty();
        assertThat(Http.get(url("/collections/zones/items?limit=6")).header("ETag"))
                .isNotEqualTo(etag);
        String collections = Http.get(url("/collections")).header("ETag");
        assertThat(Http.get(url("/collections"), "If-None-Match", collections).status())
                .isEqualTo(304);
        assertThat(Http.get(url("/collections/zones"), "If-None-Match", collections)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void negotiatedAnswersSayVaryAndPreconditionsAreRfc9110s() {
        for (String path : List.of(
                "/collections/zones/items?limit=5",
                "/collections/zones/items/" + firstZoneId(),
                "/collections",
                "/collections/zones",
                "/conformance",
                "/ntm/criteria-sets",
                "/downloads",
                "/stats/ntm",
                "/?f=json")) {
            for (String accept : List.of("application/json", "text/html")) {
                Http.Reply r = Http.get(url(path), "Accept", accept, "Origin", "https://example.org");
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(vary(r)).as(path + " " + accept).contains("accept", "accept-language");
                // every one is revalidated (a phone on a rural link asks again for what it has)
                assertThat(r.header("ETag")).as(path + " " + accept).isNotEmpty();
                Http.Reply again = Http.get(url(path), "Accept", accept, "If-None-Match", "\"x\", " + r.header("ETag"));
                assertThat(again.status()).as(path + " " + accept).isEqualTo(304);
                assertThat(again.text()).as(path).isEmpty();
                assertThat(vary(again)).as(path).contains("accept", "accept-language");
            }
        }
        String etag = Http.get(url("/collections/zones/items?limit=5")).header("ETag");
        Http.Reply failed = Http.get(url("/collections/zones/items?limit=5"), "If-Match", "\"stale\"");
        assertThat(failed.status()).isEqualTo(412);
        assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(failed.text()).contains("If-Match");
        // a weak tag never satisfies If-Match (strong comparison), but * does
        assertThat(Http.get(url("/collections/zones/items?limit=5"), "If-Match", etag)
                        .status())
                .isEqualTo(412);
        assertThat(Http.get(url("/collections/zones/items?limit=5"), "If-Match", "*")
                        .status())
                .isEqualTo(200);
        String modified = Http.get(url("/collections/zones")).header("Last-Modified");
        assertThat(Http.get(url("/collections/zones"), "If-Modified-Since", modified)
                        .status())
                .isEqualTo(304);
        assertThat(Http.get(url("/collections/zones"), "If-Unmodified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                        .status())
                .isEqualTo(412);
        assertThat(Http.get(url("/collections/zones"), "If-Modified-Since", "not a date")
                        .status())
                .isEqualTo(200);
        // one representation per URL: no Vary
        assertThat(vary(Http.get(url("/downloads/catalog.jsonld")))).doesNotContain("accept", "accept-language");
    }

    /** The request headers Vary names, in lower case (names are case-insensitive; Spring merges and lowers them). */
    private static java.util.Set<String> vary(Http.Reply r) {
        java.util.Set<String> names = new java.util.HashSet<>();
        r.headers()
                .allValues("Vary")
                .forEach(v -> java.util.Arrays.stream(v.split(","))
                        .forEach(n -> names.add(n.strip().toLowerCase(java.util.Locale.ROOT))));
        return names;
    }

    private String firstZoneId() {
        return Http.get(url("/collections/zones/items?limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
    }

    @Test
    void openForCrossOriginReadsAndCompressed() {
        Http.Reply r = Http.get(
                url("/collections/farms/items?limit=100"), "Origin", "https://example.org", "Accept-Encoding", "gzip");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void noInputEverCausesAServerError() {
        java.util.Random random = new java.util.Random(2026);
        String[] names = {
            "limit", "offset", "bbox", "datetime", "f", "name", "ntm_level", "criteria_met", "sample", "x", "", "lang"
        };
        String[] values = {
            "",
            "-1",
            "0",
            "1e309",
            "NaN",
            "'; DROP TABLE farms; --",
            "%00",
            "..",
            "/",
            "1,2,3,4",
            "200,100,300,400",
            "2025-07-01/..",
            "9999999999999999999999",
            "true",
            "html",
            "json",
            "\u0000",
            "%E2%82%AC",
            "a,b",
            "-180,-90,180,90,1,2"
        };
        String[] paths = {
            "/collections/communes/items",
            "/collections/farms/items",
            "/collections/farms/items/x",
            "/collections/zones",
            "/collections",
            "/"
        };
        for (int i = 0; i < 300; i++) {
            StringBuilder q = new StringBuilder(paths[random.nextInt(paths.length)]).append('?');
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                q.append(java.net.URLEncoder.encode(
                                names[random.nextInt(names.length)], java.nio.charset.StandardCharsets.UTF_8))
                        .append('=')
                        .append(java.net.URLEncoder.encode(
                                values[random.nextInt(values.length)], java.nio.charset.StandardCharsets.UTF_8))
                        .append('&');
            }
            Http.Reply r = Http.get(url(q.toString()));
            assertThat(r.status()).as(q.toString()).isIn(200, 400, 404);
            assertThat(r.text()).as(q.toString()).doesNotContain("\tat org.");
        }
    }

    @Test
    void gdalListsTheCollectionsWithTheirCounts() {
        Processes.Result info = Processes.run(120, List.of("ogrinfo", "-so", "-al", "OAPIF:" + url("/")));
        assertThat(info.exitCode()).as(info.output()).isZero();
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        String layer = null;
        for (String line : info.output().lines().toList()) {
            if (line.startsWith("Layer name: ")) {
                layer = line.substring(12).trim();
            } else if (line.startsWith("Feature Count: ") && layer != null) {
                counts.put(layer, Long.parseLong(line.substring(15).trim()));
            }
        }
        assertThat(counts.keySet()).containsExactly("farms", "zones", "communes", "tourism", "provinces");
        counts.forEach((id, n) -> assertThat(n)
                .as(id)
                .isEqualTo(Http.get(url("/collections/" + id + "/items?limit=1"))
                        .json()
                        .get("numberMatched")
                        .asLong()));
    }

    @Test
    void gdalCopiesABboxOfFarmsExactlyAsTheApiReturnsIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path out = dir.resolve("farms.gpkg");
        Processes.Result copy = Processes.run(
                120,
                List.of(
                        "ogr2ogr",
                        "-f",
                        "GPKG",
                        out.toString(),
                        "OAPIF:" + url("/"),
                        "farms",
                        "-spat",
                        "105.0",
                        "20.5",
                        "107.0",
                        "22.0"));
        assertThat(copy.exitCode()).as(copy.output()).isZero();
        List<String> api = new ArrayList<>();
        Http.get(url("/collections/farms/items?limit=10000&bbox=105.0,20.5,107.0,22.0"))
                .json()
                .get("features")
                .forEach(f -> api.add(f.get("id").asString()));
        List<String> gdal = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + out);
                java.sql.ResultSet rs =
                        c.createStatement().executeQuery("SELECT farm_id FROM farms ORDER BY farm_id")) {
            while (rs.next()) {
                gdal.add(rs.getString(1));
            }
        }
        assertThat(api).hasSizeGreaterThan(100);
        assertThat(gdal).isEqualTo(api);
    }

    @Test
    void healthSaysOnlyUpToThePublicAndChecksTheStoreForTheAdministrator() {
        Http.Reply open = Http.get(url("/actuator/health"));
        assertThat(open.json().get("status").asString()).isEqualTo("UP");
        assertThat(open.json().has("components")).as(open.text()).isFalse();
        assertThat(open.text())
                .doesNotContain("store")
                .doesNotContain("/")
                .doesNotContain("jdbc")
                .doesNotContain("free");
        JsonNode health = Http.asAdmin(url("/actuator/health")).json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("featureStore").get("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void servesTheViewerAndOpenLayers() {
        assertThat(Http.get(url("/"), "Accept", "text/html").text())
                .contains("RuralAtlas")
                .contains("webjars/ol/10.7.0/dist/ol.js");
        assertThat(Http.get(url("/webjars/ol/10.7.0/dist/ol.js")).status()).isEqualTo(200);
    }
}
