package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.WebMercator;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Vector tiles over HTTP, read back with GDAL's MVT driver; the same on every store. */
@IntegrationTest
// the tests are a proxy's clients (X-Forwarded-For from loopback), so per-client limits can be tried with several
// clients
@TestPropertySource(properties = "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")
abstract class TileContract {

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The z/x/y tile holding the first tourism site, and that site. */
    TileCoord tileOfFirstSite(int z) {
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        JsonNode c = site.get("geometry").get("coordinates");
        return TileCoord.containing(z, c.get(0).asDouble(), c.get(1).asDouble());
    }

    /** ogrinfo's reading of one MVT tile: per layer, the values of one attribute, sorted. */
    Map<String, List<String>> gdalRead(byte[] tile, String attribute) throws Exception {
        Path file = dir.resolve("tile-" + System.nanoTime() + ".mvt");
        Files.write(file, tile);
        Processes.Result r = Processes.run(60, List.of("ogrinfo", "-ro", "-al", "-q", file.toString()));
        assertThat(r.exitCode()).as(r.output()).isZero();
        Map<String, List<String>> values = new TreeMap<>();
        String layer = null;
        for (String line : r.output().lines().toList()) {
            if (line.startsWith("Layer name: ")) {
                layer = line.substring(12).trim();
                values.put(layer, new ArrayList<>());
            } else if (layer != null && line.trim().startsWith(attribute + " (")) {
                values.get(layer).add(line.substring(line.indexOf(") = ") + 4).trim());
            }
        }
        values.values().forEach(v -> v.sort(null));
        return values;
    }

    /**
     * The same reading as {@link #gdalRead}, decoded in this JVM (mapbox-vector-tile-java's
     * reader): for polling, where starting ogrinfo (0.7 s on a loaded machine) would be most of
     * the time measured. GDAL stays the reader of record in the checks that do not time.
     */
    static Map<String, List<String>> decode(byte[] tile, String attribute) throws java.io.IOException {
        io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt mvt =
                io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
                        new java.io.ByteArrayInputStream(tile),
                        new org.locationtech.jts.geom.GeometryFactory(),
                        new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
        Map<String, List<String>> values = new TreeMap<>();
        for (var layer : mvt.getLayers()) {
            List<String> v = new ArrayList<>();
            for (var g : layer.getGeometries()) {
                Object value = g.getUserData() instanceof Map<?, ?> tags ? tags.get(attribute) : null;
                if (value != null) {
                    v.add(value.toString());
                }
            }
            v.sort(null);
            values.put(layer.getName(), v);
        }
        return values;
    }

    /**
     * A tile layer's features as sorted lines: a point with its tile coordinates, any other
     * geometry by type (the two producers may order a polygon's vertices differently), then the
     * feature's attributes in key order. Two stores that aggregate alike give the same lines.
     */
    static List<String> features(byte[] tile, String layer) throws java.io.IOException {
        io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt mvt =
                io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
                        new java.io.ByteArrayInputStream(tile),
                        new org.locationtech.jts.geom.GeometryFactory(),
                        new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter());
        List<String> lines = new ArrayList<>();
        var l = mvt.getLayersByName().get(layer);
        if (l != null) {
            for (var g : l.getGeometries()) {
                String shape = g instanceof org.locationtech.jts.geom.Point p
                        ? "POINT " + (long) p.getX() + " " + (long) p.getY()
                        : g.getGeometryType();
                lines.add(shape + " " + new TreeMap<>((Map<?, ?>) g.getUserData()));
            }
        }
        lines.sort(null);
        return lines;
    }

    /** Grows {@code box} by every position of a GeoJSON coordinates array. */
    private static void boxOf(JsonNode coordinates, Envelope box) {
        if (coordinates.get(0).isNumber()) {
            box.expandToInclude(
                    coordinates.get(0).asDouble(), coordinates.get(1).asDouble());
        } else {
            coordinates.forEach(c -> boxOf(c, box));
        }
    }

    /** Names of the features the API returns for the tile's area, buffer included. */
    List<String> apiNames(String collection, TileCoord t, String nameProperty) {
        Envelope e = WebMercator.lonLatQueryBox(t);
        JsonNode doc = Http.get(url("/collections/" + collection + "/items?limit=10000&bbox=" + e.getMinX() + ","
                        + e.getMinY() + "," + e.getMaxX() + "," + e.getMaxY()))
                .json();
        List<String> names = new ArrayList<>();
        doc.get("features")
                .forEach(f -> names.add(f.get("properties").get(nameProperty).asString()));
        names.sort(null);
        return names;
    }

    @Test
    void describesTheTileMatrixSetAndEachTileset() {
        JsonNode tms = Http.get(url("/tileMatrixSets/WebMercatorQuad")).json();
        assertThat(tms.get("crs").asString()).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
        assertThat(tms.get("tileMatrices")).hasSize(21);
        assertThat(tms.get("tileMatrices").get(10).get("matrixWidth").asLong()).isEqualTo(1024);
        JsonNode ts =
                Http.get(url("/collections/tourism/tiles/WebMercatorQuad")).json();
        assertThat(ts.get("tilejson").asString()).isEqualTo("3.0.0");
        assertThat(ts.get("tiles").get(0).asString())
                .matches(".*/collections/tourism/tiles/WebMercatorQuad/\\{z}/\\{y}/\\{x}\\?v=[0-9a-f]{16}");
        assertThat(ts.get("vector_layers").get(0).get("fields").has("name")).isTrue();
        assertThat(ts.get("vector_layers").get(0).get("fields").has("description_vi"))
                .isFalse();
        assertThat(ts.get("bounds").get(0).asDouble()).isBetween(102.0, 110.0);
        JsonNode all = Http.get(url("/tiles/WebMercatorQuad")).json();
        assertThat(all.get("vector_layers").findValuesAsString("id"))
                .containsExactly("farms", "zones", "communes", "tourism", "provinces");
        assertThat(Http.get(url("/conformance")).json().get("conformsTo").toString())
                .contains("ogcapi-tiles-1/1.0/conf/mvt");
    }

    @Test
    void gdalReadsTheSameSitesAndNamesAsTheFeaturesApi() throws Exception {
        TileCoord t = tileOfFirstSite(13);
        Http.BinaryReply r =
                Http.bytes(url("/collections/tourism/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("application/vnd.mapbox-vector-tile");
        Map<String, List<String>> read = gdalRead(r.body(), "name");
        assertThat(decode(r.body(), "name"))
                .as("the JVM decoding that polls reads what GDAL reads")
                .isEqualTo(read);
        assertThat(read.keySet()).containsExactly("tourism");
        assertThat(read.get("tourism")).isNotEmpty().isEqualTo(apiNames("tourism", t, "name"));
    }

    @Test
    void theDatasetTileHoldsEveryLayerAtItsZooms() throws Exception {
        TileCoord t = tileOfFirstSite(12);
        Http.BinaryReply r = Http.bytes(url("/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x()));
        assertThat(r.status()).isEqualTo(200);
        Map<String, List<String>> read = gdalRead(r.body(), "name");
        assertThat(read).containsKeys("communes", "tourism", "provinces");
        assertThat(read.get("tourism")).isEqualTo(apiNames("tourism", t, "name"));
        assertThat(read.get("communes")).isNotEmpty();
        assertThat(apiNames("communes", t, "name")).containsAll(read.get("communes"));
        // farms start at zoom 8, as counts per cell: none in a zoom-7 tile
        TileCoord low = TileCoord.containing(7, 105.97, 21.12);
        assertThat(gdalRead(
                        Http.bytes(url("/tiles/WebMercatorQuad/" + low.z() + "/" + low.y() + "/" + low.x()))
                                .body(),
                        "name"))
                .doesNotContainKey("farms");
    }

    /**
     * Below zoom 13 a farms tile holds one feature per cell of its 64 × 64 grid: a cell of one farm
     * shows that farm (its name and id), a cell of more a point with their count and most common
     * product. Counted from the features API: every farm whose box centre lies in the tile is in
     * exactly one cell, and no cell has more than one feature.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 10, 12})
    void lowZoomFarmTilesCountEveryFarmOnceByCell(int z) throws Exception {
        TileCoord t = TileCoord.containing(z, 105.97, 21.12);
        byte[] tile = Http.bytes(url("/collections/farms/tiles/WebMercatorQuad/" + z + "/" + t.y() + "/" + t.x()))
                .body();
        Map<String, Integer> expected = new TreeMap<>(); // cell → farms
        Map<String, String> onlyFarm = new TreeMap<>();
        Envelope e = WebMercator.lonLatQueryBox(t);
        JsonNode doc = Http.get(url("/collections/farms/items?limit=10000&bbox=" + e.getMinX() + "," + e.getMinY() + ","
                        + e.getMaxX() + "," + e.getMaxY()))
                .json();
        for (JsonNode f : doc.get("features")) {
            Envelope box = new Envelope();
            boxOf(f.get("geometry").get("coordinates"), box);
            long cx = org.ruralatlas.tiles.TileCells.column(box, z);
            long cy = org.ruralatlas.tiles.TileCells.row(box, z);
            if (cx / 64 == t.x() && cy / 64 == t.y()) {
                expected.merge(cx + " " + cy, 1, Integer::sum);
                onlyFarm.put(cx + " " + cy, f.get("properties").get("farm_id").asString());
            }
        }
        assertThat(expected).as("farms in the tile").isNotEmpty();
        List<String> lines = features(tile, "farms");
        assertThat(lines).as("one feature per cell").hasSize(expected.size());
        long counted = lines.stream()
                .mapToLong(l -> l.contains("count=") ? Long.parseLong(l.replaceAll(".*count=(\\d+).*", "$1")) : 1)
                .sum();
        assertThat(counted)
                .isEqualTo(
                        expected.values().stream().mapToLong(Integer::longValue).sum());
        List<String> singles = expected.entrySet().stream()
                .filter(c -> c.getValue() == 1)
                .map(c -> onlyFarm.get(c.getKey()))
                .sorted()
                .toList();
        assertThat(lines.stream()
                        .filter(l -> l.contains("farm_id="))
                        .map(l -> l.replaceAll(".*farm_id=([^,}]+).*", "$1"))
                        .sorted()
                        .toList())
                .as("the cells of one farm show that farm")
                .isEqualTo(singles);
        assertThat(lines.stream().filter(l -> l.contains("count=")))
                .as("a cell of many is a point with a count of two or more, and no farm's id")
                .allMatch(l -> l.startsWith("POINT") && !l.contains("farm_id=") && !l.matches(".*count=[01][,}].*"));
    }

    @Test
    void theXyzAliasServesTheSameTile() {
        TileCoord t = tileOfFirstSite(11);
        Http.BinaryReply ogc =
                Http.bytes(url("/collections/tourism/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x()));
        Http.BinaryReply xyz = Http.bytes(url("/tiles/tourism/" + t.z() + "/" + t.x() + "/" + t.y() + ".mvt"));
        assertThat(xyz.status()).isEqualTo(200);
        assertThat(xyz.body()).isEqualTo(ogc.body());
        assertThat(xyz.header("ETag")).isEqualTo(ogc.header("ETag"));
    }

    @Test
    void emptyTilesAre204AndEveryTileRevalidates() {
        Http.BinaryReply sea = Http.bytes(url("/tiles/WebMercatorQuad/10/0/0"));
        assertThat(sea.status()).isEqualTo(204);
        assertThat(sea.header("ETag")).isNotEmpty();
        TileCoord t = tileOfFirstSite(12);
        String path = "/collections/tourism/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        Http.BinaryReply first = Http.bytes(url(path));
        assertThat(first.header("Cache-Control")).contains("no-cache");
        assertThat(Http.bytes(url(path), "If-None-Match", first.header("ETag")).status())
                .isEqualTo(304);
        assertThat(Http.bytes(url("/tiles/WebMercatorQuad/10/0/0"), "If-None-Match", sea.header("ETag"))
                        .status())
                .isEqualTo(304);
    }

    /**
     * Saving an area asks for its tiles in batches: each part of the multipart answer is what the
     * tile's own URL answers (bytes, ETag; no body for an empty tile), in the order asked, runs of
     * rows included. The parts are read here by the boundary alone, not by the lengths they give.
     */
    @Test
    void aBatchOfTilesGivesEachTileAsItsOwnUrlAnswersIt() {
        TileCoord site = tileOfFirstSite(12);
        List<TileCoord> asked = List.of(
                new TileCoord(12, site.x(), site.y() - 1),
                site,
                new TileCoord(12, site.x(), site.y() + 1),
                new TileCoord(10, 0, 0), // the sea: empty
                site.parent());
        String tiles = "12/" + site.x() + "/" + (site.y() - 1) + "-" + (site.y() + 1) + ",10/0/0,11/"
                + site.parent().x() + "/" + site.parent().y();
        Http.BinaryReply batch = Http.bytes(url("/tiles/offline/tiles?tiles=" + tiles), "Accept", "multipart/mixed");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.header("Cache-Control")).contains("no-store");
        List<Map<String, Object>> parts = multipartParts(batch);
        assertThat(parts).hasSize(asked.size());
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            TileCoord t = asked.get(i);
            String path = "/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
            Http.BinaryReply single = Http.bytes(url(path));
            statuses.add(single.status());
            Map<String, Object> part = parts.get(i);
            byte[] body = (byte[]) part.get("body");
            assertThat(part.get("content-location")).as(path).isEqualTo(url(path));
            assertThat(part.get("etag")).as(path).isEqualTo(single.header("ETag"));
            assertThat(part.get("content-length")).as(path).isEqualTo(Integer.toString(body.length));
            if (single.status() == 204) {
                assertThat(body).as(path).isEmpty();
                assertThat(part).as(path).doesNotContainKey("content-type");
            } else {
                assertThat(body).as(path).isEqualTo(single.body());
                assertThat(part.get("content-type")).as(path).isEqualTo("application/vnd.mapbox-vector-tile");
            }
        }
        assertThat(statuses).as("tiles with data and an empty one").containsExactlyInAnyOrder(200, 204);

        // updating: the tags held, quoted or not, one stale: the others are 304 parts without a body
        List<String> held = new ArrayList<>();
        parts.forEach(p -> held.add(((String) p.get("etag")).replace("\"", "")));
        held.set(0, "stale");
        held.set(2, "\"" + held.get(2) + "\"");
        held.set(4, "");
        Http.BinaryReply update = Http.bytes(url("/tiles/offline/tiles?tiles=" + tiles + "&known="
                + java.net.URLEncoder.encode(String.join(",", held), StandardCharsets.UTF_8)));
        assertThat(update.status()).isEqualTo(200);
        List<Map<String, Object>> checked = multipartParts(update);
        for (int i = 0; i < asked.size(); i++) {
            Map<String, Object> part = checked.get(i);
            assertThat(part.get("etag")).isEqualTo(parts.get(i).get("etag"));
            if (i == 0 || i == 4) { // a stale tag, none: the tile
                assertThat(part).doesNotContainKey("status");
                assertThat((byte[]) part.get("body")).isEqualTo(parts.get(i).get("body"));
            } else {
                assertThat(part.get("status")).as("tile %d", i).isEqualTo("304");
                assertThat((byte[]) part.get("body")).isEmpty();
                assertThat(part).doesNotContainKey("content-type");
            }
        }
    }

    /** A batch comes gzipped to a client that asks, as tiles do: on a rural link its bytes count. */
    @Test
    void aBatchOfTilesIsGzippedWhenAsked() throws Exception {
        String tiles = "10/812/449-456,10/813/449-456";
        Http.BinaryReply plain = Http.bytes(url("/tiles/offline/tiles?tiles=" + tiles));
        Http.BinaryReply gzipped = Http.bytes(url("/tiles/offline/tiles?tiles=" + tiles), "Accept-Encoding", "gzip");
        assertThat(plain.body().length).as("over Tomcat's 2 KB threshold").isGreaterThan(2048);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        byte[] body;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            body = in.readAllBytes();
        }
        assertThat(gzipped.body().length).isLessThan(body.length);
        List<Map<String, Object>> unzipped = multipartParts(new Http.BinaryReply(200, gzipped.headers(), body));
        List<Map<String, Object>> parts = multipartParts(plain);
        assertThat(unzipped).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat((byte[]) unzipped.get(i).get("body"))
                    .isEqualTo(parts.get(i).get("body"));
        }
    }

    /** The parts of a multipart/mixed answer, split at its boundary (RFC 2046): lower-cased headers, and "body". */
    static List<Map<String, Object>> multipartParts(Http.BinaryReply reply) {
        String type = reply.header("Content-Type");
        assertThat(type).startsWith("multipart/mixed");
        String boundary =
                type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
        String text = new String(reply.body(), StandardCharsets.ISO_8859_1); // one char per byte
        assertThat(text).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
        String inner = text.substring(
                ("--" + boundary + "\r\n").length(), text.length() - ("\r\n--" + boundary + "--\r\n").length());
        List<Map<String, Object>> parts = new ArrayList<>();
        for (String part : inner.split(Pattern.quote("\r\n--" + boundary + "\r\n"), -1)) {
            int blank = part.indexOf("\r\n\r\n");
            Map<String, Object> fields = new HashMap<>();
            for (String line : part.substring(0, blank).split("\r\n")) {
                int colon = line.indexOf(':');
                fields.put(
                        line.substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            fields.put("body", part.substring(blank + 4).getBytes(StandardCharsets.ISO_8859_1));
            parts.add(fields);
        }
        return parts;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/tiles/WebMercatorQuad/ten/1/1|400|tileMatrix",
                "/tiles/WebMercatorQuad/3/x/1|400|tileRow",
                "/tiles/WebMercatorQuad/21/0/0|404|",
                "/tiles/WebMercatorQuad/3/8/0|404|",
                "/tiles/WebMercatorQuad/3/0/-1|404|",
                "/tiles/WorldCRS84Quad/3/0/0|404|",
                "/collections/nowhere/tiles/WebMercatorQuad/3/0/0|404|",
                "/collections/reported_province_figures/tiles|404|",
                "/tileMatrixSets/Nope|404|",
                "/tiles/nowhere/3/0/0.mvt|404|",
                "/tiles/offline?bbox=100,8,110,24&zooms=0-18|413|zooms",
                "/tiles/offline?province=Atlantis|404|",
                "/tiles/offline?province=Bac%20Ninh&bbox=1,2,3,4|400|bbox",
                "/tiles/offline?zooms=6-8|400|province",
                "/tiles/offline?province=Bac%20Ninh&zooms=9-3|400|zooms",
                "/tiles/offline?province=Bac%20Ninh&colour=red|400|colour",
                "/tiles/offline/plan?bbox=100,8,110,24&zooms=0-18|413|zooms",
                "/tiles/offline/plan?province=Atlantis|404|",
                "/tiles/offline/plan?zooms=6-8|400|province",
                "/tiles/offline/plan?province=Bac%20Ninh&zooms=9-3|400|zooms",
                "/tiles/offline/plan?province=Bac%20Ninh&zooms=six|400|zooms",
                "/tiles/offline/plan?bbox=1,2,3|400|bbox",
                "/tiles/offline/plan?bbox=170,10,-170,20|400|bbox",
                "/tiles/offline/plan?province=Bac%20Ninh&province=24|400|province",
                "/tiles/offline/plan?province=Bac%20Ninh&colour=red|400|colour",
                "/tiles/offline/plan?province=Bac%20Ninh&etags=yes|400|etags",
                "/tiles/offline/tiles|400|tiles",
                "/tiles/offline/tiles?tiles=|400|tiles",
                "/tiles/offline/tiles?tiles=21/0/0|400|tiles",
                "/tiles/offline/tiles?tiles=1/2/0|400|tiles",
                "/tiles/offline/tiles?tiles=1/0/1-0|400|tiles",
                "/tiles/offline/tiles?tiles=1/0/-1|400|tiles",
                "/tiles/offline/tiles?tiles=a/b/c|400|tiles",
                "/tiles/offline/tiles?tiles=0/0|400|tiles",
                "/tiles/offline/tiles?tiles=0/0/0,|400|tiles",
                "/tiles/offline/tiles?tiles=10/0/0-256|400|tiles",
                "/tiles/offline/tiles?tiles=0/0/0&tiles=0/0/0|400|tiles",
                "/tiles/offline/tiles?tiles=0/0/0&colour=red|400|colour",
                "/tiles/offline/tiles?tiles=0/0/0&known=a,b|400|known",
                "/tiles/offline/tiles?tiles=1/0/0-1&known=a|400|known"
            })
    void badTileAndOfflineRequestsAreProblems(String path, int status, String parameter) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (parameter != null) {
            assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
        }
    }

    /** Changes one tourism site's name straight in the store, as another program would; the change feed announces it. */
    abstract void renameSiteFromOutside(String id, String name) throws Exception;

    /** The policy of a tile URL without its current data version: revalidate every time. */
    static final String PLAIN = "no-cache, public";

    static String versionOf(JsonNode tileset) {
        String template = tileset.get("tiles").get(0).asString();
        return template.substring(template.indexOf("?v=") + 3);
    }

    /**
     * Issue 18/19: the tilesets give tile URLs carrying the set's data version; such a URL is
     * immutable (kept for a year) while the version is current, and a write gives the sets
     * holding its layer a new version, under which the new tile is served; an old version's URL,
     * a made-up one and the plain URL get the current bytes under the plain revalidating policy.
     */
    @Test
    void tileUrlsCarryTheDataVersionAndAreImmutableUntilADataChangeGivesANewOne() throws Exception {
        Http.Reply tileset = Http.get(url("/collections/tourism/tiles/WebMercatorQuad"));
        assertThat(tileset.header("Cache-Control")).isEqualTo("no-cache");
        String v1 = versionOf(tileset.json());
        String farms = versionOf(
                Http.get(url("/collections/farms/tiles/WebMercatorQuad")).json());
        String all = versionOf(Http.get(url("/tiles/WebMercatorQuad")).json());
        assertThat(Http.get(url("/collections/tourism/tiles/WebMercatorQuad"))
                        .json()
                        .get("links")
                        .toString())
                .as("the OGC item link carries it too")
                .contains("{tileCol}?v=" + v1);
        JsonNode site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0);
        String id = site.get("id").asString();
        String name = site.get("properties").get("name").asString();
        TileCoord t = tileOfFirstSite(14);
        String tile = "/collections/tourism/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        Http.BinaryReply kept = Http.bytes(url(tile + "?v=" + v1));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.header("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(kept.body()).isEqualTo(Http.bytes(url(tile)).body());
        assertThat(Http.bytes(url(tile)).header("Cache-Control")).isEqualTo(PLAIN);
        assertThat(Http.bytes(url(tile + "?v=0123456789abcdef")).header("Cache-Control"))
                .isEqualTo(PLAIN);
        try {
            renameSiteFromOutside(id, name + " (v2)");
            long start = System.nanoTime();
            String v2 = v1;
            while (v2.equals(v1)) {
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("a new version within 5 s")
                        .isLessThan(5000);
                Thread.sleep(20);
                v2 = versionOf(Http.get(url("/collections/tourism/tiles/WebMercatorQuad"))
                        .json());
            }
            Http.BinaryReply fresh = Http.bytes(url(tile + "?v=" + v2));
            assertThat(fresh.header("Cache-Control")).contains("immutable");
            assertThat(gdalRead(fresh.body(), "name").get("tourism"))
                    .as("the new version's URL names the new tile")
                    .contains(name + " (v2)");
            Http.BinaryReply old = Http.bytes(url(tile + "?v=" + v1));
            assertThat(old.header("Cache-Control"))
                    .as("an old version is no longer kept")
                    .isEqualTo(PLAIN);
            assertThat(old.body()).isEqualTo(fresh.body());
            assertThat(versionOf(Http.get(url("/tiles/WebMercatorQuad")).json()))
                    .as("every layer's set moved too")
                    .isNotEqualTo(all);
            assertThat(versionOf(Http.get(url("/collections/farms/tiles/WebMercatorQuad"))
                            .json()))
                    .as("other layers' sets did not")
                    .isEqualTo(farms);
        } finally {
            renameSiteFromOutside(id, name);
        }
    }

    /** Renames a table of the store under the running server, as an administrator's mistake or a half-done migration would. */
    abstract void renameTable(String from, String to) throws Exception;

    /**
     * Whether {@link #renameTable} is itself announced as a change of the layer: any write to a
     * GeoPackage file is (its tiles are then rightly dropped), a PostgreSQL rename is not.
     */
    boolean renameIsAChange() {
        return false;
    }

    /**
     * Issue 13: the store failing under the running server (a table renamed: the database still
     * answers, so the circuit stays closed) leaves a missing tile as 503 problem+json with
     * Retry-After on every tile URL form, never a 500; a cached tile is still served, and once
     * the table is back the missing tile is made.
     */
    @Test
    void aStoreFailureOnAMissingTileIs503ProblemWithRetryAfter() throws Exception {
        TileCoord site = tileOfFirstSite(17);
        TileCoord cached = site.parent();
        String cachedPath =
                "/collections/tourism/tiles/WebMercatorQuad/" + cached.z() + "/" + cached.y() + "/" + cached.x();
        assertThat(Http.bytes(url(cachedPath)).status()).isEqualTo(200);
        List<String> missing = List.of(
                "/tiles/WebMercatorQuad/" + site.z() + "/" + site.y() + "/" + site.x(),
                "/collections/tourism/tiles/WebMercatorQuad/" + site.z() + "/" + site.y() + "/" + site.x(),
                "/tiles/tourism/" + site.z() + "/" + site.x() + "/" + site.y() + ".mvt",
                "/tiles/offline/tiles?tiles=" + site.z() + "/" + site.x() + "/" + site.y());
        renameTable("tourism", "tourism_away");
        try {
            for (String path : missing) {
                Http.Reply r = Http.get(url(path));
                assertThat(r.status()).as(path).isEqualTo(503);
                assertThat(r.header("Retry-After")).as(path).isNotEmpty();
                assertThat(r.contentType()).as(path).startsWith("application/problem+json");
                assertThat(r.json().get("status").asInt()).isEqualTo(503);
                assertThat(r.text()).doesNotContain("tourism_away").doesNotContain("Exception");
            }
            if (!renameIsAChange()) {
                assertThat(Http.bytes(url(cachedPath)).status())
                        .as("a cached tile while the store fails")
                        .isEqualTo(200);
            }
        } finally {
            renameTable("tourism_away", "tourism");
        }
        if (renameIsAChange()) {
            // the file's watch (every 100 ms) drops the layer for each rename: let it do so here, not in the next test
            Thread.sleep(1000);
        }
        for (String path : missing) {
            assertThat(Http.bytes(url(path)).status()).as(path).isEqualTo(200);
        }
    }

    /**
     * Sixteen requests at once for a tile not yet made: it is made once. "Once" is per data state:
     * a change applied during the run (an earlier test's write to the file, seen late by its watch)
     * rightly drops the tile and makes it again, so such a run is tried again on a deeper tile.
     */
    @Test
    void concurrentRequestsForAMissingTileProduceItOnce() throws Exception {
        for (int z = 15; ; z++) {
            awaitNoChangeFor(500);
            double changes = changesApplied();
            TileCoord t = tileOfFirstSite(z);
            String path = url("/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x());
            double before = produced();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Http.BinaryReply>> replies = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    replies.add(pool.submit(() -> Http.bytes(path)));
                }
                for (Future<Http.BinaryReply> f : replies) {
                    assertThat(f.get().status()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            if (changesApplied() == changes || z == 18) {
                assertThat(changesApplied()).as("no data change during the run").isEqualTo(changes);
                assertThat(produced() - before).isEqualTo(1.0);
                return;
            }
        }
    }

    /** How many data changes the tile cache has applied (each drops the tiles it touches). */
    double changesApplied() {
        return Http.asAdmin(url("/actuator/metrics/ruralatlas.tiles.invalidation.lag"))
                .json()
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    /** Waits until no change has been applied for {@code millis} (at most ten seconds). */
    void awaitNoChangeFor(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        double seen = changesApplied();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < millis * 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            double now = changesApplied();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    @Test
    void anOfflinePackageIsAnMbtilesFileGdalReads() throws Exception {
        String path = "/tiles/offline?province="
                + java.net.URLEncoder.encode("Bắc Ninh", java.nio.charset.StandardCharsets.UTF_8) + "&zooms=8-11";
        Http.BinaryReply r = Http.bytes(url(path));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).contains("attachment").contains("ruralatlas-bac-ninh-z8-11-");
        Path file = dir.resolve("bac-ninh.mbtiles");
        Files.write(file, r.body());
        Processes.Result info = Processes.run(60, List.of("ogrinfo", "-ro", "-so", "-al", file.toString()));
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(info.output()).contains("Layer name: communes", "Layer name: provinces", "Layer name: farms");
        // the same package again: built once, resumable
        Http.BinaryReply again = Http.bytes(url(path), "Range", "bytes=0-15");
        assertThat(again.status()).isEqualTo(206);
        assertThat(new String(again.body(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("SQLite format 3\u0000");
        assertThat(Http.bytes(url(path)).header("ETag")).isEqualTo(r.header("ETag"));
    }

    /**
     * Issue 19: the plan of saving an area lists the same tiles an offline package holds, counts
     * them, and sizes them from the cache once they are in it (an estimate before); no tile is made.
     */
    @Test
    void anOfflinePlanListsTheAreasTilesAndSizesThemFromTheCache() {
        String path = "/tiles/offline/plan?bbox=105.9,21.0,106.1,21.15&zooms=9-12";
        Http.Reply first = Http.get(url(path));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Cache-Control")).contains("no-cache");
        JsonNode plan = first.json();
        JsonNode tiles = plan.get("tiles");
        assertThat(plan.get("tileCount").asInt()).isEqualTo(tiles.size()).isPositive();
        assertThat(plan.get("bytes").asLong()).isPositive();
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (JsonNode t : tiles) {
            int z = t.get(0).asInt();
            assertThat(z).isBetween(9, 12);
            TileCoord c = new TileCoord(z, t.get(1).asInt(), t.get(2).asInt());
            assertThat(WebMercator.lonLatQueryBox(c).intersects(new Envelope(105.9, 106.1, 21.0, 21.15)))
                    .as(c.toString())
                    .isTrue();
            assertThat(listed.add(z + "/" + c.x() + "/" + c.y())).isTrue();
        }
        // every tile of the box at each zoom is listed (a bbox area has no shape to skip tiles by)
        for (int z = 9; z <= 12; z++) {
            String zoom = z + "/";
            assertThat(listed.stream().filter(k -> k.startsWith(zoom)).count())
                    .as("zoom " + z)
                    .isEqualTo(tilesOfBox(z, 105.9, 21.0, 106.1, 21.15));
        }
        long sum = 0;
        Map<String, String> served = new java.util.HashMap<>();
        for (JsonNode t : tiles) {
            Http.BinaryReply tile = Http.bytes(url("/tiles/WebMercatorQuad/"
                    + t.get(0).asInt() + "/" + t.get(2).asInt() + "/" + t.get(1).asInt()));
            sum += tile.body().length;
            served.put(
                    t.get(0).asInt() + "/" + t.get(1).asInt() + "/" + t.get(2).asInt(), tile.header("ETag"));
        }
        // with etags: each tile's tag as served, now that the cache holds them all
        for (JsonNode t : Http.get(url(path + "&etags=true")).json().get("tiles")) {
            assertThat(t.get(3).asString())
                    .isEqualTo(served.get(t.get(0).asInt() + "/" + t.get(1).asInt() + "/"
                            + t.get(2).asInt()));
        }
        JsonNode cached = Http.get(url(path)).json();
        assertThat(cached.get("tilesCached").asInt()).isEqualTo(tiles.size());
        assertThat(cached.get("estimated").asBoolean()).isFalse();
        assertThat(cached.get("bytes").asLong()).isEqualTo(sum);
        assertThat(cached.get("dataVersion").asString())
                .isEqualTo(plan.get("dataVersion").asString())
                .matches("[0-9a-f]{16}");
        // a province: only the tiles that meet its boundary, fewer than its box holds
        JsonNode province = Http.get(url("/tiles/offline/plan?province=Bac%20Ninh&zooms=12-12"))
                .json();
        JsonNode box = province.get("bbox");
        assertThat(province.get("tileCount").asLong())
                .isPositive()
                .isLessThan(tilesOfBox(
                        12,
                        box.get(0).asDouble(),
                        box.get(1).asDouble(),
                        box.get(2).asDouble(),
                        box.get(3).asDouble()));
    }

    /**
     * Issue 19: a plan walks up to 100,000 tiles, so a client asking them in a burst is refused
     * (429 problem+json with Retry-After; on PostGIS the buckets are in the database) once past the
     * default allowance, while another client saving and updating an area as the viewer does
     * (estimate, save, two updates) is not; a mistaken request costs nothing and is told as such.
     */
    @Test
    void offlinePlansAskedInABurstAreRefusedAndASavingIsNot() {
        String path = url("/tiles/offline/plan?bbox=105.9,21.0,106.0,21.1&zooms=6-8");
        int granted = 0;
        Http.Reply refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Http.Reply r = Http.get(path, "X-Forwarded-For", "10.66.0.1");
            if (r.status() == 429) {
                refused = r;
            } else {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                granted++;
            }
        }
        assertThat(refused).as("a burst of plans is refused").isNotNull();
        assertThat(granted)
                .as("plans granted before the refusal: the burst, and what refilled meanwhile")
                .isBetween(12, 15);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("rate limit");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(Http.get(url("/tiles/offline/plan?bbox=1,2,3&zooms=6-8"), "X-Forwarded-For", "10.66.0.1")
                        .status())
                .as("a mistake is told as such, not counted")
                .isEqualTo(400);
        assertThat(Http.get(path, "X-Forwarded-For", "10.66.0.1").status())
                .as("still refused")
                .isEqualTo(429);
        String province = url("/tiles/offline/plan?province=Bac%20Ninh&zooms=6-14");
        for (String viewer : List.of(province, province, province + "&etags=true", province + "&etags=true")) {
            assertThat(Http.get(viewer, "X-Forwarded-For", "10.66.0.2").status())
                    .as("another client saving an area")
                    .isEqualTo(200);
        }
    }

    private static long tilesOfBox(int z, double west, double south, double east, double north) {
        TileCoord min = TileCoord.containing(z, west, north);
        TileCoord max = TileCoord.containing(z, east, south);
        return (long) (max.x() - min.x() + 1) * (max.y() - min.y() + 1);
    }

    @Test
    void seedingOverHttpNeedsTheTokenAndFillsTheCache() throws Exception {
        String seed = url("/admin/tiles/seed?tileset=provinces&province=Bac%20Ninh&zooms=5-9");
        assertThat(Http.post(seed).status()).isEqualTo(401);
        assertThat(Http.post(seed, "Authorization", "Bearer not-the-token-at-all")
                        .status())
                .isEqualTo(401);
        Http.Reply accepted = Http.post(seed, "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(accepted.status()).isEqualTo(202);
        String job = accepted.header("Location");
        JsonNode status = null;
        for (int i = 0; i < 100; i++) {
            status = Http.get(job, "Authorization", "Bearer " + ADMIN_TOKEN).json();
            if (!List.of("queued", "running").contains(status.get("state").asString())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status.get("state").asString()).isEqualTo("finished");
        assertThat(status.get("tilesDone").asLong()).isPositive();
        assertThat(Http.get(job).status()).isEqualTo(401);
        Http.Reply truncated = Http.post(
                url("/admin/tiles/truncate?tileset=provinces&province=Bac%20Ninh&zooms=5-9"),
                "Authorization",
                "Bearer " + ADMIN_TOKEN);
        assertThat(truncated.status()).isEqualTo(200);
        assertThat(truncated.json().get("tilesDropped").asLong())
                .isGreaterThanOrEqualTo(status.get("tilesDone").asLong());
    }

    @Test
    void seedingJobsAreListedOneAtATimeOverTheSameTilesBoundedAndCancelledAtOnce() throws Exception {
        String auth = "Bearer " + ADMIN_TOKEN;
        Http.Reply started = Http.post(
                url("/admin/tiles/seed?tileset=farms&bbox=102,8,110,23.5&zooms=10-14"), "Authorization", auth);
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String job = started.header("Location");
        String id = started.json().get("id").asString();
        assertThat(job).endsWith("/admin/tiles/jobs/" + id);
        Http.Reply clash =
                Http.post(url("/admin/tiles/seed?tileset=farms&bbox=105,20,106,21&zooms=12-12"), "Authorization", auth);
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.contentType()).startsWith("application/problem+json");
        assertThat(clash.json().get("detail").asString()).contains("seeding job " + id);
        Http.Reply tooBig =
                Http.post(url("/admin/tiles/seed?tileset=all&bbox=-180,-85,180,85&zooms=0-16"), "Authorization", auth);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().get("parameter").asString()).isEqualTo("zooms");
        JsonNode listed =
                Http.get(url("/admin/tiles/jobs"), "Authorization", auth).json().get("jobs");
        assertThat(listed.findValuesAsString("id")).contains(id);
        assertThat(Http.get(url("/admin/tiles/jobs")).status()).isEqualTo(401);

        Http.Reply cancelled = Http.delete(job, "Authorization", auth);
        assertThat(cancelled.status()).isEqualTo(200);
        long start = System.nanoTime();
        JsonNode status = cancelled.json();
        while (!status.get("state").asString().equals("cancelled")) {
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to stop").isLessThan(5_000);
            Thread.sleep(50);
            status = Http.get(job, "Authorization", auth).json();
        }
        long done = status.path("tilesDone").asLong();
        Thread.sleep(500);
        assertThat(Http.get(job, "Authorization", auth).json().path("tilesDone").asLong())
                .as("nothing seeded after")
                .isEqualTo(done);
        assertThat(done).isLessThan(status.get("tilesAtMost").asLong());
        // its area is free again
        Http.Reply again = Http.post(
                url("/admin/tiles/seed?tileset=farms&bbox=105,20,105.01,20.01&zooms=12-12"), "Authorization", auth);
        assertThat(again.status()).isEqualTo(202);
        assertThat(Http.get(url("/admin/tiles/jobs/no-such-job"), "Authorization", auth)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void prometheusScrapesTheTileCountersWithTheAdminToken() throws Exception {
        TileCoord t = tileOfFirstSite(12);
        assertThat(Http.bytes(url("/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x()))
                        .status())
                .isIn(200, 204);
        Http.Reply scrape = Http.get(url("/actuator/prometheus"), "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.text())
                .containsPattern(
                        "(?m)^ruralatlas_tiles_requests_total\\{.*answer=\"(memory|disk|produced)\".*} [0-9.E]+$")
                .contains("# TYPE ruralatlas_tiles_invalidation_lag_seconds")
                // latency histograms per route, for histogram_quantile in a dashboard
                .containsPattern("(?m)^http_server_requests_seconds_bucket\\{.*le=\"[0-9.+Inf]+\".*} [0-9.E]+$");
        // the dashboard in deploy/ parses and asks only for series this scrape has
        JsonNode dashboard = JsonMapper.builder()
                .build()
                .readTree(Files.readString(Path.of("../deploy/grafana/ruralatlas-dashboard.json")));
        List<String> asked = new ArrayList<>();
        dashboard
                .get("panels")
                .forEach(p -> p.get("targets").forEach(target -> {
                    Matcher m = Pattern.compile("([a-z_][a-z0-9_]*)\\{")
                            .matcher(target.get("expr").asString());
                    while (m.find()) {
                        asked.add(m.group(1));
                    }
                }));
        assertThat(asked)
                .hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(metric -> assertThat(scrape.text()).as(metric).containsPattern("(?m)^" + metric + "[{ ]"));
        // the scrape names itself, as every answer does
        assertThat(scrape.header("X-Request-Id")).matches("[0-9a-f]{24}");
        // what the server counts is the operator's business, not the public's
        assertThat(Http.get(url("/actuator/prometheus")).status()).isEqualTo(401);
    }

    static final String ADMIN_TOKEN = Http.ADMIN_TOKEN;

    double produced() {
        JsonNode m = Http.asAdmin(url("/actuator/metrics/ruralatlas.tiles.requests?tag=answer:produced"))
                .json();
        return m.get("measurements").get(0).get("value").asDouble();
    }

    /**
     * Polls a tile until the predicate holds on GDAL's reading of it, for at most {@code millis};
     * returns the time from the start to the sending of the first request answered fresh. (GDAL's
     * reading of each answer is the test's own time, long on a loaded machine: not counted.)
     */
    long awaitTile(
            String path, String attribute, java.util.function.Predicate<Map<String, List<String>>> fresh, long millis)
            throws Exception {
        long start = System.nanoTime();
        while (true) {
            long sent = System.nanoTime();
            Http.BinaryReply r = Http.bytes(url(path));
            Map<String, List<String>> read = r.status() == 200 ? decode(r.body(), attribute) : Map.of();
            long elapsed = (sent - start) / 1_000_000;
            if (fresh.test(read)) {
                return elapsed;
            }
            assertThat(elapsed).as("tile " + path + " still stale: " + read).isLessThan(millis);
            Thread.sleep(20);
        }
    }
}
