package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-data downloads over HTTP, every file read back with GDAL and compared with the features
 * API; the same on every store. Subclasses choose the store and say how another program writes to it.
 */
abstract class DownloadContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LAYERS = List.of("farms", "zones", "communes", "tourism", "provinces");
    private static final Map<String, String> ID = Map.of("farms", "farm_id", "zones", "zone_id", "communes", "unit_id",
            "tourism", "site_id", "provinces", "unit_id");

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Changes one text property of one feature, as another program (psql, GDAL) would, straight in the store. */
    abstract void writeFromOutside(String layer, String idColumn, String id, String column, String suffix) throws Exception;

    // ---- what GDAL reads ----------------------------------------------------------------------

    /** The file converted to GeoJSON by ogr2ogr: GDAL's own reading of every feature. */
    JsonNode gdalRead(Path file) {
        Processes.Result r = Processes.run(120, List.of("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", file.toString()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String out = r.output();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    Path download(String path) throws Exception {
        Http.BinaryReply r = Http.bytes(url(path));
        assertThat(r.status()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Path file = dir.resolve(System.nanoTime() + "-" + path.replaceAll("\\?.*", "").replaceAll(".*/", ""));
        Files.write(file, r.body());
        return file;
    }

    /** Every feature of an items query, all pages. */
    List<JsonNode> api(String layer, String query) {
        List<JsonNode> all = new ArrayList<>();
        String next = url("/collections/" + layer + "/items?limit=10000" + (query.isEmpty() ? "" : "&" + query));
        while (next != null) {
            JsonNode doc = Http.get(next).json();
            doc.get("features").forEach(all::add);
            next = null;
            for (JsonNode link : doc.get("links")) {
                if (link.get("rel").asString().equals("next")) {
                    next = link.get("href").asString();
                }
            }
        }
        return all;
    }

    /** Same features, same values, same geometries within 1e-7° (the API rounds to 7 decimals). */
    static void assertSameFeatures(List<JsonNode> expected, JsonNode gdal, String idColumn, String what) {
        JsonNode features = gdal.get("features");
        assertThat(features.size()).as(what + ": feature count").isEqualTo(expected.size());
        Map<String, JsonNode> byId = new HashMap<>();
        features.forEach(f -> byId.put(f.get("properties").get(idColumn).asString(), f));
        for (JsonNode e : expected) {
            String id = e.get("properties").get(idColumn).asString();
            JsonNode a = byId.get(id);
            assertThat(a).as(what + ": feature " + id).isNotNull();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.get("properties").properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                assertSameValue(p.getValue(), a.get("properties").get(p.getKey()), what + ": " + id + "." + p.getKey());
            }
            assertThat(a.get("geometry").get("type").asString()).as(what + ": " + id + " geometry type")
                    .isEqualTo(e.get("geometry").get("type").asString());
            assertSameCoordinates(e.get("geometry").get("coordinates"), a.get("geometry").get("coordinates"), what + ": " + id);
        }
    }

    static void assertSameValue(JsonNode expected, JsonNode actual, String what) {
        if (expected.isNull()) {
            assertThat(actual == null || actual.isNull() || actual.isString() && actual.asString().isEmpty()).as(what + " = " + actual).isTrue();
            return;
        }
        assertThat(actual).as(what + " is missing").isNotNull();
        if (expected.isContainer()) {
            JsonNode a = actual.isString() ? JSON.readTree(actual.asString()) : actual;
            assertThat(a).as(what).isEqualTo(expected);
        } else if (expected.isBoolean()) {
            String a = actual.isNumber() ? (actual.asInt() != 0 ? "true" : "false") : actual.asString();
            assertThat(a).as(what).isEqualTo(Boolean.toString(expected.asBoolean()));
        } else if (expected.isNumber()) {
            assertThat(Double.parseDouble(actual.asString())).as(what).isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        } else if (expected.asString().matches("\\d{4}-\\d{2}-\\d{2}")) {
            // GDAL reads a date column as a date, a FlatGeobuf DateTime as a date-time at midnight
            assertThat(actual.asString().replace('/', '-')).as(what).startsWith(expected.asString());
        } else {
            assertThat(actual.asString()).as(what).isEqualTo(expected.asString());
        }
    }

    static void assertSameCoordinates(JsonNode expected, JsonNode actual, String what) {
        if (expected.isNumber()) {
            assertThat(actual.asDouble()).as(what).isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-7 + 1e-12));
            return;
        }
        assertThat(actual.size()).as(what + ": positions").isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameCoordinates(expected.get(i), actual.get(i), what);
        }
    }

    // ---- the files ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"farms,geojson", "farms,csv", "farms,gpkg", "farms,fgb", "zones,geojson", "zones,csv", "zones,gpkg", "zones,fgb",
        "communes,geojson", "communes,csv", "communes,gpkg", "communes,fgb", "tourism,geojson", "tourism,csv", "tourism,gpkg",
        "tourism,fgb", "provinces,geojson", "provinces,csv", "provinces,gpkg", "provinces,fgb"})
    void gdalReadsTheSameFeaturesValuesAndGeometriesAsTheFeaturesApi(String layer, String format) throws Exception {
        Path file = download("/downloads/" + layer + "." + format);
        assertSameFeatures(api(layer, ""), gdalRead(file), ID.get(layer), layer + "." + format);
        if (format.equals("csv")) {
            String info = Processes.run(60, List.of("ogrinfo", "-ro", "-so", "-al", file.toString())).output();
            assertThat(info).as("GDAL's CSV driver takes the WKT column as geometry").containsPattern("Geometry: (Unknown|Point|Multi Polygon)")
                    .doesNotContain("Geometry: None").contains("Feature Count: ");
        }
    }

    @Test
    void filteredDownloadsHoldWhatTheItemsApiSelects() throws Exception {
        String filter = "owner_type=cooperative&bbox=104,19,108,23";
        List<JsonNode> expected = api("farms", filter);
        assertThat(expected).isNotEmpty();
        for (String format : List.of("geojson", "csv", "gpkg", "fgb")) {
            Http.BinaryReply r = Http.bytes(url("/downloads/farms." + format + "?" + filter));
            assertThat(r.header("Content-Disposition")).matches("attachment; filename=\"ruralatlas-farms-\\d{4}-\\d{2}-\\d{2}-filtered\\." + format + "\"");
            Path file = download("/downloads/farms." + format + "?" + filter);
            assertSameFeatures(expected, gdalRead(file), "farm_id", "filtered farms." + format);
        }
        // a province by name, diacritics optional: its farms are those the items API gives for its code
        List<JsonNode> bacNinh = api("farms", "province_code=24");
        Path file = download("/downloads/farms.geojson?province=" + URLEncoder.encode("Bac Ninh", StandardCharsets.UTF_8));
        assertSameFeatures(bacNinh, gdalRead(file), "farm_id", "farms in Bắc Ninh");
        // dated units: the communes valid on a day before the 2025 merger are none of today's
        Http.Reply past = Http.get(url("/downloads/communes.geojson?datetime=2024-01-01"));
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.json().get("features").size()).isEqualTo(api("communes", "datetime=2024-01-01").size());
    }

    @Test
    void csvForExcelStartsWithAByteOrderMark() {
        byte[] excel = Http.bytes(url("/downloads/tourism.csv?bom=true")).body();
        byte[] plain = Http.bytes(url("/downloads/tourism.csv")).body();
        assertThat(excel).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(plain[0]).isEqualTo((byte) 'W');
        assertThat(new String(excel, 3, excel.length - 3, StandardCharsets.UTF_8)).isEqualTo(new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void flatGeobufHasASpatialIndexThatGdalUses() throws Exception {
        Path file = download("/downloads/tourism.fgb");
        Processes.Result cap = Processes.run(60, List.of("/usr/bin/python3", "-c", "from osgeo import ogr; import sys; "
                + "ds = ogr.Open(sys.argv[1]); print('fast spatial filter:', ds.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter))",
                file.toString()));
        assertThat(cap.output()).contains("fast spatial filter: True");
        List<JsonNode> inBox = api("tourism", "bbox=105,20,107,22");
        assertThat(inBox).isNotEmpty();
        Processes.Result r = Processes.run(60, List.of("ogr2ogr", "-f", "GeoJSON", "-spat", "105", "20", "107", "22", "/vsistdout/", file.toString()));
        assertSameFeatures(inBox, JSON.readTree(r.output().substring(r.output().indexOf('{'))), "site_id", "tourism.fgb in a window");
    }

    // ---- caching, conditionals, ranges, compression ------------------------------------------

    double exports(String layer, String format) {
        Http.Reply r = Http.get(url("/actuator/metrics/ruralatlas.downloads.exports?tag=layer:" + layer + "&tag=format:" + format
                + "&tag=whole:true"));
        return r.status() == 404 ? 0 : r.json().get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void aWholeLayerIsProducedOncePerDataVersionAndAgainAfterAWrite() throws Exception {
        Http.BinaryReply first = Http.bytes(url("/downloads/zones.gpkg"));
        double produced = exports("zones", "gpkg");
        assertThat(produced).isGreaterThanOrEqualTo(1);
        Http.BinaryReply second = Http.bytes(url("/downloads/zones.gpkg"));
        assertThat(exports("zones", "gpkg")).as("the second download is the same file").isEqualTo(produced);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).startsWith("\"");
        assertThat(second.header("Content-Disposition")).matches("attachment; filename=\"ruralatlas-zones-\\d{4}-\\d{2}-\\d{2}\\.gpkg\"");
        assertThat(second.header("Last-Modified")).isNotEmpty();
        assertThat(Http.bytes(url("/downloads/zones.gpkg"), "If-None-Match", first.header("ETag")).status()).isEqualTo(304);
        Http.BinaryReply since = Http.bytes(url("/downloads/zones.gpkg"), "If-Modified-Since", first.header("Last-Modified"));
        assertThat(since.status()).isEqualTo(304);
        assertThat(since.body()).isEmpty();
        assertThat(Long.parseLong(first.header("Content-Length"))).isEqualTo(first.body().length);

        String id = api("zones", "").get(0).get("properties").get("zone_id").asString();
        writeFromOutside("zones", "zone_id", id, "name", " (sửa)");
        Http.BinaryReply after = null;
        for (int i = 0; i < 50; i++) {
            after = Http.bytes(url("/downloads/zones.gpkg"), "If-None-Match", first.header("ETag"));
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(after.status()).as("a write makes a new export").isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(first.header("ETag"));
        assertThat(exports("zones", "gpkg")).isEqualTo(produced + 1);
        Path file = dir.resolve("after.gpkg");
        Files.write(file, after.body());
        assertSameFeatures(api("zones", ""), gdalRead(file), "zone_id", "zones.gpkg after a write");
        assertThat(gdalRead(file).toString()).contains("(sửa)");
    }

    @Test
    void wholeFilesAnswerRangesAndGzip() throws Exception {
        Http.BinaryReply full = Http.bytes(url("/downloads/tourism.fgb"));
        assertThat(full.header("Accept-Ranges")).isEqualTo("bytes");
        Http.BinaryReply part = Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + full.body().length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(full.body(), 100, 200));
        assertThat(Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=" + (full.body().length + 10) + "-").status()).isEqualTo(416);
        // resuming: the part comes only while the file is the version the client started with
        assertThat(Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=100-199", "If-Range", full.header("ETag")).status())
                .isEqualTo(206);
        Http.BinaryReply changed = Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=100-199", "If-Range", "\"0123456789abcdef\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(full.body());

        Http.BinaryReply plain = Http.bytes(url("/downloads/tourism.csv"));
        Http.BinaryReply gz = Http.bytes(url("/downloads/tourism.csv"), "Accept-Encoding", "gzip");
        assertThat(plain.header("Content-Encoding")).isEmpty();
        assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gz.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(gz.header("ETag")).isNotEqualTo(plain.header("ETag"));
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    // ---- catalogues ---------------------------------------------------------------------------

    @Test
    void theCatalogueDescribesEveryLayerWithLicenceCountsExtentAndDataDictionary() {
        Http.Reply r = Http.get(url("/downloads?f=json"));
        assertThat(r.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode l : r.json().get("layers")) {
            String id = l.get("id").asString();
            ids.add(id);
            assertThat(l.get("title").get("vi").asString()).isNotBlank();
            assertThat(l.get("description").get("en").asString()).isNotBlank();
            assertThat(l.get("attribution").asString()).isNotBlank();
            assertThat(l.get("featureCount").asLong()).as(id).isEqualTo(Http.get(url("/collections/" + id + "/items?limit=1"))
                    .json().get("numberMatched").asLong());
            assertThat(l.get("extent").get("bbox").get(0).asDouble()).isBetween(102.0, 110.0);
            assertThat(l.get("lastModified").asString()).isNotBlank();
            assertThat(l.get("downloads").findValuesAsString("format")).containsExactly("geojson", "csv", "gpkg", "fgb");
            JsonNode schema = Http.get(url("/collections/" + id + "/schema")).json().get("properties");
            List<String> names = l.get("dataDictionary").findValuesAsString("name");
            List<String> schemaNames = new ArrayList<>();
            schema.propertyNames().forEach(schemaNames::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(schemaNames);
            for (JsonNode p : l.get("dataDictionary")) {
                assertThat(p.get("type").asString()).isNotBlank();
                assertThat(p.get("description").get("vi").asString()).as(id + "." + p.get("name")).isNotBlank();
                assertThat(p.get("description").get("en").asString()).as(id + "." + p.get("name")).isNotBlank();
            }
        }
        assertThat(ids).containsExactlyElementsOf(LAYERS);
        JsonNode farms = r.json().get("layers").get(0);
        assertThat(farms.get("licence").get("id").asString()).isEqualTo("CC-BY-4.0");
        assertThat(farms.get("dataDictionary").toString()).contains("\"unit\":\"ha\"").contains("\"allowedValues\":[\"household\"");
        assertThat(r.json().get("layers").get(2).get("licence").get("id").asString()).isEqualTo("MIT");

        // the size of a file is given once it has been produced
        long size = Http.bytes(url("/downloads/provinces.fgb")).body().length;
        JsonNode provinces = Http.get(url("/downloads?f=json")).json().get("layers").get(4);
        for (JsonNode d : provinces.get("downloads")) {
            if (d.get("format").asString().equals("fgb")) {
                assertThat(d.get("size").asLong()).isEqualTo(size);
            }
        }
        Http.Reply html = Http.get(url("/downloads"), "Accept", "text/html");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains("Trang trại").contains("/downloads/farms.gpkg").contains("CC-BY-4.0");
    }

    @Test
    void dcatAndDataJsonListADatasetPerLayerAndADistributionPerFormat() {
        Http.Reply dcat = Http.get(url("/downloads/catalog.jsonld"), "Accept", "application/ld+json");
        assertThat(dcat.status()).isEqualTo(200);
        assertThat(dcat.contentType()).startsWith("application/ld+json");
        JsonNode doc = dcat.json();
        assertThat(doc.get("@context").get("dcat").asString()).isEqualTo("http://www.w3.org/ns/dcat#");
        assertThat(doc.get("@type").asString()).isEqualTo("dcat:Catalog");
        assertThat(doc.get("dcat:dataset")).hasSize(5);
        for (JsonNode ds : doc.get("dcat:dataset")) {
            assertThat(ds.get("@type").asString()).isEqualTo("dcat:Dataset");
            assertThat(ds.get("dct:spatial").get("dcat:bbox").get("@value").asString()).startsWith("POLYGON((");
            assertThat(ds.get("dct:modified").get("@value").asString()).isNotBlank();
            assertThat(ds.get("dcat:distribution")).hasSize(4);
            for (JsonNode d : ds.get("dcat:distribution")) {
                String href = d.get("dcat:downloadURL").get("@id").asString();
                assertThat(d.get("dct:license").get("@id").asString()).startsWith("https://");
                assertThat(Http.bytes(href, "Range", "bytes=0-0").status()).as(href).isIn(200, 206);
            }
        }
        JsonNode communes = doc.get("dcat:dataset").get(2);
        assertThat(communes.get("dct:temporal").get("dcat:startDate").get("@value").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        JsonNode pod = Http.get(url("/data.json")).json();
        assertThat(pod.get("conformsTo").asString()).isEqualTo("https://project-open-data.cio.gov/v1.1/schema");
        assertThat(pod.get("dataset")).hasSize(5);
        assertThat(pod.get("dataset").get(0).get("distribution").findValuesAsString("downloadURL"))
                .allMatch(u -> u.startsWith(url("/downloads/farms.")));
        assertThat(pod.get("dataset").get(0).get("accessLevel").asString()).isEqualTo("public");
        JsonNode landing = Http.get(url("/")).json();
        assertThat(landing.get("links").toString()).contains(url("/downloads")).contains(url("/downloads/catalog.jsonld"));
        assertThat(Http.get(url("/api")).json().get("paths").has("/downloads/farms.{format}")).isTrue();
    }

    // ---- refusals -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/downloads/orchards.geojson|404|layer",
        "/downloads/farms.shp|404|format",
        "/downloads/farms|404|format",
        "/downloads/farms.geojson?bbox=1,2,3|400|bbox",
        "/downloads/farms.csv?colour=red|400|colour",
        "/downloads/farms.csv?owner_type=a&owner_type=b|400|owner_type",
        "/downloads/farms.fgb?ocop_stars=many|400|ocop_stars",
        "/downloads/farms.geojson?limit=10|400|limit",
        "/downloads/farms.geojson?crs=EPSG:3405|400|crs",
        "/downloads/farms.geojson?bom=true|400|bom",
        "/downloads/farms.csv?bom=yes|400|bom",
        "/downloads/farms.csv?province=Atlantis|404|",
        "/downloads/farms.csv?province=Bac%20Ninh&bbox=105,20,106,21|400|province",
        "/downloads/communes.gpkg?datetime=yesterday|400|datetime",
        "/downloads?colour=red|400|colour"})
    void badInputIsAProblemNamingTheParameter(String path, int status, String parameter) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).isNotBlank();
        if (parameter != null) {
            assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        }
    }
}
