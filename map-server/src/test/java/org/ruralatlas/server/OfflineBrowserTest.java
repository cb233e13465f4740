package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.text.VietnameseText;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19, the viewer offline, as a phone uses it: headless Chromium at 360 × 640 with a fresh
 * profile, the network beyond loopback closed. One visit installs the service worker; Bắc Ninh is
 * saved from the offline panel (progress shown); then the browser goes offline (DevTools network
 * emulation) and the reloaded viewer draws the saved tiles at z8 and z13, search finds Phúc Hoà
 * among the saved features and opens its panel, near-me lists saved sites by distance and opens
 * one, and outside the saved area it says it has no offline data. Back online, after another
 * program edits a site in the GeoPackage, an update downloads exactly the tiles whose ETag
 * changed. The run prints the saved size and time against the MBTiles package of the same area.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineBrowserTest {

    private static final Path SHOTS = Path.of("target", "viewer-screenshots");
    private static final String PHUC_HOA = "07330@2025-07-01";
    private static final String PHUC_HOA_CODE = "07330";
    private static final String BAC_NINH = "Bắc Ninh";
    private static Path gpkg;

    @LocalServerPort
    int port;

    @Autowired
    WebServerApplicationContext context;

    /** The port is bound when the connector starts and released when it stops (Tomcat binds it once, at init, by default). */
    @TestConfiguration
    static class ClosablePort {
        @Bean
        TomcatConnectorCustomizer bindOnStart() {
            return connector -> connector.setProperty("bindOnInit", "false");
        }
    }

    private Chromium chromium;
    private ChromeDriver browser;

    @DynamicPropertySource
    static void geopackage(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("ruralatlas-offline");
        gpkg = dir.resolve("atlas.gpkg");
        registry.add("ruralatlas.geopackage.path", gpkg::toString);
        registry.add("ruralatlas.geopackage.create", () -> "true");
        registry.add("ruralatlas.tiles.cache-dir", () -> dir.resolve("tiles").toString());
        registry.add("ruralatlas.surveys.difficulty", () -> "8");
        // the test's own asking (plans, survey answers) comes as other clients (X-Forwarded-For from loopback): the
        // browser's must stay within its limits
        registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
    }

    @BeforeAll
    void startChromium() throws IOException {
        Files.createDirectories(SHOTS);
        chromium = new Chromium(
                "360,640", "--lang=vi", "--accept-lang=vi", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        browser = chromium.browser();
    }

    @AfterAll
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void waitUntil(String condition) {
        chromium.waitUntil(condition);
    }

    private void waitLong(String condition, int seconds) {
        new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100))
                .withMessage(condition)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript("try { return !!(" + condition + "); } catch (e) { return false; }")));
    }

    private void screenshot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * No signal, as a phone has none: the page offline (DevTools network emulation: navigator.onLine
     * false, its requests fail) and the server's port closed, so the service worker's requests,
     * which the page's emulation does not cover, are refused too.
     */
    private void network(boolean online) throws Exception {
        org.apache.catalina.connector.Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        if (online) {
            connector.setPort(port);
            connector.start();
        }
        // the page first: its requests on their way fail at once, where stopping the connector may take seconds
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
        if (!online) {
            connector.stop();
        }
    }

    private void openViewer(String hash) {
        browser.get("about:blank");
        browser.get(url("/" + hash));
        waitUntil("document.body.getAttribute('data-ready') === 'true' && RuralAtlas.testing.ready()");
    }

    /** Moves the map and waits until the saved tiles drew the communes there; how many were drawn. */
    private long drawnAt(double lon, double lat, int zoom) {
        js(
                "var v = RuralAtlas.testing.map.getView(); v.setCenter(ol.proj.fromLonLat([arguments[0], arguments[1]])); v.setZoom(arguments[2]);",
                lon,
                lat,
                zoom);
        waitUntil("RuralAtlas.testing.map.getView().getZoom() === " + zoom
                + " && RuralAtlas.testing.renderedFeatures('communes').length > 0"
                + " && RuralAtlas.testing.hit('communes').id !== null");
        return ((Number)
                        js(
                                "return RuralAtlas.testing.renderedFeatures('communes').filter(function (f) { return !!f.get('name'); }).length;"))
                .longValue();
    }

    /**
     * The NTM sections of Phúc Hoà's open panel (ntm-section.js: criteria, satisfaction, growing
     * areas, planner link, then its history when it has predecessors), once all are drawn: their text.
     */
    @SuppressWarnings("unchecked")
    private List<String> ntmSections(JsonNode ntm) {
        boolean history = ntm.get("predecessors").asInt() > 0;
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + PHUC_HOA + "'"
                + " && document.querySelectorAll('#panel-body .ntm-criteria li').length === "
                + ntm.get("criteria").size()
                + (history
                        ? " && document.querySelector('#panel-body section.extra a[href$=\"/history?f=html\"]') !== null"
                        : ""));
        return (List<String>)
                js(
                        "return Array.from(document.querySelectorAll('#panel-body section.extra')).map(function (s) { return s.textContent; });");
    }

    /**
     * A plan asked by the test itself, from an address of its own (X-Forwarded-For, from loopback):
     * plans are rate-limited per client, and the browser's own asking is what must stay within it.
     */
    private JsonNode plan(String query) {
        return plan(query, 0);
    }

    /** The same, from the test's address number {@code client}: a test polling the plan is not a client to limit. */
    private JsonNode plan(String query, int client) {
        Http.Reply r = Http.get(
                url("/tiles/offline/plan?" + query),
                "X-Forwarded-For",
                "10.19." + (client / 250) + "." + (1 + client % 250));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    /** Updates the first saved area; its counts (offline-store.js's lastUpdate). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> update() {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        try {
            Map<String, Object> result = (Map<String, Object>)
                    ((JavascriptExecutor) browser)
                            .executeAsyncScript(
                                    "var done = arguments[arguments.length - 1];"
                                            + "RuralAtlas.testing.updateArea(RuralAtlas.testing.offline.areas[0].id).then(done, function (e) { done({ error: String(e) }); });");
            assertThat(result).doesNotContainKey("error");
            return result;
        } finally {
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        }
    }

    /** The ETag of every tile of a plan, as the server answers now. */
    private Map<String, String> etags(JsonNode plan) {
        Map<String, String> tags = new HashMap<>();
        for (JsonNode t : plan.get("tiles")) {
            String path = "/tiles/WebMercatorQuad/" + t.get(0).asInt() + "/"
                    + t.get(2).asInt() + "/" + t.get(1).asInt();
            tags.put(path, Http.bytes(url(path)).header("ETag"));
        }
        return tags;
    }

    @Test
    void aProvinceSavedOnceIsUsedWithNoNetworkAndUpdatedWithOnlyTheChangedTiles() throws Exception {
        String province = URLEncoder.encode(BAC_NINH, StandardCharsets.UTF_8);
        // the reference: the MBTiles package of the same province and zooms (built here from a cold tile cache)
        long start = System.nanoTime();
        Http.BinaryReply mbtiles = Http.bytes(url("/tiles/offline?province=" + province + "&zooms=6-14"));
        long mbtilesMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(mbtiles.status()).isEqualTo(200);
        JsonNode plan = plan("province=" + province);
        assertThat(plan.get("tilesCached").asLong())
                .as("every tile is cached once the package is built")
                .isEqualTo(plan.get("tileCount").asLong());

        // one visit: the service worker installs and controls the page
        openViewer("#map=9/21.2/106.2");
        waitLong("navigator.serviceWorker.controller !== null && RuralAtlas.testing.offline.version !== null", 30);
        browser.findElement(By.cssSelector("button[data-panel=offline]")).click();
        new Select(browser.findElement(By.id("offline-province"))).selectByVisibleText(BAC_NINH);
        browser.findElement(By.id("offline-estimate")).click();
        waitUntil("document.getElementById('offline-estimate-text').getAttribute('data-bytes') !== null");
        assertThat(browser.findElement(By.id("offline-estimate-text")).getText())
                .contains("MB")
                .contains("ô bản đồ")
                .contains("còn trống");
        browser.findElement(By.id("offline-save")).click();
        waitUntil(
                "!document.getElementById('offline-progress').hidden && document.getElementById('offline-progress').value > 0");
        assertThat(browser.findElement(By.id("offline-progress-text")).getText())
                .startsWith("Đang lưu ô bản đồ");
        screenshot("offline-1-saving");
        waitLong("RuralAtlas.testing.offline.lastSave !== null && RuralAtlas.testing.offline.saving === null", 240);
        @SuppressWarnings("unchecked")
        Map<String, Object> saved = (Map<String, Object>) js("return RuralAtlas.testing.offline.lastSave;");
        assertThat(((Number) saved.get("tiles")).longValue())
                .isEqualTo(plan.get("tileCount").asLong());
        long savedBytes = ((Number) saved.get("bytes")).longValue();
        System.out.printf(
                "offline: Bắc Ninh z6-14, %d tiles: saved in the browser %d bytes in %d ms (tiles cached on the server);"
                        + " MBTiles package %d bytes in %d ms (cold tile cache): size ratio %.2f%n",
                plan.get("tileCount").asLong(),
                savedBytes,
                ((Number) saved.get("ms")).longValue(),
                mbtiles.body().length,
                mbtilesMs,
                (double) savedBytes / mbtiles.body().length);
        // what each part of the saved area takes: tiles, each layer's features, the communes' NTM answers
        Object parts = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "caches.open('ruralatlas-area-' + RuralAtlas.testing.offline.areas[0].id).then(function (c) { return c.keys().then(function (ks) {"
                                + " var sizes = {}; return Promise.all(ks.map(function (k) { return c.match(k).then(function (r) { return r.blob(); }).then(function (b) {"
                                + " var m = /\\/collections\\/(\\w+)\\/items\\//.exec(k.url); var part = k.url.indexOf('/tiles/') > 0 ? 'tiles' : m ? m[1] : /\\/ntm$/.test(k.url) ? 'ntm' : k.url;"
                                + " sizes[part] = (sizes[part] || 0) + b.size; }); })).then(function () { return sizes; }); }); }).then(done);");
        System.out.println("offline: Bắc Ninh saved, bytes by part: " + parts);
        waitUntil("document.querySelector('#offline-areas li[data-complete=true]') !== null");
        assertThat(browser.findElement(By.cssSelector("#offline-areas li[data-complete=true]"))
                        .getText())
                .contains(BAC_NINH)
                .contains("MB");
        screenshot("offline-2-saved");
        // Phúc Hoà's NTM sections as the viewer shows them online, to be shown the same with no network
        JsonNode ntm =
                Http.get(url("/ntm/communes/" + PHUC_HOA_CODE + "?f=json")).json();
        assertThat(ntm.get("criteria").size()).isPositive();
        js("RuralAtlas.testing.showFeature('communes', arguments[0], { zoom: false });", PHUC_HOA);
        List<String> ntmOnline = ntmSections(ntm);
        assertThat(ntmOnline).hasSizeGreaterThanOrEqualTo(3);
        js("RuralAtlas.testing.closePanel();");

        JsonNode phucHoa = Http.get(url("/collections/communes/items/" + PHUC_HOA.replace("@", "%40")))
                .json();
        // Phúc Hoà of Bắc Ninh, in the saved area (an untoned "phuc hoa" also finds Phục Hoà elsewhere, as good a
        // reading)
        JsonNode inside = null;
        for (JsonNode r : Http.get(url("/search?q=phuc+hoa&layers=communes&limit=20"))
                .json()
                .get("results")) {
            if (r.get("id").asString().equals(PHUC_HOA)) {
                inside = r.get("point");
            }
        }
        assertThat(inside).as(PHUC_HOA + " found by search").isNotNull();
        String box = String.join(
                ",",
                List.of(
                        plan.get("bbox").get(0).asString(),
                        plan.get("bbox").get(1).asString(),
                        plan.get("bbox").get(2).asString(),
                        plan.get("bbox").get(3).asString()));
        Map<String, List<String>> serverSearch = new java.util.LinkedHashMap<>();
        for (String q : List.of(
                "phuc hoa",
                "PHÚC HÒA",
                "Phu\u0301c Hoa\u0300",
                "bac ninh",
                "dong",
                "Đông",
                "hoa",
                "lang nghe",
                "phuk hoa")) {
            List<String> ids = new ArrayList<>();
            Http.get(url("/search?limit=8&layers=provinces,communes,zones,tourism,farms&bbox=" + box + "&q="
                            + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .json()
                    .get("results")
                    .forEach(r -> ids.add(
                            r.get("layer").asString() + "/" + r.get("id").asString()));
            serverSearch.put(q, ids);
        }

        // a farm of Bắc Ninh with a growing area, to open offline
        JsonNode farm = Http.get(url("/collections/farms/items?province_code=24&limit=100"))
                .json()
                .get("features")
                .valueStream()
                .filter(f -> f.get("properties").hasNonNull("growing_area_code"))
                .findFirst()
                .orElseThrow();

        // no network: the viewer opens from the service worker, the map from the saved tiles
        network(false);
        String[] opened;
        try {
            opened = withoutNetwork(plan, serverSearch, phucHoa, inside, ntm, ntmOnline, farm);
        } finally {
            network(true);
        }
        String siteId = opened[0];
        String siteTitle = opened[1];

        // back online; another program edits a saved site; the update downloads only the tiles whose ETag changed
        JsonNode site = Http.get(url("/collections/tourism/items/" + URLEncoder.encode(siteId, StandardCharsets.UTF_8)))
                .json();
        assertThat(siteTitle).isEqualTo(site.get("properties").get("name").asString());
        Map<String, String> before = etags(plan);
        Processes.Result write = Processes.run(
                60,
                List.of(
                        "ogrinfo",
                        gpkg.toString(),
                        "-sql",
                        "UPDATE tourism SET name = name || ' (sửa)' WHERE site_id = '" + siteId.replace("'", "''")
                                + "'"));
        assertThat(write.exitCode()).as(write.output()).isZero();
        String version = plan.get("dataVersion").asString();
        for (int i = 0;
                i < 100
                        && plan("province=" + province, 1 + i)
                                .get("dataVersion")
                                .asString()
                                .equals(version);
                i++) {
            Thread.sleep(100);
        }
        // the file's watch drops the edited tiles a moment after the version moves: the server's answer is the set of
        // changed tiles once two reads a second apart agree (at most 30 s)
        Map<String, String> after = etags(plan);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            Map<String, String> again = etags(plan);
            if (again.equals(after)) {
                break;
            }
            after = again;
        }
        Map<String, String> settled = after;
        long changed = before.keySet().stream()
                .filter(k -> !before.get(k).equals(settled.get(k)))
                .count();
        assertThat(changed).as("tiles the edit changed").isPositive();
        waitUntil("navigator.onLine && RuralAtlas.testing.offline.online");
        js("RuralAtlas.testing.updateArea(RuralAtlas.testing.offline.areas[0].id);");
        waitLong("RuralAtlas.testing.offline.lastUpdate !== null && RuralAtlas.testing.offline.saving === null", 120);
        @SuppressWarnings("unchecked")
        Map<String, Object> update = (Map<String, Object>) js("return RuralAtlas.testing.offline.lastUpdate;");
        System.out.println(
                "offline: update after one edit: " + update + "; tiles whose ETag changed on the server: " + changed);
        assertThat(((Number) update.get("tilesChanged")).longValue()).isEqualTo(changed);
        assertThat(((Number) update.get("tilesAdded")).longValue()).isZero();
        assertThat(((Number) update.get("tilesChecked")).longValue())
                .isEqualTo(plan.get("tileCount").asLong());
        // the server's cache vouches for the tiles it holds (all were read again above; a late second drop of the
        // edited area by the file's watch may leave a few unvouched, asked and answered 304): the rest are not asked
        assertThat(((Number) update.get("tilesAsked")).longValue())
                .isBetween(changed, plan.get("tileCount").asLong() / 20);
        assertThat(((Number) update.get("layersChanged")).longValue()).isEqualTo(1);
        // the communes' NTM answers were asked again with their ETags: the edit of a site changed none (304)
        assertThat(((Number) update.get("communesDownloaded")).longValue())
                .as("NTM answers downloaded again")
                .isZero();
        assertThat(((Number) update.get("communesChanged")).longValue()).isZero();
        // a second update checks no tile (same data version) and downloads no NTM answer
        Map<String, Object> again = update();
        assertThat(((Number) again.get("tilesChecked")).longValue()).isZero();
        assertThat(((Number) again.get("communesDownloaded")).longValue()).isZero();
        // a resident answers Phúc Hoà's survey: its satisfaction moves; an update brings it, and changes no other
        // commune's sections
        JsonNode challenge =
                Http.get(url("/ntm/survey/" + PHUC_HOA_CODE + "/challenge")).json();
        String answer = "{\"challenge\":\"" + challenge.get("challenge").asString() + "\",\"nonce\":\""
                + NtmContract.solve(
                        challenge.get("challenge").asString(),
                        challenge.get("difficulty").asInt())
                + "\",\"device\":\"offline-update-test\",\"overall\":4,\"topics\":{\"infrastructure\":4}}";
        assertThat(Http.postJson(
                                url("/ntm/survey/" + PHUC_HOA_CODE + "/responses"),
                                answer,
                                "X-Forwarded-For",
                                "10.19.0.1")
                        .status())
                .isEqualTo(201);
        int responses = Http.get(url("/ntm/communes/" + PHUC_HOA_CODE + "?f=json"))
                .json()
                .get("satisfaction")
                .get("responses")
                .asInt();
        Map<String, Object> third = update();
        System.out.println("offline: update after a survey answer: " + third);
        assertThat(((Number) third.get("communesChanged")).longValue()).isEqualTo(1);
        assertThat(((Number) third.get("communesDownloaded")).longValue())
                .as("only Phúc Hoà's answer is downloaded again: each commune's is tagged by what it says")
                .isEqualTo(1);
        assertThat(((Number) ((JavascriptExecutor) browser)
                                .executeAsyncScript(
                                        "var done = arguments[arguments.length - 1];"
                                                + "RuralAtlas.testing.savedCommune(arguments[0]).then(function (c) { done(c.satisfaction.responses); });",
                                        PHUC_HOA_CODE))
                        .intValue())
                .as("Phúc Hoà's saved responses")
                .isEqualTo(responses);
        // the saved copy of the site has the new name
        assertThat((String) js(
                        "var id = arguments[0]; return RuralAtlas.testing.offline.areas[0].sites.filter(function (s) { return s.id === id; })[0].properties.name;",
                        siteId))
                .endsWith("(sửa)");
    }

    /** The viewer with no network: map, search, panels, near-me, outside the area; the site near-me opened, and its title. */
    private String[] withoutNetwork(
            JsonNode plan,
            Map<String, List<String>> serverSearch,
            JsonNode phucHoa,
            JsonNode inside,
            JsonNode ntm,
            List<String> ntmOnline,
            JsonNode farm)
            throws Exception {
        openViewer("#map=8/21.2/106.2");
        assertThat((Boolean) js("return navigator.onLine;")).isFalse();
        assertThat(
                        (Boolean)
                                ((JavascriptExecutor) browser)
                                        .executeAsyncScript(
                                                "var done = arguments[arguments.length - 1];"
                                                        + "fetch('/conformance').then(function () { done(true); }, function () { done(false); });"))
                .as("the page cannot reach the server, its service worker neither")
                .isFalse();
        assertThat(drawnAt(106.2, 21.2, 8)).as("communes drawn at z8").isPositive();
        // the provinces keep their NTM colours: the shares were kept by the service worker at install
        waitUntil("RuralAtlas.testing.metrics.sharesLoaded === true");
        waitUntil(
                "!document.getElementById('offline-status').hidden && document.getElementById('offline-status').getAttribute('data-coverage') === 'saved'");
        assertThat(browser.findElement(By.id("offline-status")).getText())
                .contains("Đang ngoại tuyến")
                .contains(BAC_NINH);
        assertThat(drawnAt(inside.get(0).asDouble(), inside.get(1).asDouble(), 13))
                .as("communes drawn at z13")
                .isPositive();
        screenshot("offline-3-map-z13");

        // search over the saved features, as the server would answer
        WebElement input = browser.findElement(By.id("search-input"));
        input.click();
        input.sendKeys("phuc hoa");
        By option = By.cssSelector("#search-results li[data-id='" + PHUC_HOA + "']");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'phuc hoa'");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(option).isEmpty());
        assertThat(browser.findElement(option).getText()).contains("Phúc Hoà");
        browser.findElement(option).click();
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + PHUC_HOA
                + "' && document.querySelector('#panel .ntm') !== null");
        assertThat(browser.findElement(By.id("panel-title")).getText())
                .isEqualTo(phucHoa.get("properties").get("name").asString());
        // its NTM sections (criteria, satisfaction, growing areas, history) from what was saved with the area, as
        // online
        assertThat(ntmSections(ntm)).isEqualTo(ntmOnline);
        screenshot("offline-4-commune-panel");
        // the same answers as the server's /search (asked before the network went) over the saved layers and box
        for (Map.Entry<String, List<String>> q : serverSearch.entrySet()) {
            Object offline = js(
                    "return RuralAtlas.testing.searchSaved(arguments[0], 8).map(function (e) { return e.layer + '/' + e.id; });",
                    q.getKey());
            assertThat(offline).as("offline search for " + q.getKey()).isEqualTo(q.getValue());
        }

        // near me, from the device's position: saved sites by distance; one opens its panel
        String origin = url("");
        browser.executeCdpCommand(
                "Browser.setPermission",
                Map.of("permission", Map.of("name", "geolocation"), "setting", "granted", "origin", origin));
        browser.executeCdpCommand(
                "Emulation.setGeolocationOverride",
                Map.of(
                        "latitude",
                        inside.get(1).asDouble(),
                        "longitude",
                        inside.get(0).asDouble(),
                        "accuracy",
                        50));
        browser.findElement(By.cssSelector("button[data-panel=explore]")).click();
        browser.findElement(By.id("near-me")).click();
        waitUntil(
                "document.querySelectorAll('#explore-list li').length > 0 && document.getElementById('explore-count').textContent.indexOf('—') > 0");
        List<Double> km = new ArrayList<>();
        for (WebElement w : browser.findElements(By.cssSelector("#explore-list .where"))) {
            String d = w.getText().replaceAll(".*· ", "").replace(",", ".");
            km.add(
                    d.endsWith(" km")
                            ? Double.parseDouble(d.replace(" km", ""))
                            : Double.parseDouble(d.replace(" m", "")) / 1000);
        }
        assertThat(km).isSorted();
        WebElement first = browser.findElement(By.cssSelector("#explore-list button.site"));
        String siteId = first.getAttribute("data-id");
        first.click();
        waitUntil(
                "document.getElementById('panel-body').getAttribute('data-layer') === 'tourism' && document.querySelector('#panel .properties') !== null");
        String siteTitle = browser.findElement(By.id("panel-title")).getText();
        screenshot("offline-5-site-panel");
        // a farm's panel, from the saved farms
        js(
                "RuralAtlas.testing.showFeature('farms', arguments[0], { zoom: false });",
                farm.get("id").asString());
        waitUntil("document.getElementById('panel-body').getAttribute('data-layer') === 'farms'"
                + " && document.getElementById('panel-body').getAttribute('data-id') === '"
                + farm.get("id").asString() + "'"
                + " && document.querySelector('#panel .properties') !== null");
        assertThat(browser.findElement(By.id("panel-title")).getText())
                .isEqualTo(farm.get("properties").get("name").asString());
        assertThat(browser.findElement(By.cssSelector("#panel .properties")).getText())
                .contains(farm.get("properties").get("growing_area_code").asString());
        browser.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());

        // outside the saved area: said so, and its tiles are not there
        js(
                "RuralAtlas.testing.closePanel(); var v = RuralAtlas.testing.map.getView(); v.setCenter(ol.proj.fromLonLat([105.3, 22.8])); v.setZoom(10);");
        waitUntil("document.getElementById('offline-status').getAttribute('data-coverage') === 'none'");
        assertThat(browser.findElement(By.id("offline-status")).getText())
                .contains("không có dữ liệu ngoại tuyến ở đây");
        screenshot("offline-6-outside");

        return new String[] {siteId, siteTitle};
    }

    /** Issue 19: a saving cut by a lost connection pauses, and continues when the network returns without downloading again what it saved. */
    @Test
    void aSavingCutByALostConnectionContinuesWhereItStopped() throws Exception {
        openViewer("#map=11/21.12/106.05");
        waitLong("navigator.serviceWorker.controller !== null", 30);
        String query = "bbox=105.9,21.0,106.2,21.25";
        JsonNode plan = plan(query + "&zooms=6-14");
        int total = plan.get("tileCount").asInt();
        assertThat(total)
                .as("three waves of the viewer's three batches of 32 at once")
                .isGreaterThan(6 * 32 + 20);
        // a slow rural link, 3 s per request: the first batches end together, and the cut comes within the 6 s the
        // next two waves are on their way (with one wave of 1 s, a loaded machine cut only after the last tile)
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", 3000, "downloadThroughput", -1, "uploadThroughput", -1));
        js("RuralAtlas.testing.saveArea(arguments[0], 'Từ Sơn').catch(function () {});", query);
        waitUntil("RuralAtlas.testing.offline.saving !== null && RuralAtlas.testing.offline.saving.phase === 'tiles'"
                + " && RuralAtlas.testing.offline.saving.done >= 20");
        network(false);
        try {
            waitUntil("RuralAtlas.testing.offline.paused === arguments[0] && RuralAtlas.testing.offline.saving === null"
                    .replace("arguments[0]", "'" + query + "'"));
            assertThat(js("return RuralAtlas.testing.offline.areas.filter(function (a) { return a.id === '" + query
                            + "'; })[0].complete;"))
                    .isEqualTo(false);
        } finally {
            network(true);
        }
        // the connection is back: the saving continues by itself, once
        waitLong(
                "RuralAtlas.testing.offline.lastSave !== null && RuralAtlas.testing.offline.lastSave.id === '" + query
                        + "'",
                120);
        @SuppressWarnings("unchecked")
        Map<String, Object> saved = (Map<String, Object>) js("return RuralAtlas.testing.offline.lastSave;");
        assertThat(((Number) saved.get("tiles")).intValue()).isEqualTo(total);
        assertThat(((Number) saved.get("fetched")).intValue())
                .as("tiles downloaded after the break")
                .isPositive()
                .isLessThanOrEqualTo(total - 20);
        Object stored = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "caches.open('ruralatlas-area-' + arguments[0]).then(function (c) { return c.keys(); })"
                                + ".then(function (ks) { done(ks.filter(function (k) { return k.url.indexOf('/tiles/') > 0; }).length); });",
                        query);
        assertThat(((Number) stored).intValue())
                .as("every tile saved, each once")
                .isEqualTo(total);
        // deleted: its tiles, features and record go; the other saved areas stay
        Object left = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1]; var id = arguments[0];"
                                + "RuralAtlas.testing.deleteArea(id).then(function () { return caches.has('ruralatlas-area-' + id); })"
                                + ".then(function (has) { done({ cache: has, listed: RuralAtlas.testing.offline.areas.some(function (a) { return a.id === id; }) }); });",
                        query);
        assertThat(left).isEqualTo(Map.of("cache", false, "listed", false));
    }

    /** Issue 19: a resident answers the survey with no signal; the answers wait on the phone and are sent once, when it returns. */
    @Test
    void aSurveyAnsweredOfflineIsSentExactlyOnceWhenTheNetworkReturns() throws Exception {
        String commune = Http.get(url("/collections/communes/items?unit_type=xa&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        String results = url("/ntm/survey/" + commune + "/results");
        int before = Http.get(results).json().get("responses").asInt();
        openViewer("#map=9/21.2/106.2");
        waitLong("navigator.serviceWorker.controller !== null", 30);
        browser.get(url("/ntm/survey/" + commune
                + "?lang=vi")); // visited once with the network: the service worker keeps the page
        waitUntil("document.getElementById('survey') !== null");
        network(false);
        try {
            browser.navigate().refresh();
            waitUntil("document.getElementById('survey') !== null && !navigator.onLine");
            browser.findElement(By.cssSelector("input[name='overall'][value='4'] + span"))
                    .click();
            browser.findElement(By.cssSelector("input[name='environment'][value='2'] + span"))
                    .click();
            browser.findElement(By.cssSelector("#survey button")).click();
            waitUntil("document.getElementById('status').getAttribute('data-state') === 'waiting'");
            assertThat(browser.findElement(By.id("status")).getText()).contains("đã lưu trên máy");
            screenshot("offline-7-survey-waiting");
        } finally {
            network(true);
        }
        waitLong("document.getElementById('status').getAttribute('data-state') === 'sent'", 60);
        assertThat(Http.get(results).json().get("responses").asInt()).isEqualTo(before + 1);
        assertThat(js("return localStorage.getItem('ruralatlas.survey.waiting');"))
                .isEqualTo("{}");
        // the page opened again sends nothing; a second answer from this device is refused as today
        browser.get(url("/ntm/survey/" + commune + "?lang=vi"));
        waitUntil("document.getElementById('survey') !== null");
        browser.findElement(By.cssSelector("input[name='overall'][value='5'] + span"))
                .click();
        browser.findElement(By.cssSelector("#survey button")).click();
        waitLong("document.getElementById('status').getAttribute('data-state') === 'refused'", 60);
        assertThat(Http.get(results).json().get("responses").asInt()).isEqualTo(before + 1);
        assertThat(Http.get(results)
                        .json()
                        .get("topic_means")
                        .get("environment")
                        .asDouble())
                .isEqualTo(2.0);
    }

    @Test
    void offlineSearchFoldsAndRanksAsTheServer() {
        openViewer("#map=9/21.2/106.2");
        List<String> texts = List.of(
                "Phúc Hoà",
                "Phúc Hòa",
                "PHÚC HOÀ",
                "Phu\u0301c Hoa\u0300",
                "Đông Anh",
                "đường  LÂM",
                "Thuỷ  Nguyên\t",
                "Quảng\u00a0Ninh",
                "Bắc Ninh",
                "bac ninh",
                "Nguyễn Trãi",
                "Ủy ban",
                "ﬁ Straße");
        @SuppressWarnings("unchecked")
        List<String> folded = (List<String>) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "var texts = arguments[0]; import(new URL('js/text.js', document.baseURI).href).then(function (m) { done(texts.map(m.fold)); },"
                                + " function (e) { done([String(e)]); });",
                        texts);
        assertThat(folded).isEqualTo(texts.stream().map(VietnameseText::fold).toList());
    }
}
