package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The viewer in a real browser: headless Chromium (Debian's chromium and chromium-driver, which
 * scripts/test.sh installs) against the server on the sample GeoPackage. The network beyond
 * loopback is closed (every host name fails to resolve), so the OpenStreetMap basemap is
 * unreachable, as on a phone without coverage: everything here must work without it. What the
 * map drew is checked from OpenLayers' rendered state (features of rendered tiles, hit detection
 * on the drawn canvas). Screenshots go to map-server/target/viewer-screenshots.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerBrowserTest {

    private static final Path SHOTS = Path.of("target", "viewer-screenshots");
    private static final List<String> LAYERS = List.of("farms", "zones", "communes", "tourism", "provinces");
    private static final String PHUC_HOA = "07330@2025-07-01";

    @LocalServerPort
    int port;

    private Chromium chromium;
    private ChromeDriver browser;
    private double[] phucHoa;

    @BeforeAll
    void startChromium() throws IOException {
        Files.createDirectories(SHOTS);
        // the network is closed: only the server on loopback answers
        // a browser that asks for Vietnamese (headless Chromium ignores --lang for navigator.languages; --accept-lang
        // sets it)
        chromium = new Chromium(
                "1280,800",
                "--lang=vi",
                "--accept-lang=vi",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        browser = chromium.browser();
        JsonNode hit = Http.get(url("/search?q=phuc+hoa&layers=communes&limit=50"))
                .json()
                .get("results");
        for (JsonNode r : hit) {
            if (r.get("id").asString().equals(PHUC_HOA)) {
                phucHoa = new double[] {
                    r.get("point").get(0).asDouble(), r.get("point").get(1).asDouble()
                };
            }
        }
        assertThat(phucHoa).isNotNull();
    }

    @AfterAll
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void desktopSize() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Opens the viewer at a permalink and waits until the map has drawn and the catalogue is in. */
    private void open(String hash) {
        forgetLanguageChoice();
        browser.get("about:blank");
        browser.get(url("/" + hash));
        waitUntil("document.body.getAttribute('data-ready') === 'true'"
                + " && RuralAtlas.testing.ready() && RuralAtlas.testing.metrics.firstDrawMs !== null");
    }

    /** Each test starts as a visit that chose no language with the switch (the viewer remembers that choice). */
    private void forgetLanguageChoice() {
        if (browser.getCurrentUrl().startsWith(url("/"))) {
            js("try { localStorage.removeItem('ruralatlas.lang'); } catch (e) {}");
        }
    }

    private String around(double[] lonLat, int zoom, String extra) {
        return "#map=" + zoom + "/" + lonLat[1] + "/" + lonLat[0] + extra;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void waitUntil(String condition) {
        chromium.waitUntil(condition);
    }

    private void screenshot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> hit(String layer) {
        waitUntil("RuralAtlas.testing.hit('" + layer + "').id !== null");
        return (Map<String, Object>) js("return RuralAtlas.testing.hit(arguments[0]);", layer);
    }

    private WebElement panel() {
        return browser.findElement(By.id("panel"));
    }

    @Test
    void drawsEveryLayerFromItsVectorTilesWithoutTheBasemap() throws IOException {
        // a first visit: no service worker installed by an earlier test (its cache would answer, uncompressed, what is
        // measured below)
        browser.get(url("/viewer/config.json"));
        ((JavascriptExecutor) browser)
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "navigator.serviceWorker.getRegistrations().then(function (rs) { return Promise.all(rs.map(function (r) { return r.unregister(); })); })"
                        + ".then(function () { return caches.keys(); }).then(function (ks) { return Promise.all(ks.map(function (k) { return caches.delete(k); })); })"
                        + ".then(function () { done(true); }, function (e) { done(String(e)); });");
        open(around(phucHoa, 12, ""));
        for (String layer : LAYERS) {
            Map<String, Object> h = hit(layer);
            assertThat(h.get("id")).as(layer).isNotNull();
            assertThat(((Number) h.get("rendered")).intValue()).as(layer).isPositive();
        }
        // the basemap could not be reached: the viewer says so and draws its own plain one from the boundaries
        waitUntil("RuralAtlas.testing.metrics.basemapErrors > 0");
        assertThat(js("return RuralAtlas.testing.metrics.basemapLoaded;")).isEqualTo(0L);
        waitUntil("!document.getElementById('notice').hidden");
        assertThat(browser.findElement(By.id("notice")).getText()).contains("bản đồ nền");
        assertThat(((Number) js(
                                "return RuralAtlas.testing.layer('plain').getFeaturesInExtent(RuralAtlas.testing.map.getView().calculateExtent())"
                                        + ".filter(function (f) { return f.get('layer') === 'provinces'; }).length;"))
                        .intValue())
                .isPositive();
        // a plain-basemap pixel away from the data layers is land-coloured, not blank
        System.out.println("viewer: first layers drawn " + js("return RuralAtlas.testing.metrics.firstDrawMs;")
                + " ms after navigation start (loopback, headless Chromium)");
        // what the page transferred in scripts and styles (gzip), as the browser counted it
        long bytes = ((Number) js("return performance.getEntriesByType('resource').filter(function (r) {"
                        + " return /\\.(js|css)$/.test(new URL(r.name).pathname); })"
                        + ".reduce(function (n, r) { return n + r.encodedBodySize; }, 0);"))
                .longValue();
        System.out.println("viewer: JS+CSS " + bytes + " bytes as transferred (gzip)");
        assertThat(bytes).isBetween(100_000L, 1_000_000L);
        screenshot("1-map-offline-basemap");
    }

    @Test
    void searchFindsPhúcHòaFromPlainTextAndOpensItsPanel() throws IOException {
        open("#map=6/16/106");
        WebElement input = browser.findElement(By.id("search-input"));
        input.click();
        input.sendKeys("phuc hoa");
        By option = By.cssSelector("#search-results li[data-id='" + PHUC_HOA + "']");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'phuc hoa'");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(option).isEmpty()
                        && d.findElement(option).isDisplayed());
        assertThat(browser.findElement(option).getText()).contains("Phúc Hoà").contains("Bắc Ninh");
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
        screenshot("2-search-autocomplete");
        browser.findElement(option).click();
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + PHUC_HOA + "'"
                + " && document.querySelector('#panel .ntm') !== null");
        assertThat(browser.findElement(By.id("panel-title")).getText()).isEqualTo("Phúc Hoà");
        String ntm = browser.findElement(By.cssSelector("#panel .ntm")).getText();
        assertThat(ntm).contains("Nông thôn mới").containsPattern("\\d+/\\d+ tiêu chí");
        // the NTM sections: the 19 criteria named, the survey of this commune, its pre-2025 recognitions
        waitUntil(
                "document.querySelectorAll('#panel .ntm-criteria li:not(.indicator)').length === 19 && document.querySelector('#panel .recognitions') !== null");
        assertThat(browser.findElement(By.cssSelector("#panel .ntm-criteria")).getText())
                .contains("Quy hoạch")
                .contains("✓");
        assertThat(browser.findElements(By.cssSelector("#panel a[href$='ntm/survey/07330']")))
                .hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#panel .recognitions")).getText())
                .contains("Phúc Hòa")
                .contains("2023");
        // the map went there
        assertThat((Boolean) js(
                        "var c = ol.proj.toLonLat(RuralAtlas.testing.map.getView().getCenter());"
                                + "return Math.abs(c[0] - arguments[0]) < 0.2 && Math.abs(c[1] - arguments[1]) < 0.2 && RuralAtlas.testing.map.getView().getZoom() >= 10;",
                        phucHoa[0],
                        phucHoa[1]))
                .isTrue();
        assertThat(browser.getCurrentUrl()).contains("sel=communes/" + PHUC_HOA.replace("@", "%40"));
        screenshot("3-search-commune-panel");
    }

    @Test
    void keyboardChoosesASearchResult() {
        open("#map=6/16/106");
        WebElement input = browser.findElement(By.id("search-input"));
        input.sendKeys("PHÚC HÒA");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'PHÚC HÒA'");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#search-results li[role=option][data-id]"))
                                .size()
                        > 1);
        input.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER);
        waitUntil(
                "document.getElementById('panel-body').getAttribute('data-id') !== null && !document.getElementById('panel').hidden");
        assertThat(browser.findElement(By.id("panel-title")).getText()).isIn("Phúc Hoà", "Phục Hoà");
        browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        waitUntil("document.getElementById('panel').hidden");
    }

    @Test
    void aClickOnTheMapOpensThatFeaturesPanelWithReadableLabels() throws IOException {
        open(around(phucHoa, 12, "&layers=communes,tourism"));
        Map<String, Object> h = hit("tourism");
        clickMapAt(h);
        waitUntil("document.getElementById('panel-body').getAttribute('data-layer') === 'tourism'");
        assertThat(browser.findElement(By.id("panel-body")).getAttribute("data-id"))
                .isEqualTo(h.get("id"));
        JsonNode feature =
                Http.get(url("/collections/tourism/items/" + h.get("id"))).json();
        assertThat(browser.findElement(By.id("panel-title")).getText())
                .isEqualTo(feature.get("properties").get("name").asString());
        List<String> labels = browser.findElements(By.cssSelector("#panel dl.properties dt")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(labels).contains("Mã điểm", "Loại hình").doesNotContain("site_id", "category");
        String category = feature.get("properties").get("category").asString();
        assertThat(browser.findElement(By.cssSelector("#panel .chip")).getText())
                .isNotEqualTo(category)
                .isNotBlank();
        screenshot("4-click-tourism-panel");

        Map<String, Object> commune = hit("communes");
        js("RuralAtlas.testing.closePanel();");
        clickMapAt(commune);
        waitUntil("document.getElementById('panel-body').getAttribute('data-layer') === 'communes'");
        assertThat(browser.findElement(By.id("panel-body")).getAttribute("data-id"))
                .isEqualTo(commune.get("id"));
        assertThat(browser.findElements(By.cssSelector("#panel .ntm .badge, #panel .ntm .note")))
                .isNotEmpty();
    }

    private void clickMapAt(Map<String, Object> hit) {
        @SuppressWarnings("unchecked")
        List<Number> px = (List<Number>) hit.get("pixel");
        WebElement map = browser.findElement(By.id("map"));
        int dx = px.get(0).intValue() - map.getSize().getWidth() / 2;
        int dy = px.get(1).intValue() - map.getSize().getHeight() / 2;
        new Actions(browser).moveToElement(map, dx, dy).click().perform();
    }

    @Test
    void thePermalinkRestoresViewLayersSelectionAndLanguage() throws IOException {
        open(around(phucHoa, 11, ""));
        js("RuralAtlas.testing.showFeature('communes', arguments[0], {zoom: false});", PHUC_HOA);
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + PHUC_HOA + "'");
        browser.findElement(By.cssSelector("[data-panel=layers]")).click();
        browser.findElement(By.id("layer-farms")).click();
        browser.findElement(By.cssSelector("input[name=theme][value=criteria]")).click();
        browser.findElement(By.id("lang-button")).click();
        js(
                "var view = RuralAtlas.testing.map.getView(); view.setCenter(ol.proj.fromLonLat([106.1234, 21.3456])); view.setZoom(12.5);");
        waitUntil("location.hash.indexOf('map=12.50/21.34560/106.12340') >= 0");
        String link = browser.getCurrentUrl();
        assertThat(link).contains("lang=en").contains("theme=criteria").doesNotContain("farms");

        browser.get("about:blank");
        browser.get(link);
        waitUntil("document.body.getAttribute('data-ready') === 'true'"
                + " && document.getElementById('panel-body').getAttribute('data-id') === '" + PHUC_HOA + "'");
        assertThat((String) js("var view = RuralAtlas.testing.map.getView(), c = ol.proj.toLonLat(view.getCenter());"
                        + "return view.getZoom().toFixed(2) + ' ' + c[1].toFixed(4) + ' ' + c[0].toFixed(4);"))
                .isEqualTo("12.50 21.3456 106.1234");
        assertThat(js("return RuralAtlas.testing.layer('farms').getVisible();")).isEqualTo(false);
        assertThat(js("return RuralAtlas.testing.layer('tourism').getVisible();"))
                .isEqualTo(true);
        assertThat(js("return RuralAtlas.testing.state.theme;")).isEqualTo("criteria");
        assertThat(js("return document.documentElement.lang;")).isEqualTo("en");
        assertThat(browser.findElement(By.id("panel-title")).getText()).isEqualTo("Phúc Hoà");
        assertThat(browser.findElement(By.cssSelector("#panel .ntm h3")).getText())
                .isEqualTo("New rural development (NTM)");
        assertThat(browser.getCurrentUrl()).isEqualTo(link);
        screenshot("5-permalink-restored-en");
    }

    @Test
    void theLanguageSwitchChangesEveryLabel() throws IOException {
        open(around(phucHoa, 12, "&lang=vi"));
        js("RuralAtlas.testing.showFeature('communes', arguments[0], {zoom: false});", PHUC_HOA);
        waitUntil("document.querySelector('#panel dl.properties dt') !== null");
        assertThat(labelsNow())
                .contains("Lớp bản đồ", "Khám phá", "Mã xã", "Tỉnh, thành phố", "Mức nông thôn mới", "Xã theo mức NTM");
        browser.findElement(By.id("lang-button")).click();
        waitUntil("document.documentElement.lang === 'en'");
        List<String> en = labelsNow();
        assertThat(en)
                .contains(
                        "Layers",
                        "Explore",
                        "Downloads",
                        "Commune code",
                        "Province",
                        "NTM level",
                        "Communes by NTM level")
                .doesNotContain("Lớp bản đồ", "Khám phá", "Mã xã", "Tỉnh, thành phố", "Mức nông thôn mới");
        assertThat(browser.findElement(By.id("search-input")).getAttribute("placeholder"))
                .startsWith("Find");
        assertThat(browser.findElement(By.id("lang-button")).getText()).isEqualTo("VI");
        assertThat(browser.getCurrentUrl()).contains("lang=en");
        screenshot("6-language-en");
        browser.findElement(By.id("lang-button")).click();
        waitUntil("document.documentElement.lang === 'vi'");
        assertThat(labelsNow()).contains("Lớp bản đồ", "Mã xã");
    }

    /** The visible labels, read in one go (the legend is redrawn as the map moves). */
    @SuppressWarnings("unchecked")
    private List<String> labelsNow() {
        return (List<String>)
                js(
                        "return Array.prototype.map.call(document.querySelectorAll("
                                + "'.tools .tool span:not([aria-hidden]), #panel dt, #legend h2'), function (e) { return e.textContent.trim(); });");
    }

    @Test
    void worksOnAPhoneScreen() throws IOException {
        chromium.screen(360, 640, 2, true);
        open(around(phucHoa, 12, ""));
        assertThat(js("return window.innerWidth;")).isEqualTo(360L);
        assertThat(js("return document.documentElement.scrollWidth;")).isEqualTo(360L);
        assertThat(panel().isDisplayed()).isFalse();
        assertTouchTargets();
        hit("tourism");
        screenshot("7-phone-map");

        browser.findElement(By.cssSelector("[data-panel=layers]")).click();
        assertThat(panel().isDisplayed()).isTrue();
        double share = ((Number) js(
                        "return document.getElementById('panel').getBoundingClientRect().height / window.innerHeight;"))
                .doubleValue();
        assertThat(share).as("the panel leaves the map visible").isLessThanOrEqualTo(0.56);
        assertTouchTargets();
        screenshot("8-phone-layers");
        browser.findElement(By.id("panel-close")).click();
        assertThat(panel().isDisplayed()).isFalse();

        WebElement input = browser.findElement(By.id("search-input"));
        input.sendKeys("phuc hoa");
        By option = By.cssSelector("#search-results li[data-id='" + PHUC_HOA + "']");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'phuc hoa'");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(option).isEmpty());
        browser.findElement(option).click();
        waitUntil("document.querySelector('#panel .ntm') !== null");
        assertThat(js("return document.documentElement.scrollWidth;")).isEqualTo(360L);
        screenshot("9-phone-commune");
    }

    /** Every visible control in the bars and the panel is at least 40 × 40 CSS pixels. */
    private void assertTouchTargets() {
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) js("var out = [];"
                + "document.querySelectorAll('.bar a, .bar button, .bar input, .tools button, #panel button, #panel select, #panel a.button, .ol-zoom button, #legend button, #sample-banner button')"
                + ".forEach(function (e) { var r = e.getBoundingClientRect();"
                + "  if (r.width > 0 && (r.width < 40 || r.height < 40)) { out.push((e.id || e.className || e.tagName) + ' ' + r.width + 'x' + r.height); } });"
                + "return out;");
        assertThat(small).isEmpty();
    }

    @Test
    void exportsTheViewAsAPngWithLegendScaleAndAttribution() {
        open(around(phucHoa, 11, ""));
        hit("communes");
        @SuppressWarnings("unchecked")
        Map<String, Object> png = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "RuralAtlas.testing.exportPng().then(function (blob) { return blob.arrayBuffer().then(function (b) {"
                        + "  var bytes = new Uint8Array(b); return createImageBitmap(blob).then(function (img) {"
                        + "  done({size: blob.size, type: blob.type, sig: Array.from(bytes.slice(1, 4)).map(function (c) { return String.fromCharCode(c); }).join(''),"
                        + "        width: img.width, height: img.height, mapWidth: RuralAtlas.testing.map.getSize()[0], mapHeight: RuralAtlas.testing.map.getSize()[1]}); }); }); },"
                        + " function (e) { done({error: String(e)}); });");
        assertThat(png.get("error")).isNull();
        assertThat(png.get("sig")).isEqualTo("PNG");
        assertThat(png.get("type")).isEqualTo("image/png");
        assertThat(((Number) png.get("width")).intValue()).isEqualTo(((Number) png.get("mapWidth")).intValue());
        assertThat(((Number) png.get("height")).intValue())
                .isGreaterThan(((Number) png.get("mapHeight")).intValue() + 60);
        assertThat(((Number) png.get("size")).intValue()).isGreaterThan(20_000);
    }

    @Test
    void nearMeListsTheNearestSitesOrSaysWhyNot() throws IOException {
        open(around(phucHoa, 9, ""));
        String origin = url("");
        browser.executeCdpCommand(
                "Browser.setPermission",
                Map.of("permission", Map.of("name", "geolocation"), "setting", "denied", "origin", origin));
        browser.findElement(By.cssSelector("[data-panel=explore]")).click();
        browser.findElement(By.id("near-me")).click();
        waitUntil("document.getElementById('near-message').textContent.length > 30");
        assertThat(browser.findElement(By.id("near-message")).getText()).contains("chưa cho phép");

        browser.executeCdpCommand(
                "Browser.setPermission",
                Map.of("permission", Map.of("name", "geolocation"), "setting", "granted", "origin", origin));
        browser.executeCdpCommand(
                "Emulation.setGeolocationOverride",
                Map.of("latitude", phucHoa[1], "longitude", phucHoa[0], "accuracy", 50));
        browser.findElement(By.id("near-me")).click();
        waitUntil("document.querySelectorAll('#explore-list li').length === 10");
        List<String> where = browser.findElements(By.cssSelector("#explore-list .where")).stream()
                .map(WebElement::getText)
                .toList();
        List<Double> km = where.stream()
                .map(w -> {
                    java.util.regex.Matcher m =
                            java.util.regex.Pattern.compile("([\\d.,]+) (k?m)$").matcher(w);
                    assertThat(m.find()).as(w).isTrue();
                    double v = Double.parseDouble(m.group(1).replace(".", "").replace(",", "."));
                    return m.group(2).equals("km") ? v : v / 1000;
                })
                .toList();
        assertThat(km).isSorted();
        assertThat(km.get(0)).isLessThan(30.0);
        screenshot("10-near-me");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-category")))
                .selectByValue("homestay");
        waitUntil("document.getElementById('explore-count').textContent.indexOf('…') < 0");
        waitUntil(
                "Array.prototype.every.call(document.querySelectorAll('#explore-list .where'), function (e) { return e.textContent.indexOf('Homestay') === 0; })");
        // a province chosen: the map goes to it (Phúc Hoà lies in Bắc Ninh), from wherever it was
        js("RuralAtlas.testing.map.getView().setCenter(ol.proj.fromLonLat([108.2, 16.0]));");
        waitUntil("document.querySelectorAll('#filter-province option').length > 30");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-province")))
                .selectByVisibleText("Bắc Ninh");
        waitUntil("(function (c) { return Math.abs(c[0] - " + phucHoa[0] + ") < 0.8 && Math.abs(c[1] - " + phucHoa[1]
                + ") < 0.8; })" + "(ol.proj.toLonLat(RuralAtlas.testing.map.getView().getCenter()))");
        browser.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
    }

    // ---- issue 15: what a tourist sees ----

    /** The first screens also go to /tmp (scripts/test.sh deletes its own temporary folder), where there is one. */
    private static final Path TMP_SHOTS = Path.of("/tmp");

    private void phone() {
        chromium.screen(360, 640, 2, true);
    }

    private void desktop() {
        chromium.screen(1400, 900, 1, false);
    }

    /** The part of the map left visible (the view's padding is the panel over it), as [w, s, e, n] in longitude/latitude. */
    @SuppressWarnings("unchecked")
    private double[] visibleLonLat() {
        List<Number> box = (List<Number>) js(
                "var map = RuralAtlas.testing.map, view = map.getView(), size = map.getSize(), p = view.padding || [0, 0, 0, 0];"
                        + "var a = ol.proj.toLonLat(map.getCoordinateFromPixel([p[3], size[1] - p[2]])), b = ol.proj.toLonLat(map.getCoordinateFromPixel([size[0] - p[1], p[0]]));"
                        + "return [a[0], a[1], b[0], b[1]];");
        return box.stream().mapToDouble(Number::doubleValue).toArray();
    }

    private static boolean inside(double[] box, double lon, double lat) {
        return lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];
    }

    /** The bounding box of a GeoJSON geometry's coordinates. */
    private static double[] bbox(JsonNode geometry) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        java.util.ArrayDeque<JsonNode> todo = new java.util.ArrayDeque<>(List.of(geometry.get("coordinates")));
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isArray() && n.size() >= 2 && n.get(0).isNumber()) {
                b[0] = Math.min(b[0], n.get(0).asDouble());
                b[1] = Math.min(b[1], n.get(1).asDouble());
                b[2] = Math.max(b[2], n.get(0).asDouble());
                b[3] = Math.max(b[3], n.get(1).asDouble());
            } else {
                n.forEach(todo::push);
            }
        }
        return b;
    }

    private JsonNode province(String name) {
        for (JsonNode f :
                Http.get(url("/collections/provinces/items?limit=100")).json().get("features")) {
            if (f.get("properties").get("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void exploreSendsTheMapToTheChosenProvincesExtentOnPhoneAndDesktop() {
        double[] bacNinh = bbox(province("Bắc Ninh").get("geometry"));
        for (String size : List.of("phone", "desktop")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            open("#map=6/16/106");
            // from wherever the map was: the far south
            js(
                    "RuralAtlas.testing.map.getView().setCenter(ol.proj.fromLonLat([105.2, 9.2])); RuralAtlas.testing.map.getView().setZoom(11);");
            browser.findElement(By.cssSelector("[data-panel=explore]")).click();
            waitUntil("document.querySelectorAll('#filter-province option').length > 30");
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-province")))
                    .selectByVisibleText("Bắc Ninh");
            waitUntil("(function (c) { return Math.abs(c[0] - " + (bacNinh[0] + bacNinh[2]) / 2
                    + ") < 0.5; })(ol.proj.toLonLat(RuralAtlas.testing.map.getView().getCenter()))");
            double[] seen = visibleLonLat();
            double zoom = ((Number) js("return RuralAtlas.testing.map.getView().getZoom();")).doubleValue();
            // all of Bắc Ninh in the part of the map left visible beside or above the panel, and filling it (not a
            // speck far out)
            assertThat(inside(seen, bacNinh[0], bacNinh[1]) && inside(seen, bacNinh[2], bacNinh[3]))
                    .as(size + ": " + java.util.Arrays.toString(seen) + " holds Bắc Ninh "
                            + java.util.Arrays.toString(bacNinh))
                    .isTrue();
            double fill = Math.max(
                    (bacNinh[2] - bacNinh[0]) / (seen[2] - seen[0]), (bacNinh[3] - bacNinh[1]) / (seen[3] - seen[1]));
            assertThat(fill).as(size + ": Bắc Ninh fills the visible map").isGreaterThan(0.5);
            assertThat(zoom).as(size + " zoom").isBetween(7.0, 12.0);
        }
    }

    @Test
    void theFirstScreenShowsClusteredSitesProvincesColouredByNtmShareAndAFoldedLegendOnPhones() throws IOException {
        JsonNode stats = Http.get(url("/stats/ntm")).json();
        Map<String, Double> pct = new HashMap<>();
        stats.get("provinces")
                .forEach(p -> pct.put(
                        p.get("code").asString(),
                        p.get("at_least").get("ntm").get("pct").asDouble()));
        int sites = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("numberMatched")
                .asInt();
        for (String size : List.of("phone", "desktop")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            open("");
            // the start view: the whole country, below the zooms at which the tiles carry sites and communes
            assertThat(((Number) js("return RuralAtlas.testing.map.getView().getZoom();")).doubleValue())
                    .isLessThan(7);
            waitUntil("RuralAtlas.testing.clusters().length > 0");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clusters =
                    (List<Map<String, Object>>) js("return RuralAtlas.testing.clusters();");
            int counted = clusters.stream()
                    .mapToInt(c -> ((Number) c.get("count")).intValue())
                    .sum();
            assertThat(counted)
                    .as(size + ": every site of the country in a cluster in view")
                    .isEqualTo(sites);
            assertThat(clusters)
                    .as(size + ": clusters with counts")
                    .anyMatch(c -> ((Number) c.get("count")).intValue() > 1);
            // drawn: hit detection on the canvas finds a cluster at its pixel
            assertThat(clusters).anyMatch(c -> Boolean.TRUE.equals(c.get("drawn")));
            // provinces filled with the one palette's colour of their share of NTM communes
            @SuppressWarnings("unchecked")
            Map<String, String> fills = (Map<String, String>) withModule(
                    "js/palette.js",
                    "var out = {}, shares = args[1];"
                            + "var layer = RuralAtlas.testing.layer('provinces'), map = RuralAtlas.testing.map;"
                            + "layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).forEach(function (f) {"
                            + "  if (f.get('layer') !== 'provinces') { return; }"
                            + "  var style = layer.getStyleFunction()(f, map.getView().getResolution());"
                            + "  out[f.get('code')] = style && style.getFill() ? style.getFill().getColor() : null; });"
                            + "var expected = {}; Object.keys(out).forEach(function (k) { expected[k] = m.shareFill(shares[k]); });"
                            + "done({drawn: JSON.stringify(out), expected: JSON.stringify(expected), n: String(Object.keys(out).length)});",
                    pct);
            assertThat(Integer.parseInt(fills.get("n")))
                    .as(size + ": provinces drawn")
                    .isGreaterThanOrEqualTo(30);
            assertThat(fills.get("drawn"))
                    .as(size + ": provinces coloured by share")
                    .isEqualTo(fills.get("expected"))
                    .doesNotContain("null");
            // the legend is drawn again as the map moves: read it in one go each time
            @SuppressWarnings("unchecked")
            Map<String, Object> legend = (Map<String, Object>) js(
                    "var l = document.getElementById('legend'), r = l.getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();"
                            + "return {share: r.width * r.height / (m.width * m.height), open: getComputedStyle(document.getElementById('legend-body')).display !== 'none',"
                            + " rows: document.querySelectorAll('#legend-body li').length, text: l.textContent};");
            assertThat((String) legend.get("text")).contains("NTM");
            assertThat(((Number) legend.get("rows")).intValue()).isEqualTo(5);
            if (size.equals("phone")) {
                assertThat(((Number) legend.get("share")).doubleValue())
                        .as("the folded legend's share of the phone's map")
                        .isLessThan(0.06);
                assertThat(legend.get("open")).isEqualTo(false);
                screenshot("12-first-screen-phone");
                if (Files.isDirectory(TMP_SHOTS)) {
                    Files.write(
                            TMP_SHOTS.resolve("ruralatlas-first-screen-360x640.png"),
                            browser.getScreenshotAs(OutputType.BYTES));
                }
                browser.findElement(By.id("legend-toggle")).click();
                waitUntil("document.getElementById('legend-toggle').getAttribute('aria-expanded') === 'true'"
                        + " && getComputedStyle(document.getElementById('legend-body')).display !== 'none'");
                js("document.getElementById('legend-toggle').click();");
            } else {
                assertThat(legend.get("open")).isEqualTo(true);
                screenshot("13-first-screen-desktop");
                if (Files.isDirectory(TMP_SHOTS)) {
                    Files.write(
                            TMP_SHOTS.resolve("ruralatlas-first-screen-1400x900.png"),
                            browser.getScreenshotAs(OutputType.BYTES));
                }
            }
        }
    }

    @Test
    void theSampleNoticeIsShownOnceOnTheFirstScreenAndAtTheTopOfPanels() {
        open("#map=6/16/106");
        // the page marks the notice seen once its data has come: clear the mark after that, or the
        // first page may set it again behind the test's back and the second never shows the notice
        waitUntil("localStorage.getItem('ruralatlas.sampleNoticeSeen') === '1'");
        js("localStorage.removeItem('ruralatlas.sampleNoticeSeen');");
        open("#map=6/16/106");
        // the notice comes with the provinces' shares (after the first draw, asked again when they fail)
        waitUntil("RuralAtlas.testing.metrics.sharesLoaded");
        waitUntil("!document.getElementById('sample-banner').hidden");
        assertThat(browser.findElement(By.id("sample-banner")).getText()).contains("minh hoạ");
        browser.findElement(By.id("sample-ok")).click();
        assertThat(browser.findElement(By.id("sample-banner")).isDisplayed()).isFalse();
        open("#map=6/16/106");
        waitUntil("RuralAtlas.testing.metrics.sharesLoaded");
        assertThat(js("return document.getElementById('sample-banner').hidden;"))
                .as("once, not on every visit")
                .isEqualTo(true);
        // a site's panel says it first, before anything else about the site
        String site = Http.get(url("/collections/tourism/items?limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
        js("RuralAtlas.testing.showFeature('tourism', arguments[0], {zoom: false});", site);
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + site + "'");
        assertThat(js("return document.getElementById('panel-body').firstElementChild.className;"))
                .isEqualTo("sample-note");
        browser.findElement(By.cssSelector("[data-panel=explore]")).click();
        waitUntil(
                "document.querySelector('#panel-body .sample-note') && !document.querySelector('#panel-body .sample-note').hidden");
        assertThat(js("return document.getElementById('panel-body').firstElementChild.className;"))
                .isEqualTo("sample-note");
    }

    /** Dark pixels (the labels' ink) over every canvas of the map: labels drawn or not. */
    private long inkPixels() {
        return ((Number) js("var n = 0; document.querySelectorAll('#map canvas').forEach(function (c) {"
                        + "  if (!c.width || !c.height) { return; } var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "  for (var i = 0; i < d.length; i += 4) { if (d[i + 3] > 200 && d[i] < 50 && d[i + 1] < 50 && d[i + 2] < 50) { n++; } } });"
                        + "return n;"))
                .longValue();
    }

    private void renderedAgain() {
        ((JavascriptExecutor) browser)
                .executeAsyncScript("var done = arguments[arguments.length - 1], map = RuralAtlas.testing.map;"
                        + "map.once('rendercomplete', function () { done(true); }); map.render();");
    }

    @Test
    void placeNamesAreDrawnFromTheTilesAndAFailedBasemapIsNoLongerAsked() throws IOException {
        // every request for an OpenStreetMap tile, as the page makes it (image src), counted before the page's own
        // scripts run
        @SuppressWarnings("unchecked")
        Map<String, Object> added = browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "(function () { var asked = []; Object.defineProperty(window, '__basemapAsked', { value: asked });"
                                + " var d = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, 'src');"
                                + " Object.defineProperty(HTMLImageElement.prototype, 'src', { configurable: true, get: d.get,"
                                + "   set: function (v) { if (/openstreetmap/.test(String(v))) { asked.push(String(v)); } d.set.call(this, v); } }); })();"));
        try {
            open(around(phucHoa, 12, ""));
            waitUntil("RuralAtlas.testing.metrics.basemapFailed");
            // the layer panel shows the plain basemap chosen
            browser.findElement(By.cssSelector("[data-panel=layers]")).click();
            assertThat(browser.findElement(By.cssSelector("input[name=basemap][value=plain]"))
                            .isSelected())
                    .isTrue();
            js("RuralAtlas.testing.closePanel();");
            long asked = ((Number) js("return window.__basemapAsked.length;")).longValue();
            assertThat(asked).as("tiles asked before the failure").isPositive();
            for (double[] pan : new double[][] {{0.08, 0}, {0, 0.08}, {-0.15, -0.05}}) {
                js(
                        "var view = RuralAtlas.testing.map.getView(), c = ol.proj.toLonLat(view.getCenter());"
                                + "view.setCenter(ol.proj.fromLonLat([c[0] + arguments[0], c[1] + arguments[1]]));",
                        pan[0],
                        pan[1]);
                renderedAgain();
            }
            js("RuralAtlas.testing.map.getView().setZoom(13);");
            renderedAgain();
            assertThat(((Number) js("return window.__basemapAsked.length;")).longValue())
                    .as("basemap tiles asked after the failure, on pans")
                    .isEqualTo(asked);
            assertThat(browser.getCurrentUrl())
                    .as("a failure is not the viewer's choice: not in the permalink")
                    .doesNotContain("base=plain");

            // the names: communes and sites at this zoom from the tiles, drawn in ink that only the labels use
            js("RuralAtlas.testing.map.getView().setZoom(12);");
            renderedAgain();
            long with = inkPixels();
            js(
                    "RuralAtlas.testing.layer('labels').setVisible(false); RuralAtlas.testing.layer('labels-provinces').setVisible(false);");
            renderedAgain();
            long without = inkPixels();
            js(
                    "RuralAtlas.testing.layer('labels').setVisible(true); RuralAtlas.testing.layer('labels-provinces').setVisible(true);");
            System.out.println("viewer: label ink " + with + " px with the labels, " + without + " without");
            assertThat(with - without)
                    .as("pixels of place names drawn with no basemap (none without them)")
                    .isGreaterThan(500);
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>)
                    js("var layer = RuralAtlas.testing.layer('labels'), map = RuralAtlas.testing.map, out = [];"
                            + "layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).forEach(function (f) {"
                            + "  var s = layer.getStyleFunction()(f, map.getView().getResolution()); if (s && s.getText()) { out.push(f.get('layer') + ':' + s.getText().getText()); } });"
                            + "return out;");
            assertThat(names).anyMatch(n -> n.equals("communes:Phúc Hoà")).anyMatch(n -> n.startsWith("tourism:"));
            js("RuralAtlas.testing.map.getView().setZoom(7);");
            renderedAgain();
            assertThat(((Number)
                                    js(
                                            "return RuralAtlas.testing.layer('labels-provinces').getSource().getFeatures().length;"))
                            .intValue())
                    .isEqualTo(34);
            screenshot("14-labels-offline");
        } finally {
            browser.executeCdpCommand(
                    "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @Test
    void nearMeFitsTheUserAndTheNearestSitesPagesThroughAllAndKeepsTheSelectionAboveTheSheet() throws IOException {
        String origin = url("");
        for (String size : List.of("phone", "desktop")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            open("#map=6/16/106");
            browser.executeCdpCommand(
                    "Browser.setPermission",
                    Map.of("permission", Map.of("name", "geolocation"), "setting", "granted", "origin", origin));
            browser.executeCdpCommand(
                    "Emulation.setGeolocationOverride",
                    Map.of("latitude", phucHoa[1], "longitude", phucHoa[0], "accuracy", 50));
            try {
                browser.findElement(By.cssSelector("[data-panel=explore]")).click();
                browser.findElement(By.id("near-me")).click();
                waitUntil(
                        "document.querySelectorAll('#explore-list li').length > 0 && document.getElementById('explore-count').textContent.indexOf('—') > 0");
                String nearest = browser.findElement(By.cssSelector("#explore-list li button"))
                        .getAttribute("data-id");
                JsonNode site = Http.get(url("/collections/tourism/items/" + nearest))
                        .json()
                        .get("geometry")
                        .get("coordinates");
                double[] seen = visibleLonLat();
                assertThat(inside(seen, phucHoa[0], phucHoa[1]))
                        .as(size + ": the user in view " + java.util.Arrays.toString(seen))
                        .isTrue();
                assertThat(inside(seen, site.get(0).asDouble(), site.get(1).asDouble()))
                        .as(size + ": the nearest site in view")
                        .isTrue();
                // every result reachable: "N sites" pages through N
                int total = Integer.parseInt(browser.findElement(By.id("explore-count"))
                        .getText()
                        .replaceAll(".*—\\s*([\\d.,\\s]+).*", "$1")
                        .replaceAll("\\D", ""));
                assertThat(total).isGreaterThan(10);
                for (int i = 0;
                        i < 100
                                && !browser.findElements(By.cssSelector("#explore-more:not([hidden])"))
                                        .isEmpty();
                        i++) {
                    js("document.getElementById('explore-more').click();");
                }
                assertThat(browser.findElements(By.cssSelector("#explore-list li")))
                        .as(size + ": all listed")
                        .hasSize(total);
                if (size.equals("phone")) {
                    screenshot("15-near-me-phone");
                }
                // the chosen site stays in the visible part of the map, above the sheet (beside the panel on a desktop)
                js("document.querySelector('#explore-list li button').click();");
                waitUntil("document.getElementById('panel-body').getAttribute('data-id') === '" + nearest
                        + "' && document.querySelector('#panel dl.properties') !== null");
                renderedAgain();
                @SuppressWarnings("unchecked")
                Map<String, Number> where = (Map<String, Number>) js(
                        "var map = RuralAtlas.testing.map, r = map.getTargetElement().getBoundingClientRect(),"
                                + " px = map.getPixelFromCoordinate(ol.proj.fromLonLat([arguments[0], arguments[1]])), p = document.getElementById('panel').getBoundingClientRect();"
                                + "return {x: r.left + px[0], y: r.top + px[1], mapTop: r.top, mapLeft: r.left, panelTop: p.top, panelLeft: p.left};",
                        site.get(0).asDouble(),
                        site.get(1).asDouble());
                if (size.equals("phone")) {
                    assertThat(where.get("y").doubleValue())
                            .as("above the sheet " + where)
                            .isBetween(
                                    where.get("mapTop").doubleValue() + 20,
                                    where.get("panelTop").doubleValue() - 20);
                    screenshot("16-selected-above-sheet-phone");
                } else {
                    assertThat(where.get("x").doubleValue())
                            .as("beside the panel " + where)
                            .isBetween(
                                    where.get("mapLeft").doubleValue() + 20,
                                    where.get("panelLeft").doubleValue() - 20);
                }
            } finally {
                browser.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
            }
        }
    }

    @Test
    void theToolbarFitsAPhoneWithTheRestInAMenuAndNamesMatchTheVisibleText() {
        phone();
        open(around(phucHoa, 9, ""));
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>)
                js(
                        "var out = []; document.querySelectorAll('.bar a, .bar button, .tools > .tool').forEach(function (e) {"
                                + " var r = e.getBoundingClientRect(); if (r.width > 0 && (r.left < 0 || r.right > window.innerWidth)) { out.push(e.textContent.trim()); } }); return out;");
        assertThat(outside).as("controls off-screen at 360 px").isEmpty();
        assertThat(js("var t = document.querySelector('.tools'); return t.scrollWidth <= t.clientWidth;"))
                .isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector(".brand a")).getSize().getWidth())
                .isGreaterThanOrEqualTo(40);
        WebElement more = browser.findElement(By.id("more-button"));
        more.click();
        assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
        for (String id : List.of("[data-panel=about]", "#share-button", "#export-button", "[data-panel=downloads]")) {
            WebElement item = browser.findElement(By.cssSelector(id));
            assertThat(item.isDisplayed()).as(id).isTrue();
            assertThat(item.getRect().getX() + item.getRect().getWidth()).as(id).isLessThanOrEqualTo(360);
        }
        assertTouchTargets();
        browser.findElement(By.cssSelector("[data-panel=about]")).click();
        waitUntil("document.getElementById('panel-body').getAttribute('data-mode') === 'about'");
        assertThat(browser.findElement(By.cssSelector("[data-panel=about]")).isDisplayed())
                .as("the menu closes on a choice")
                .isFalse();
        // the language button's and the brand link's accessible names contain what they show
        WebElement lang = browser.findElement(By.id("lang-button"));
        assertThat(lang.getAttribute("aria-label")).startsWith(lang.getText());
        WebElement brand = browser.findElement(By.cssSelector(".brand a"));
        assertThat(brand.getAttribute("aria-label")).isNull();
        assertThat(brand.getAccessibleName()).isEqualTo(brand.getText()).isEqualTo("RA");
    }

    @Test
    void aSitesPanelGivesOpeningHoursInWordsAndADirectionsLink() {
        @SuppressWarnings("unchecked")
        Map<String, Object> forms = (Map<String, Object>)
                withModule(
                        "js/hours.js",
                        "done({"
                                + " daily: m.openingHours('Mo-Su 08:00-17:00'), week: m.openingHours('Mo-Fr 08:00-17:00; Sa,Su 09:00-12:00,13:30-17:00'),"
                                + " always: m.openingHours('24/7'), holiday: m.openingHours('Mo-Fr 08:00-17:00; PH off'), junk: m.openingHours('sunrise-sunset') });");
        assertThat(forms)
                .containsEntry("daily", "Hằng ngày: 08:00–17:00")
                .containsEntry("week", "Thứ Hai đến Thứ Sáu: 08:00–17:00; Thứ Bảy, Chủ Nhật: 09:00–12:00, 13:30–17:00")
                .containsEntry("always", "Mở cửa cả ngày, mọi ngày")
                .containsEntry("holiday", null)
                .containsEntry("junk", null);
        JsonNode site = null;
        for (JsonNode f :
                Http.get(url("/collections/tourism/items?limit=50")).json().get("features")) {
            if ("Mo-Su 08:00-17:00"
                    .equals(f.get("properties").get("opening_hours").asString(null))) {
                site = f;
                break;
            }
        }
        assertThat(site).isNotNull();
        String id = site.get("id").asString();
        open(around(phucHoa, 9, "&lang=vi"));
        js("RuralAtlas.testing.showFeature('tourism', arguments[0], {zoom: false});", id);
        waitUntil("document.querySelector('#panel .hours') !== null");
        assertThat(browser.findElement(By.cssSelector("#panel .hours")).getText())
                .isEqualTo("Giờ mở cửa: Hằng ngày: 08:00–17:00");
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Mo-Su");
        String geo = browser.findElement(By.id("directions")).getDomAttribute("href");
        JsonNode c = site.get("geometry").get("coordinates");
        assertThat(geo)
                .isEqualTo(String.format(
                        java.util.Locale.ROOT,
                        "geo:%.6f,%.6f",
                        c.get(1).asDouble(),
                        c.get(0).asDouble()));
        browser.findElement(By.id("lang-button")).click();
        waitUntil("document.querySelector('#panel .hours') !== null && document.documentElement.lang === 'en'");
        assertThat(browser.findElement(By.cssSelector("#panel .hours")).getText())
                .isEqualTo("Opening hours: Every day: 08:00–17:00");
        assertThat(browser.findElement(By.id("directions")).getText()).contains("Directions");
    }

    @Test
    void aFirstVisitFollowsTheBrowsersLanguagesAndTheChoiceIsRemembered() {
        open("#map=6/16/106");
        assertThat(js("return document.documentElement.lang;"))
                .as("a browser that asks for Vietnamese")
                .isEqualTo("vi");
        String agent = (String) js("return navigator.userAgent;");
        browser.executeCdpCommand(
                "Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "en-GB,en"));
        try {
            open("#map=6/16/106");
            assertThat(js("return navigator.languages[0];")).isEqualTo("en-GB");
            assertThat(js("return document.documentElement.lang;"))
                    .as("a browser that asks for English")
                    .isEqualTo("en");
            assertThat(browser.findElement(By.cssSelector("[data-panel=layers]"))
                            .getText())
                    .contains("Layers");
            // chosen with the button: kept on the next visit, whatever the browser asks
            browser.findElement(By.id("lang-button")).click();
            waitUntil("document.documentElement.lang === 'vi'");
            browser.get("about:blank");
            browser.get(url("/#map=6/16/106"));
            waitUntil("document.body.getAttribute('data-ready') === 'true'");
            assertThat(js("return document.documentElement.lang;")).isEqualTo("vi");
            browser.executeCdpCommand(
                    "Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "fr-FR,de"));
            open("#map=6/16/106");
            assertThat(js("return document.documentElement.lang;"))
                    .as("neither language asked: Vietnamese")
                    .isEqualTo("vi");
        } finally {
            browser.executeCdpCommand(
                    "Emulation.setUserAgentOverride", Map.of("userAgent", agent, "acceptLanguage", "vi"));
        }
    }

    @Test
    void firstDrawTimeAtBothSizesAfterWarmUp() {
        for (String size : List.of("phone", "desktop")) {
            if (size.equals("phone")) {
                phone();
            } else {
                desktop();
            }
            open(""); // warm-up: the server's tiles and the browser's cache
            List<Long> times = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open("");
                times.add(((Number) js("return RuralAtlas.testing.metrics.firstDrawMs;")).longValue());
            }
            List<Long> sorted = times.stream().sorted().toList();
            System.out.println(
                    "viewer: first draw at " + size + " (ms after navigation start, loopback, after warm-up): " + times
                            + " best " + sorted.get(0) + " median " + sorted.get(1));
            // the target is 1.5 s on an idle machine (the closing note of issue 15 gives the figures measured); this
            // bound, on the best of three loads, holds on a CI machine shared with other builds and still fails a
            // viewer that waits for its sites, shares or names before drawing (they are asked after the first draw,
            // map.js firstDraw)
            assertThat(sorted.get(0)).as(size + " first draw, best of three").isLessThanOrEqualTo(3000L);
        }
    }

    /** Runs script (which calls done(result) with the module's namespace m) on a module of the page, as the page has it. */
    private Object withModule(String path, String script, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = path;
        System.arraycopy(args, 0, all, 1, args.length);
        // args: the arguments, args[1] on
        return ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1], args = arguments;"
                                + "import(new URL(arguments[0], document.baseURI).href).then(function (m) {" + script
                                + "},"
                                + " function (e) { done({error: String(e)}); });",
                        all);
    }

    @Test
    void everyInterfaceTextExistsInBothLanguages() {
        open(around(phucHoa, 11, "&lang=vi"));
        // the one dictionary every page imports, as the page has it
        @SuppressWarnings("unchecked")
        Map<String, List<String>> keys =
                (Map<String, List<String>>) withModule("js/i18n.js", "done({vi: m.keys('vi'), en: m.keys('en')});");
        assertThat(keys.get("vi")).hasSizeGreaterThan(50).containsExactlyInAnyOrderElementsOf(keys.get("en"));
        // a word missing from the dictionary would show as its key: no panel, in either language, shows one
        List<String> dotted =
                keys.get("vi").stream().filter(k -> k.contains(".")).toList();
        for (String lang : List.of("vi", "en")) {
            if (!lang.equals(js("return document.documentElement.lang;"))) {
                browser.findElement(By.id("lang-button")).click();
                waitUntil("document.documentElement.lang === '" + lang + "'");
            }
            for (String panel : List.of("layers", "explore", "downloads", "about")) {
                browser.findElement(By.cssSelector("[data-panel=" + panel + "]"))
                        .click();
                waitUntil("document.getElementById('panel-body').getAttribute('data-mode') === '" + panel + "'");
                assertThat(browser.findElement(By.tagName("body")).getText())
                        .as(lang + " " + panel)
                        .doesNotContain(dotted);
            }
            js("RuralAtlas.testing.showFeature('communes', arguments[0], {zoom: false});", PHUC_HOA);
            waitUntil(
                    "document.querySelector('#panel .recognitions') !== null && document.querySelector('#panel .ntm-criteria') !== null");
            assertThat(browser.findElement(By.tagName("body")).getText())
                    .as(lang + " commune")
                    .doesNotContain(dotted);
            js("RuralAtlas.testing.closePanel();");
        }
    }

    @Test
    void theViewerAndThePlannerColourEveryLevelAlike() {
        open(around(phucHoa, 10, "&layers=communes"));
        @SuppressWarnings("unchecked")
        Map<String, String> palette = (Map<String, String>)
                withModule(
                        "js/palette.js",
                        "var out = {not_assessed: m.NOT_ASSESSED}; m.LEVELS.forEach(function (l) { out[l] = m.levelColour(l); }); done(out);");
        assertThat(palette).containsOnlyKeys("none", "ntm", "advanced", "model", "modern_pilot", "not_assessed");
        assertThat(new HashSet<>(palette.values()))
                .as("a colour of its own for each level and for no assessment")
                .hasSize(6);
        // what each page's map draws, level by level: the viewer from the tiles' ntm_level, the planner from
        // /stats/ntm/communes
        String drawn = "var map = RuralAtlas.testing.map, levels = arguments[0], out = {};"
                + "var layer = map.getLayers().getArray().filter(function (l) { return l.get('id') === 'communes'; })[0];"
                + "var resolution = map.getView().getResolution();"
                + "layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).forEach(function (f) {"
                + "  if (f.get('layer') !== 'communes') { return; }"
                + "  var level = (levels ? levels[f.get('code')] : f.get('ntm_level')) || 'not_assessed';"
                + "  var style = layer.getStyleFunction()(f, resolution);"
                + "  (out[level] = out[level] || {})[style.getFill().getColor()] = true; });"
                + "Object.keys(out).forEach(function (k) { out[k] = Object.keys(out[k]); }); return out;";
        String legend = "return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
                + " function (e) { return getComputedStyle(e.querySelector('.swatch')).backgroundColor + ' ' + (e.querySelector('.label') || e).textContent.trim(); });";
        waitUntil("RuralAtlas.testing.renderedFeatures('communes').length > 20");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> viewer = (Map<String, List<String>>) js(drawn, (Object) null);
        @SuppressWarnings("unchecked")
        List<String> viewerLegend = (List<String>) js(legend, "#legend li");

        Map<String, String> levels = new HashMap<>();
        Http.get(url("/stats/ntm/communes?value=level"))
                .json()
                .get("values")
                .properties()
                .forEach(e -> levels.put(
                        e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        browser.get(url("/planner.html?commune=07330"));
        waitUntil(
                "document.body.getAttribute('data-ready') === 'true' && Number(document.getElementById('map').dataset.zoom) >= 9"
                        + " && document.querySelectorAll('#legend .entry').length === 6");
        waitUntil("RuralAtlas.testing.map.getLayers().item(0).getFeaturesInExtent(RuralAtlas.testing.map.getView()"
                + ".calculateExtent(RuralAtlas.testing.map.getSize())).length > 20"); // the planner's first
        // layer: communes
        @SuppressWarnings("unchecked")
        Map<String, List<String>> planner = (Map<String, List<String>>) js(drawn, levels);
        @SuppressWarnings("unchecked")
        List<String> plannerLegend = (List<String>) js(legend, "#legend .entry");

        assertThat(viewer.keySet()).as("levels drawn by the viewer").hasSizeGreaterThanOrEqualTo(3);
        assertThat(planner.keySet()).as("levels drawn by the planner").hasSizeGreaterThanOrEqualTo(3);
        viewer.forEach(
                (level, colours) -> assertThat(colours).as("viewer " + level).containsExactly(palette.get(level)));
        planner.forEach(
                (level, colours) -> assertThat(colours).as("planner " + level).containsExactly(palette.get(level)));
        // and both legends show the same colour and the same words on each row
        assertThat(plannerLegend).hasSize(6).isEqualTo(viewerLegend);
    }

    @Test
    void theOnlyGlobalIsTheTestingHookAndNoInlineScriptRuns() {
        // the globals of a page: those a blank page of the same origin does not have, less OpenLayers' webjar global
        String globals = "var blank = document.createElement('iframe'); document.body.appendChild(blank);"
                + "var standard = new Set(Object.keys(blank.contentWindow)); blank.remove();"
                + "return Object.keys(window).filter(function (k) { return !standard.has(k) && k !== 'ol'; });";
        // the same on a server page without scripts: what the browser driver itself leaves
        browser.get(url("/conformance?f=html"));
        waitUntil("document.readyState === 'complete'");
        @SuppressWarnings("unchecked")
        List<String> driver = (List<String>) js(globals);
        open("#map=6/16/106");
        @SuppressWarnings("unchecked")
        List<String> viewer = (List<String>) js(globals);
        assertThat(viewer.stream().filter(g -> !driver.contains(g)).toList()).containsExactly("RuralAtlas");
        assertThat(js("return Object.keys(RuralAtlas);")).isEqualTo(List.of("testing"));
        // the page keeps to script-src 'self' (as every test here shows): an inline script does not run
        assertThat(js("var s = document.createElement('script'); s.textContent = 'document.body.dataset.inline = 1';"
                        + "document.body.appendChild(s); return document.body.dataset.inline === undefined;"))
                .isEqualTo(true);
    }

    @Test
    void theAboutPanelCarriesTheLandingPageLinks() throws IOException {
        open("#map=6/16/106");
        browser.findElement(By.cssSelector("[data-panel=about]")).click();
        waitUntil("document.querySelectorAll('#panel .links-list a').length >= 5");
        List<String> hrefs = browser.findElements(By.cssSelector("#panel .links-list a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList();
        assertThat(hrefs)
                .anyMatch(h -> h.endsWith("/api"))
                .anyMatch(h -> h.endsWith("/conformance"))
                .anyMatch(h -> h.endsWith("/collections"))
                .anyMatch(h -> h.endsWith("downloads"));
        // and the page itself links them for clients without script
        List<String> rels = browser.findElements(By.cssSelector("#landing-links a")).stream()
                .map(a -> a.getDomAttribute("rel"))
                .toList();
        assertThat(rels).contains("data", "service-doc", "service-desc", "conformance", "enclosure");
        screenshot("11-about-links");
        browser.findElement(By.cssSelector("[data-panel=downloads]")).click();
        List<String> files = browser.findElements(By.cssSelector("#panel .formats a")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList();
        for (String layer : LAYERS) {
            assertThat(files)
                    .contains(
                            "downloads/" + layer + ".geojson",
                            "downloads/" + layer + ".gpkg",
                            "collections/" + layer + "/items?f=json&limit=1000");
        }
        assertThat(browser.findElement(By.cssSelector("#panel a[href^='tiles/offline?bbox=']"))
                        .isDisplayed())
                .isTrue();
    }
}
