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
import org.junit.jupiter.params.provider.ValueSource;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.catalog.PropertyType;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.server.downloads.ExportFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open-data downloads over HTTP, every file read back with GDAL and compared with the features
 * API; the same on every store. Subclasses choose the store and say how another program writes to it.
 */
@IntegrationTest
abstract class DownloadContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LAYERS = List.of("farms", "zones", "communes", "tourism", "provinces");
    private static final Map<String, String> ID = Map.of(
            "farms",
            "farm_id",
            "zones",
            "zone_id",
            "communes",
            "unit_id",
            "tourism",
            "site_id",
            "provinces",
            "unit_id");

    /** The NTM programme's record tables (no geometry), in catalogue order, with their id columns. */
    private static final List<String> TABLES = List.of(
            "reported_province_figures",
            "historical_recognitions",
            "ntm_criteria_sets",
            "ntm_criteria",
            "ntm_targets",
            "ntm_assessments",
            "unit_lineage");

    @LocalServerPort
    int port;

    @Autowired
    FeatureStore store;

    @Autowired
    LayerCatalog catalog;

    @Autowired
    ExportFiles exportFiles;

    @TempDir
    Path dir;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Changes one text property of one feature, as another program (psql, GDAL) would, straight in the store. */
    abstract void writeFromOutside(String layer, String idColumn, String id, String column, String suffix)
            throws Exception;

    // ---- what GDAL reads ----------------------------------------------------------------------

    /** The file converted to GeoJSON by ogr2ogr: GDAL's own reading of every feature. */
    JsonNode gdalRead(Path file) {
        return gdalRead(file.toString());
    }

    /** What GDAL reads from a data source name: a file, or {@code /vsicurl/} and a URL. */
    JsonNode gdalRead(String source) {
        Processes.Result r = Processes.run(120, List.of("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", source));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String out = r.output();
        return JSON.readTree(out.substring(out.indexOf('{')));
    }

    Path download(String path) throws Exception {
        Http.BinaryReply r = Http.bytes(url(path));
        assertThat(r.status())
                .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        Path file = dir.resolve(
                System.nanoTime() + "-" + path.replaceAll("\\?.*", "").replaceAll(".*/", ""));
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
        assertSameFeatures(expected, gdal, idColumn, what, (e, a, id) -> {
            assertThat(a.get("geometry").get("type").asString())
                    .as(what + ": " + id + " geometry type")
                    .isEqualTo(e.get("geometry").get("type").asString());
            assertSameCoordinates(
                    e.get("geometry").get("coordinates"), a.get("geometry").get("coordinates"), what + ": " + id);
        });
    }

    /** How one feature's geometry is compared with the expected one's. */
    interface GeometryCheck {
        void check(JsonNode expected, JsonNode actual, String id);
    }

    /** Same features by id, same property values, geometries as {@code geometry} says. */
    static void assertSameFeatures(
            List<JsonNode> expected, JsonNode gdal, String idColumn, String what, GeometryCheck geometry) {
        JsonNode features = gdal.get("features");
        assertThat(features.size()).as(what + ": feature count").isEqualTo(expected.size());
        Map<String, JsonNode> byId = new HashMap<>();
        features.forEach(f -> byId.put(f.get("properties").get(idColumn).asString(), f));
        for (JsonNode e : expected) {
            String id = e.get("properties").get(idColumn).asString();
            JsonNode a = byId.get(id);
            assertThat(a).as(what + ": feature " + id).isNotNull();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            e.get("properties").properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                assertSameValue(p.getValue(), a.get("properties").get(p.getKey()), what + ": " + id + "." + p.getKey());
            }
            geometry.check(e, a, id);
        }
    }

    static void assertSameValue(JsonNode expected, JsonNode actual, String what) {
        if (expected.isNull()) {
            assertThat(actual == null
                            || actual.isNull()
                            || actual.isString() && actual.asString().isEmpty())
                    .as(what + " = " + actual)
                    .isTrue();
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
            assertThat(Double.parseDouble(actual.asString()))
                    .as(what)
                    .isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-9));
        } else if (expected.asString().matches("\\d{4}-\\d{2}-\\d{2}")) {
            // GDAL reads a date column as a date, a FlatGeobuf DateTime as a date-time at midnight
            assertThat(actual.asString().replace('/', '-')).as(what).startsWith(expected.asString());
        } else {
            assertThat(actual.asString()).as(what).isEqualTo(expected.asString());
        }
    }

    static void assertSameCoordinates(JsonNode expected, JsonNode actual, String what) {
        if (expected.isNumber()) {
            assertThat(actual.asDouble())
                    .as(what)
                    .isCloseTo(expected.asDouble(), org.assertj.core.data.Offset.offset(1e-7 + 1e-12));
            return;
        }
        assertThat(actual.size()).as(what + ": positions").isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSameCoordinates(expected.get(i), actual.get(i), what);
        }
    }

    // ---- the files ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "farms,geojson",
        "farms,csv",
        "farms,gpkg",
        "farms,fgb",
        "zones,geojson",
        "zones,csv",
        "zones,gpkg",
        "zones,fgb",
        "communes,geojson",
        "communes,csv",
        "communes,gpkg",
        "communes,fgb",
        "tourism,geojson",
        "tourism,csv",
        "tourism,gpkg",
        "tourism,fgb",
        "provinces,geojson",
        "provinces,csv",
        "provinces,gpkg",
        "provinces,fgb"
    })
    void gdalReadsTheSameFeaturesValuesAndGeometriesAsTheFeaturesApi(String layer, String format) throws Exception {
        Path file = download("/downloads/" + layer + "." + format);
        assertSameFeatures(api(layer, ""), gdalRead(file), ID.get(layer), layer + "." + format);
        if (format.equals("csv")) {
            String info = Processes.run(60, List.of("ogrinfo", "-ro", "-so", "-al", file.toString()))
                    .output();
            assertThat(info)
                    .as("GDAL's CSV driver takes the WKT column as geometry")
                    .containsPattern("Geometry: (Unknown|Point|Multi Polygon)")
                    .doesNotContain("Geometry: None")
                    .contains("Feature Count: ");
        }
    }

    /** How GDAL names a catalogue type once the {@code .csvt} beside the CSV is read. */
    static String gdalType(PropertyType type) {
        return switch (type) {
            case STRING, JSON -> "String";
            case INTEGER -> "Integer64";
            case NUMBER -> "Real";
            case BOOLEAN -> "Integer(Boolean)";
            case DATE -> "Date";
            case STRING_LIST -> "StringList";
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"farms", "zones", "communes", "tourism", "provinces", "ntm_assessments", "ntm_criteria"})
    void gdalReadsTheCsvStraightFromTheServerWithItsColumnTypesAndCrs(String layer) throws Exception {
        // what a researcher types: GDAL fetches <layer>.csvt and <layer>.prj beside the CSV by itself
        String csv = "/vsicurl/" + url("/downloads/" + layer + ".csv");
        Processes.Result r = Processes.run(120, List.of("ogrinfo", "-ro", "-so", "-al", csv));
        assertThat(r.exitCode()).as(r.output()).isZero();
        String info = r.output();
        Layer l = catalog.require(layer);
        for (PropertySpec p : l.properties()) {
            assertThat(info)
                    .as(layer + "." + p.name() + " (" + p.type() + ")")
                    .contains("\n" + p.name() + ": " + gdalType(p.type()) + " (");
        }
        if (l.hasGeometry()) {
            assertThat(info)
                    .as("the CRS from " + layer + ".prj")
                    .contains("ID[\"EPSG\",4326]")
                    .doesNotContain("Layer SRS WKT:\n(unknown)");
            assertThat(info).contains("lon: Real (", "lat: Real (");
            assertSameFeatures(api(layer, ""), gdalRead(csv), ID.get(layer), layer + ".csv over HTTP");
        } else {
            assertThat(info).contains("Geometry: None");
            assertSameRows(storeRows(layer), gdalRead(csv), l.idProperty(), layer + ".csv over HTTP");
        }
        Http.Reply types = Http.get(url("/downloads/" + layer + ".csvt?properties="
                + l.properties().get(0).name()));
        assertThat(types.status()).isEqualTo(200);
        assertThat(types.text().strip())
                .as("laid out as the CSV with the same properties")
                .isEqualTo((l.hasGeometry() ? "\"WKT\",\"Real\",\"Real\"," : "") + "\""
                        + (l.properties().get(0).type() == PropertyType.STRING_LIST
                                ? "JSonStringList"
                                : gdalType(l.properties().get(0).type()))
                        + "\"");
        String etag = types.header("ETag");
        assertThat(Http.get(
                                url("/downloads/" + layer + ".csvt?properties="
                                        + l.properties().get(0).name()),
                                "If-None-Match",
                                etag)
                        .status())
                .isEqualTo(304);
    }

    @Test
    void filteredDownloadsHoldWhatTheItemsApiSelects() throws Exception {
        String filter = "owner_type=cooperative&bbox=104,19,108,23";
        List<JsonNode> expected = api("farms", filter);
        assertThat(expected).isNotEmpty();
        for (String format : List.of("geojson", "csv", "gpkg", "fgb")) {
            Http.BinaryReply r = Http.bytes(url("/downloads/farms." + format + "?" + filter));
            assertThat(r.header("Content-Disposition"))
                    .matches(
                            "attachment; filename=\"ruralatlas-farms-\\d{4}-\\d{2}-\\d{2}-filtered\\." + format + "\"");
            Path file = download("/downloads/farms." + format + "?" + filter);
            assertSameFeatures(expected, gdalRead(file), "farm_id", "filtered farms." + format);
        }
        // a province by name, diacritics optional: its farms are those the items API gives for its code
        List<JsonNode> bacNinh = api("farms", "province_code=24");
        Path file =
                download("/downloads/farms.geojson?province=" + URLEncoder.encode("Bac Ninh", StandardCharsets.UTF_8));
        assertSameFeatures(bacNinh, gdalRead(file), "farm_id", "farms in Bắc Ninh");
        // dated units: the communes valid on a day before the 2025 merger are none of today's
        Http.Reply past = Http.get(url("/downloads/communes.geojson?datetime=2024-01-01"));
        assertThat(past.status()).isEqualTo(200);
        assertThat(past.json().get("features").size())
                .isEqualTo(api("communes", "datetime=2024-01-01").size());
    }

    @Test
    void csvForExcelStartsWithAByteOrderMark() {
        byte[] excel = Http.bytes(url("/downloads/tourism.csv?bom=true")).body();
        byte[] plain = Http.bytes(url("/downloads/tourism.csv")).body();
        assertThat(excel).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(plain[0]).isEqualTo((byte) 'W');
        assertThat(new String(excel, 3, excel.length - 3, StandardCharsets.UTF_8))
                .isEqualTo(new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void flatGeobufHasASpatialIndexThatGdalUses() throws Exception {
        Path file = download("/downloads/tourism.fgb");
        Processes.Result cap = Processes.run(
                60,
                List.of(
                        "/usr/bin/python3",
                        "-c",
                        "from osgeo import ogr; import sys; "
                                + "ds = ogr.Open(sys.argv[1]); print('fast spatial filter:', ds.GetLayer(0).TestCapability(ogr.OLCFastSpatialFilter))",
                        file.toString()));
        assertThat(cap.output()).contains("fast spatial filter: True");
        List<JsonNode> inBox = api("tourism", "bbox=105,20,107,22");
        assertThat(inBox).isNotEmpty();
        Processes.Result r = Processes.run(
                60,
                List.of("ogr2ogr", "-f", "GeoJSON", "-spat", "105", "20", "107", "22", "/vsistdout/", file.toString()));
        assertSameFeatures(
                inBox,
                JSON.readTree(r.output().substring(r.output().indexOf('{'))),
                "site_id",
                "tourism.fgb in a window");
    }

    // ---- record tables (no geometry) ---------------------------------------------------------

    /** Every row of a record table as the store holds it, as {@code {"properties": {...}}} like a feature of the API. */
    List<JsonNode> storeRows(String table) {
        Layer layer = catalog.require(table);
        List<JsonNode> rows = new ArrayList<>();
        try (FeatureCursor c = store.query(FeatureQuery.all(layer))) {
            while (c.hasNext()) {
                Feature f = c.next();
                Map<String, Object> props = new java.util.LinkedHashMap<>();
                f.properties().forEach((k, v) -> props.put(k, v instanceof java.time.LocalDate d ? d.toString() : v));
                rows.add(JSON.valueToTree(Map.of("properties", props)));
            }
        }
        return rows;
    }

    /** Same rows, same values, and no geometry. */
    static void assertSameRows(List<JsonNode> expected, JsonNode gdal, String idColumn, String what) {
        assertSameFeatures(
                expected,
                gdal,
                idColumn,
                what,
                (e, a, id) -> assertThat(
                                a.get("geometry") == null || a.get("geometry").isNull())
                        .as(what + ": " + id + " has no geometry")
                        .isTrue());
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "reported_province_figures,geojson",
        "reported_province_figures,csv",
        "reported_province_figures,gpkg",
        "historical_recognitions,geojson",
        "historical_recognitions,csv",
        "historical_recognitions,gpkg",
        "ntm_criteria_sets,geojson",
        "ntm_criteria_sets,csv",
        "ntm_criteria_sets,gpkg",
        "ntm_criteria,geojson",
        "ntm_criteria,csv",
        "ntm_criteria,gpkg",
        "ntm_targets,geojson",
        "ntm_targets,csv",
        "ntm_targets,gpkg",
        "ntm_assessments,geojson",
        "ntm_assessments,csv",
        "ntm_assessments,gpkg",
        "unit_lineage,geojson",
        "unit_lineage,csv",
        "unit_lineage,gpkg"
    })
    void gdalReadsEveryRowOfARecordTableWithTheStoresValues(String table, String format) throws Exception {
        Path file = download("/downloads/" + table + "." + format);
        List<JsonNode> rows = storeRows(table);
        assertThat(rows).as(table + " has rows in the store").isNotEmpty();
        assertThat((long) rows.size()).isEqualTo(store.count(FeatureQuery.all(catalog.require(table))));
        assertSameRows(rows, gdalRead(file), catalog.require(table).idProperty(), table + "." + format);
        String info = Processes.run(60, List.of("ogrinfo", "-ro", "-so", "-al", file.toString()))
                .output();
        assertThat(info).as(table + "." + format).contains("Feature Count: " + rows.size());
        if (format.equals("csv")) {
            String header = Files.readAllLines(file).get(0);
            assertThat(info).as("no geometry in " + table + ".csv").contains("Geometry: None");
            assertThat(header)
                    .as("the columns of the table, no WKT or lon/lat")
                    .isEqualTo(String.join(
                            ",",
                            catalog.require(table).properties().stream()
                                    .map(p -> p.name())
                                    .toList()));
        } else if (format.equals("gpkg")) {
            String contents = Processes.run(
                            60,
                            List.of(
                                    "ogrinfo",
                                    "-ro",
                                    file.toString(),
                                    "-sql",
                                    "SELECT data_type FROM gpkg_contents WHERE table_name = '" + table + "'"))
                    .output();
            assertThat(contents).as("a GeoPackage attributes table").contains("data_type (String) = attributes");
            assertThat(info).as("no geometry in " + table + ".gpkg").contains("Geometry: None");
        } else {
            JsonNode doc = JSON.readTree(Files.readAllBytes(file));
            assertThat(doc.get("type").asString()).isEqualTo("FeatureCollection");
            for (JsonNode f : doc.get("features")) {
                // RFC 7946 §3.2: an unlocated feature has a geometry member whose value is null
                assertThat(f.has("geometry") && f.get("geometry").isNull())
                        .as(f.toString())
                        .isTrue();
                assertThat(f.get("type").asString()).isEqualTo("Feature");
            }
        }
    }

    @Test
    void theReportedFiguresOfBacGiangComeAsPublishedAndAsTheNtmApiGivesThem() throws Exception {
        JsonNode gdal = gdalRead(download("/downloads/reported_province_figures.csv?bom=true"));
        JsonNode row = null;
        for (JsonNode f : gdal.get("features")) {
            if (f.get("properties").get("report_id").asString().equals("bac-giang-2023-05")) {
                row = f.get("properties");
            }
        }
        assertThat(row).as("the Bắc Giang 05/2023 report").isNotNull();
        assertThat(row.get("province_name").asString()).isEqualTo("Bắc Giang");
        assertThat(row.get("communes_total").asString()).isEqualTo("182");
        assertThat(row.get("communes_ntm").asString()).isEqualTo("144");
        assertThat(row.get("communes_advanced").asString()).isEqualTo("43");
        assertThat(row.get("communes_model").asString()).isEqualTo("1");
        assertThat(row.get("average_criteria").asString()).isEqualTo("17.1");
        JsonNode api = null;
        for (JsonNode r : Http.get(url("/stats/ntm?source=reported&as_of=2023-06-01"))
                .json()
                .get("reports")) {
            if (r.get("report_id").asString().equals("bac-giang-2023-05")) {
                api = r;
            }
        }
        assertThat(api).as("the NTM API's Bắc Giang 05/2023 report").isNotNull();
        for (String column : List.of(
                "province_name",
                "province_code_pre2025",
                "province_code_2025",
                "scope",
                "report_period",
                "communes_total",
                "average_criteria",
                "notes",
                "source",
                "source_date")) {
            assertThat(api.has(column)).as("the NTM API gives " + column).isTrue();
            assertSameValue(api.get(column), row.get(column), "bac-giang-2023-05." + column);
        }
        for (String level : List.of("ntm", "advanced", "model")) {
            assertSameValue(
                    api.get(level).get("count"), row.get("communes_" + level), "bac-giang-2023-05.communes_" + level);
        }
        // an equality filter on a queryable column of the table
        Http.Reply filtered = Http.get(url("/downloads/reported_province_figures.geojson?province_code_2025=24"));
        assertThat(filtered.status()).isEqualTo(200);
        assertThat(filtered.json().get("features").findValuesAsString("report_id"))
                .contains("bac-giang-2023-05")
                .hasSize((int) storeRows("reported_province_figures").stream()
                        .filter(r -> "24"
                                .equals(r.get("properties")
                                        .path("province_code_2025")
                                        .asString(null)))
                        .count());
    }

    @Test
    void aWriteToARecordTableDropsItsFilesAndMakesANewOne() throws Exception {
        String table = "ntm_targets";
        Http.BinaryReply first = Http.bytes(url("/downloads/" + table + ".csv"));
        assertThat(first.status()).isEqualTo(200);
        Path folder = exportFiles.dir().resolve(table);
        assertThat(cached(folder))
                .as("the export of this data version is on disk")
                .isNotEmpty();
        String id = storeRows(table).get(0).get("properties").get("target_id").asString();
        writeFromOutside(table, "target_id", id, "name_en", " (edited)");
        for (int i = 0; i < 100 && !cached(folder).isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertThat(cached(folder))
                .as("the change feed dropped the table's files")
                .isEmpty();
        Http.BinaryReply after = Http.bytes(url("/downloads/" + table + ".csv"), "If-None-Match", first.header("ETag"));
        assertThat(after.status()).as("a write makes a new export").isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(first.header("ETag"));
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains(" (edited)");
        Path file = dir.resolve("after.csv");
        Files.write(file, after.body());
        assertSameRows(storeRows(table), gdalRead(file), "target_id", table + ".csv after a write");
    }

    private static List<Path> cached(Path folder) throws java.io.IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void recordTablesCacheAndAnswerConditionalsAndRangesLikeLayers() {
        Http.BinaryReply first = Http.bytes(url("/downloads/ntm_criteria.gpkg"));
        assertThat(first.header("Content-Disposition"))
                .matches("attachment; filename=\"ruralatlas-ntm_criteria-\\d{4}-\\d{2}-\\d{2}\\.gpkg\"");
        assertThat(first.header("Last-Modified")).isNotEmpty();
        double produced = exports("ntm_criteria", "gpkg");
        assertThat(Http.bytes(url("/downloads/ntm_criteria.gpkg"), "If-None-Match", first.header("ETag"))
                        .status())
                .isEqualTo(304);
        Http.BinaryReply part = Http.bytes(url("/downloads/ntm_criteria.gpkg"), "Range", "bytes=0-15");
        assertThat(part.status()).isEqualTo(206);
        assertThat(new String(part.body(), StandardCharsets.US_ASCII)).isEqualTo("SQLite format 3\0");
        assertThat(exports("ntm_criteria", "gpkg"))
                .as("produced once for this data version")
                .isEqualTo(produced);
    }

    // ---- caching, conditionals, ranges, compression ------------------------------------------

    double exports(String layer, String format) {
        Http.Reply r = Http.asAdmin(url("/actuator/metrics/ruralatlas.downloads.exports?tag=layer:" + layer
                + "&tag=format:" + format + "&tag=whole:true"));
        return r.status() == 404
                ? 0
                : r.json().get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void aWholeLayerIsProducedOncePerDataVersionAndAgainAfterAWrite() throws Exception {
        Http.BinaryReply first = Http.bytes(url("/downloads/zones.gpkg"));
        double produced = exports("zones", "gpkg");
        assertThat(produced).isGreaterThanOrEqualTo(1);
        Http.BinaryReply second = Http.bytes(url("/downloads/zones.gpkg"));
        assertThat(exports("zones", "gpkg"))
                .as("the second download is the same file")
                .isEqualTo(produced);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("ETag")).isEqualTo(first.header("ETag")).startsWith("\"");
        assertThat(second.header("Content-Disposition"))
                .matches("attachment; filename=\"ruralatlas-zones-\\d{4}-\\d{2}-\\d{2}\\.gpkg\"");
        assertThat(second.header("Last-Modified")).isNotEmpty();
        assertThat(Http.bytes(url("/downloads/zones.gpkg"), "If-None-Match", first.header("ETag"))
                        .status())
                .isEqualTo(304);
        Http.BinaryReply since =
                Http.bytes(url("/downloads/zones.gpkg"), "If-Modified-Since", first.header("Last-Modified"));
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
        assertThat(Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=" + (full.body().length + 10) + "-")
                        .status())
                .isEqualTo(416);
        // resuming: the part comes only while the file is the version the client started with
        assertThat(Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=100-199", "If-Range", full.header("ETag"))
                        .status())
                .isEqualTo(206);
        Http.BinaryReply changed =
                Http.bytes(url("/downloads/tourism.fgb"), "Range", "bytes=100-199", "If-Range", "\"0123456789abcdef\"");
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
            if (TABLES.contains(id)) {
                assertTable(l);
                continue;
            }
            assertThat(l.get("kind").asString()).isEqualTo("layer");
            assertThat(l.get("title").get("vi").asString()).isNotBlank();
            assertThat(l.get("description").get("en").asString()).isNotBlank();
            assertThat(l.get("attribution").asString()).isNotBlank();
            assertThat(l.has("featureCountEstimate"))
                    .as(id + ": small layers are counted exactly")
                    .isFalse();
            assertThat(l.get("featureCount").asLong())
                    .as(id)
                    .isEqualTo(Http.get(url("/collections/" + id + "/items?limit=1"))
                            .json()
                            .get("numberMatched")
                            .asLong());
            assertThat(l.get("extent").get("bbox").get(0).asDouble()).isBetween(102.0, 110.0);
            assertThat(l.get("lastModified").asString()).isNotBlank();
            assertThat(l.get("downloads").findValuesAsString("format"))
                    .containsExactly("geojson", "csv", "gpkg", "fgb");
            JsonNode schema =
                    Http.get(url("/collections/" + id + "/schema")).json().get("properties");
            List<String> names = l.get("dataDictionary").findValuesAsString("name");
            List<String> schemaNames = new ArrayList<>();
            schema.propertyNames().forEach(schemaNames::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(schemaNames);
            for (JsonNode p : l.get("dataDictionary")) {
                assertThat(p.get("type").asString()).isNotBlank();
                assertThat(p.get("description").get("vi").asString())
                        .as(id + "." + p.get("name"))
                        .isNotBlank();
                assertThat(p.get("description").get("en").asString())
                        .as(id + "." + p.get("name"))
                        .isNotBlank();
            }
        }
        List<String> all = new ArrayList<>(LAYERS);
        all.addAll(TABLES);
        assertThat(ids).containsExactlyElementsOf(all);
        JsonNode farms = r.json().get("layers").get(0);
        assertThat(farms.get("licence").get("id").asString()).isEqualTo("CC-BY-4.0");
        assertThat(farms.get("dataDictionary").toString())
                .contains("\"unit\":\"ha\"")
                .contains("\"allowedValues\":[\"household\"");
        // the communes: boundaries MIT, NTM attributes CC BY 4.0, both stated (as the features say)
        JsonNode communeLicence = r.json().get("layers").get(2).get("licence");
        assertThat(communeLicence.get("id").asString()).isEqualTo("MIT AND CC-BY-4.0");
        assertThat(communeLicence.get("licences").findValuesAsString("id")).containsExactly("MIT", "CC-BY-4.0");
        // a rural commune carries both (a ward, with no NTM assessment, its boundary's MIT only)
        assertThat(Http.get(url("/collections/communes/items?unit_type=xa&limit=1"))
                        .json()
                        .get("features")
                        .get(0)
                        .get("properties")
                        .get("licence")
                        .asString())
                .isEqualTo(communeLicence.get("id").asString());
        List<String> licenceLinks = new ArrayList<>();
        Http.get(url("/collections/communes")).json().get("links").forEach(link -> {
            if (link.get("rel").asString().equals("license")) {
                licenceLinks.add(link.get("href").asString());
            }
        });
        assertThat(licenceLinks)
                .containsExactly("https://spdx.org/licenses/MIT.html", "https://creativecommons.org/licenses/by/4.0/");

        // the size of a file is given once it has been produced
        long size = Http.bytes(url("/downloads/provinces.fgb")).body().length;
        JsonNode provinces =
                Http.get(url("/downloads?f=json")).json().get("layers").get(4);
        for (JsonNode d : provinces.get("downloads")) {
            if (d.get("format").asString().equals("fgb")) {
                assertThat(d.get("size").asLong()).isEqualTo(size);
            }
        }
        Http.Reply html = Http.get(url("/downloads"), "Accept", "text/html");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text())
                .contains("Trang trại")
                .contains("/downloads/farms.gpkg")
                .contains("CC-BY-4.0")
                .contains("/downloads/ntm_assessments.csv")
                .contains("Bảng không có hình học")
                .doesNotContain("/downloads/ntm_assessments.fgb");
        // facts for people, one way each: extents in degrees in the reader's notation, validity in words, no raw
        // instants
        assertThat(html.text())
                .contains("độ kinh Đông", "độ vĩ Bắc", "từ 01/07/2025", "farms.csvt", "farms.prj", "ntm_criteria.csvt")
                .doesNotContain("– ..", "ntm_criteria.prj")
                .doesNotContainPattern("<td>\\d{4}-\\d{2}-\\d{2}T");
        assertThat(Http.get(url("/downloads?lang=en"), "Accept", "text/html").text())
                .contains("°E", "°N", "from 1 July 2025")
                .doesNotContain("– ..");
    }

    /** A record table in the catalogue: marked as a table, its rows counted, its dictionary given, no FlatGeobuf. */
    void assertTable(JsonNode l) {
        String id = l.get("id").asString();
        assertThat(l.get("kind").asString()).as(id).isEqualTo("table");
        assertThat(l.get("geometryType").asString()).isEqualTo("None");
        assertThat(l.has("extent")).as(id + " has no spatial extent").isFalse();
        assertThat(l.get("featureCount").asLong())
                .as(id)
                .isEqualTo(store.count(FeatureQuery.all(catalog.require(id))))
                .isPositive();
        assertThat(l.get("title").get("en").asString()).isNotBlank();
        assertThat(l.get("licence").get("url").asString()).startsWith("https://");
        assertThat(l.get("attribution").asString()).isNotBlank();
        assertThat(l.get("downloads").findValuesAsString("format")).containsExactly("geojson", "csv", "gpkg");
        assertThat(l.get("dataDictionary").findValuesAsString("name"))
                .containsExactlyElementsOf(catalog.require(id).properties().stream()
                        .map(p -> p.name())
                        .toList());
        for (JsonNode p : l.get("dataDictionary")) {
            assertThat(p.get("type").asString()).isNotBlank();
            assertThat(p.get("description").get("en").asString())
                    .as(id + "." + p.get("name"))
                    .isNotBlank();
        }
    }

    @Test
    void dcatAndDataJsonListADatasetPerLayerAndADistributionPerFormat() {
        Http.Reply dcat = Http.get(url("/downloads/catalog.jsonld"), "Accept", "application/ld+json");
        assertThat(dcat.status()).isEqualTo(200);
        assertThat(dcat.contentType()).startsWith("application/ld+json");
        JsonNode doc = dcat.json();
        assertThat(doc.get("@context").get("dcat").asString()).isEqualTo("http://www.w3.org/ns/dcat#");
        assertThat(doc.get("@type").asString()).isEqualTo("dcat:Catalog");
        assertThat(doc.get("dcat:dataset")).hasSize(LAYERS.size() + TABLES.size());
        for (JsonNode ds : doc.get("dcat:dataset")) {
            assertThat(ds.get("@type").asString()).isEqualTo("dcat:Dataset");
            String id = ds.get("dct:identifier").asString();
            if (TABLES.contains(id)) {
                assertThat(ds.has("dct:spatial")).as(id).isFalse();
                assertThat(ds.get("@id").asString()).isEqualTo(url("/downloads#" + id));
                assertThat(ds.get("dcat:keyword").toString()).contains("\"table\"");
                List<String> hrefs = new ArrayList<>();
                ds.get("dcat:distribution")
                        .forEach(d ->
                                hrefs.add(d.get("dcat:downloadURL").get("@id").asString()));
                assertThat(hrefs)
                        .containsExactly(
                                url("/downloads/" + id + ".geojson"),
                                url("/downloads/" + id + ".csv"),
                                url("/downloads/" + id + ".gpkg"));
                for (String href : hrefs) {
                    assertThat(Http.bytes(href, "Range", "bytes=0-0").status())
                            .as(href)
                            .isIn(200, 206);
                }
                continue;
            }
            assertThat(ds.get("dct:spatial").get("dcat:bbox").get("@value").asString())
                    .startsWith("POLYGON((");
            assertThat(ds.get("dct:modified").get("@value").asString()).isNotBlank();
            assertThat(ds.get("dcat:distribution")).hasSize(4);
            for (JsonNode d : ds.get("dcat:distribution")) {
                String href = d.get("dcat:downloadURL").get("@id").asString();
                assertThat(d.get("dct:license").findValuesAsString("@id"))
                        .isNotEmpty()
                        .allSatisfy(u -> assertThat(u).startsWith("https://"));
                assertThat(Http.bytes(href, "Range", "bytes=0-0").status())
                        .as(href)
                        .isIn(200, 206);
            }
        }
        JsonNode communes = doc.get("dcat:dataset").get(2);
        assertThat(communes.get("dcat:distribution").get(0).get("dct:license").findValuesAsString("@id"))
                .containsExactly("https://spdx.org/licenses/MIT.html", "https://creativecommons.org/licenses/by/4.0/");
        assertThat(communes.get("dct:temporal")
                        .get("dcat:startDate")
                        .get("@value")
                        .asString())
                .matches("\\d{4}-\\d{2}-\\d{2}");
        JsonNode pod = Http.get(url("/data.json")).json();
        assertThat(pod.get("conformsTo").asString()).isEqualTo("https://project-open-data.cio.gov/v1.1/schema");
        assertThat(pod.get("dataset")).hasSize(LAYERS.size() + TABLES.size());
        JsonNode lineage = pod.get("dataset").get(LAYERS.size() + TABLES.indexOf("unit_lineage"));
        assertThat(lineage.get("identifier").asString()).isEqualTo(url("/downloads#unit_lineage"));
        assertThat(lineage.get("distribution").findValuesAsString("format")).containsExactly("geojson", "csv", "gpkg");
        assertThat(pod.get("dataset").get(0).get("distribution").findValuesAsString("downloadURL"))
                .allMatch(u -> u.startsWith(url("/downloads/farms.")));
        assertThat(pod.get("dataset").get(0).get("accessLevel").asString()).isEqualTo("public");
        JsonNode landing = Http.get(url("/")).json();
        assertThat(landing.get("links").toString())
                .contains(url("/downloads"))
                .contains(url("/downloads/catalog.jsonld"));
        assertThat(Http.get(url("/api")).json().get("paths").has("/downloads/farms.{format}"))
                .isTrue();
        assertThat(Http.get(url("/api")).json().get("paths").has("/downloads/ntm_targets.{format}"))
                .isTrue();
    }

    // ---- refusals -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
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
                "/downloads?colour=red|400|colour",
                "/downloads/ntm_criteria.fgb|404|format",
                "/downloads/ntm_criteria.csv?bbox=104,19,108,23|400|bbox",
                "/downloads/ntm_assessments.geojson?province=24|400|province",
                "/downloads/unit_lineage.gpkg?datetime=2024-01-01|400|datetime",
                "/downloads/ntm_targets.csv?colour=red|400|colour",
                "/downloads/survey_responses.csv|404|layer",
                "/downloads/ntm_criteria.prj|404|format",
                "/downloads/farms.prj?skipGeometry=true|404|format",
                "/downloads/farms.csvt?colour=red|400|colour",
                "/downloads/farms.csvt?properties=colour|400|properties",
                "/downloads/nope.csvt|404|layer"
            })
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
