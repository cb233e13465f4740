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
        chromium = new Chromium("1280,800", "--lang=vi", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        browser = chromium.browser();
        JsonNode hit = Http.get(url("/search?q=phuc+hoa&layers=communes&limit=50")).json().get("results");
        for (JsonNode r : hit) {
            if (r.get("id").asString().equals(PHUC_HOA)) {
                phucHoa = new double[] {r.get("point").get(0).asDouble(), r.get("point").get(1).asDouble()};
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
        browser.get("about:blank");
        browser.get(url("/" + hash));
        waitUntil("document.body.getAttribute('data-ready') === 'true'"
                + " && RuralAtlas.testing.ready() && RuralAtlas.testing.metrics.firstDrawMs !== null");
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
        // a first visit: no service worker installed by an earlier test (its cache would answer, uncompressed, what is measured below)
        browser.get(url("/viewer/config.json"));
        ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
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
        assertThat(((Number) js("return RuralAtlas.testing.layer('plain').getFeaturesInExtent(RuralAtlas.testing.map.getView().calculateExtent())"
                + ".filter(function (f) { return f.get('layer') === 'provinces'; }).length;")).intValue()).isPositive();
        // a plain-basemap pixel away from the data layers is land-coloured, not blank
        System.out.println("viewer: first layers drawn " + js("return RuralAtlas.testing.metrics.firstDrawMs;")
                + " ms after navigation start (loopback, headless Chromium)");
        // what the page transferred in scripts and styles (gzip), as the browser counted it
        long bytes = ((Number) js("return performance.getEntriesByType('resource').filter(function (r) {"
                + " return /\\.(js|css)$/.test(new URL(r.name).pathname); })"
                + ".reduce(function (n, r) { return n + r.encodedBodySize; }, 0);")).longValue();
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
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(option).isEmpty() && d.findElement(option).isDisplayed());
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
        waitUntil("document.querySelectorAll('#panel .ntm-criteria li:not(.indicator)').length === 19 && document.querySelector('#panel .recognitions') !== null");
        assertThat(browser.findElement(By.cssSelector("#panel .ntm-criteria")).getText()).contains("Quy hoạch").contains("✓");
        assertThat(browser.findElements(By.cssSelector("#panel a[href$='ntm/survey/07330']"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("#panel .recognitions")).getText()).contains("Phúc Hòa").contains("2023");
        // the map went there
        assertThat((Boolean) js("var c = ol.proj.toLonLat(RuralAtlas.testing.map.getView().getCenter());"
                + "return Math.abs(c[0] - arguments[0]) < 0.2 && Math.abs(c[1] - arguments[1]) < 0.2 && RuralAtlas.testing.map.getView().getZoom() >= 10;",
                phucHoa[0], phucHoa[1])).isTrue();
        assertThat(browser.getCurrentUrl()).contains("sel=communes/" + PHUC_HOA.replace("@", "%40"));
        screenshot("3-search-commune-panel");
    }

    @Test
    void keyboardChoosesASearchResult() {
        open("#map=6/16/106");
        WebElement input = browser.findElement(By.id("search-input"));
        input.sendKeys("PHÚC HÒA");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'PHÚC HÒA'");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#search-results li[role=option][data-id]")).size() > 1);
        input.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_UP, Keys.ENTER);
        waitUntil("document.getElementById('panel-body').getAttribute('data-id') !== null && !document.getElementById('panel').hidden");
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
        assertThat(browser.findElement(By.id("panel-body")).getAttribute("data-id")).isEqualTo(h.get("id"));
        JsonNode feature = Http.get(url("/collections/tourism/items/" + h.get("id"))).json();
        assertThat(browser.findElement(By.id("panel-title")).getText()).isEqualTo(feature.get("properties").get("name").asString());
        List<String> labels = browser.findElements(By.cssSelector("#panel dl.properties dt")).stream().map(WebElement::getText).toList();
        assertThat(labels).contains("Mã điểm", "Loại hình").doesNotContain("site_id", "category");
        String category = feature.get("properties").get("category").asString();
        assertThat(browser.findElement(By.cssSelector("#panel .chip")).getText()).isNotEqualTo(category).isNotBlank();
        screenshot("4-click-tourism-panel");

        Map<String, Object> commune = hit("communes");
        js("RuralAtlas.testing.closePanel();");
        clickMapAt(commune);
        waitUntil("document.getElementById('panel-body').getAttribute('data-layer') === 'communes'");
        assertThat(browser.findElement(By.id("panel-body")).getAttribute("data-id")).isEqualTo(commune.get("id"));
        assertThat(browser.findElements(By.cssSelector("#panel .ntm .badge, #panel .ntm .note"))).isNotEmpty();
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
        js("var view = RuralAtlas.testing.map.getView(); view.setCenter(ol.proj.fromLonLat([106.1234, 21.3456])); view.setZoom(12.5);");
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
        assertThat(js("return RuralAtlas.testing.layer('tourism').getVisible();")).isEqualTo(true);
        assertThat(js("return RuralAtlas.testing.state.theme;")).isEqualTo("criteria");
        assertThat(js("return document.documentElement.lang;")).isEqualTo("en");
        assertThat(browser.findElement(By.id("panel-title")).getText()).isEqualTo("Phúc Hoà");
        assertThat(browser.findElement(By.cssSelector("#panel .ntm h3")).getText()).isEqualTo("New rural development (NTM)");
        assertThat(browser.getCurrentUrl()).isEqualTo(link);
        screenshot("5-permalink-restored-en");
    }

    @Test
    void theLanguageSwitchChangesEveryLabel() throws IOException {
        open(around(phucHoa, 12, "&lang=vi"));
        js("RuralAtlas.testing.showFeature('communes', arguments[0], {zoom: false});", PHUC_HOA);
        waitUntil("document.querySelector('#panel dl.properties dt') !== null");
        assertThat(labelsNow()).contains("Lớp bản đồ", "Khám phá", "Mã xã", "Tỉnh, thành phố", "Mức nông thôn mới", "Xã theo mức NTM");
        browser.findElement(By.id("lang-button")).click();
        waitUntil("document.documentElement.lang === 'en'");
        List<String> en = labelsNow();
        assertThat(en).contains("Layers", "Explore", "Downloads", "Commune code", "Province", "NTM level", "Communes by NTM level")
                .doesNotContain("Lớp bản đồ", "Khám phá", "Mã xã", "Tỉnh, thành phố", "Mức nông thôn mới");
        assertThat(browser.findElement(By.id("search-input")).getAttribute("placeholder")).startsWith("Find");
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
        return (List<String>) js("return Array.prototype.map.call(document.querySelectorAll("
                + "'.tools .tool span:not([aria-hidden]), #panel dt, #legend h2'), function (e) { return e.textContent.trim(); });");
    }

    @Test
    void worksOnAPhoneScreen() throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 640, "deviceScaleFactor", 2, "mobile", true));
        open(around(phucHoa, 12, ""));
        assertThat(js("return window.innerWidth;")).isEqualTo(360L);
        assertThat(js("return document.documentElement.scrollWidth;")).isEqualTo(360L);
        assertThat(panel().isDisplayed()).isFalse();
        assertTouchTargets();
        hit("tourism");
        screenshot("7-phone-map");

        browser.findElement(By.cssSelector("[data-panel=layers]")).click();
        assertThat(panel().isDisplayed()).isTrue();
        double share = ((Number) js("return document.getElementById('panel').getBoundingClientRect().height / window.innerHeight;")).doubleValue();
        assertThat(share).as("the panel leaves the map visible").isLessThanOrEqualTo(0.56);
        assertTouchTargets();
        screenshot("8-phone-layers");
        browser.findElement(By.id("panel-close")).click();
        assertThat(panel().isDisplayed()).isFalse();

        WebElement input = browser.findElement(By.id("search-input"));
        input.sendKeys("phuc hoa");
        By option = By.cssSelector("#search-results li[data-id='" + PHUC_HOA + "']");
        waitUntil("document.getElementById('search-results').getAttribute('data-query') === 'phuc hoa'");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(option).isEmpty());
        browser.findElement(option).click();
        waitUntil("document.querySelector('#panel .ntm') !== null");
        assertThat(js("return document.documentElement.scrollWidth;")).isEqualTo(360L);
        screenshot("9-phone-commune");
    }

    /** Every visible control in the bars and the panel is at least 40 × 40 CSS pixels. */
    private void assertTouchTargets() {
        @SuppressWarnings("unchecked")
        List<String> small = (List<String>) js("var out = [];"
                + "document.querySelectorAll('.bar button, .bar input, .tools button, #panel button, #panel select, #panel a.button, .ol-zoom button')"
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
        Map<String, Object> png = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + "RuralAtlas.testing.exportPng().then(function (blob) { return blob.arrayBuffer().then(function (b) {"
                + "  var bytes = new Uint8Array(b); return createImageBitmap(blob).then(function (img) {"
                + "  done({size: blob.size, type: blob.type, sig: Array.from(bytes.slice(1, 4)).map(function (c) { return String.fromCharCode(c); }).join(''),"
                + "        width: img.width, height: img.height, mapWidth: RuralAtlas.testing.map.getSize()[0], mapHeight: RuralAtlas.testing.map.getSize()[1]}); }); }); },"
                + " function (e) { done({error: String(e)}); });");
        assertThat(png.get("error")).isNull();
        assertThat(png.get("sig")).isEqualTo("PNG");
        assertThat(png.get("type")).isEqualTo("image/png");
        assertThat(((Number) png.get("width")).intValue()).isEqualTo(((Number) png.get("mapWidth")).intValue());
        assertThat(((Number) png.get("height")).intValue()).isGreaterThan(((Number) png.get("mapHeight")).intValue() + 60);
        assertThat(((Number) png.get("size")).intValue()).isGreaterThan(20_000);
    }

    @Test
    void nearMeListsTheNearestSitesOrSaysWhyNot() throws IOException {
        open(around(phucHoa, 9, ""));
        String origin = url("");
        browser.executeCdpCommand("Browser.setPermission", Map.of("permission", Map.of("name", "geolocation"), "setting", "denied", "origin", origin));
        browser.findElement(By.cssSelector("[data-panel=explore]")).click();
        browser.findElement(By.id("near-me")).click();
        waitUntil("document.getElementById('near-message').textContent.length > 30");
        assertThat(browser.findElement(By.id("near-message")).getText()).contains("chưa cho phép");

        browser.executeCdpCommand("Browser.setPermission", Map.of("permission", Map.of("name", "geolocation"), "setting", "granted", "origin", origin));
        browser.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", phucHoa[1], "longitude", phucHoa[0], "accuracy", 50));
        browser.findElement(By.id("near-me")).click();
        waitUntil("document.querySelectorAll('#explore-list li').length === 10");
        List<String> where = browser.findElements(By.cssSelector("#explore-list .where")).stream().map(WebElement::getText).toList();
        List<Double> km = where.stream().map(w -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([\\d.,]+) (k?m)$").matcher(w);
            assertThat(m.find()).as(w).isTrue();
            double v = Double.parseDouble(m.group(1).replace(".", "").replace(",", "."));
            return m.group(2).equals("km") ? v : v / 1000;
        }).toList();
        assertThat(km).isSorted();
        assertThat(km.get(0)).isLessThan(30.0);
        screenshot("10-near-me");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-category"))).selectByValue("homestay");
        waitUntil("document.getElementById('explore-count').textContent.indexOf('…') < 0");
        waitUntil("Array.prototype.every.call(document.querySelectorAll('#explore-list .where'), function (e) { return e.textContent.indexOf('Homestay') === 0; })");
        // a province chosen: the map goes to it (Phúc Hoà lies in Bắc Ninh), from wherever it was
        js("RuralAtlas.testing.map.getView().setCenter(ol.proj.fromLonLat([108.2, 16.0]));");
        waitUntil("document.querySelectorAll('#filter-province option').length > 30");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("filter-province"))).selectByVisibleText("Bắc Ninh");
        waitUntil("(function (c) { return Math.abs(c[0] - " + phucHoa[0] + ") < 0.8 && Math.abs(c[1] - " + phucHoa[1] + ") < 0.8; })"
                + "(ol.proj.toLonLat(RuralAtlas.testing.map.getView().getCenter()))");
        browser.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
    }

    /** Runs script (which calls done(result) with the module's namespace m) on a module of the page, as the page has it. */
    private Object withModule(String path, String script) {
        return ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "import(new URL(arguments[0], document.baseURI).href).then(function (m) {" + script + "},"
                + " function (e) { done({error: String(e)}); });", path);
    }

    @Test
    void everyInterfaceTextExistsInBothLanguages() {
        open(around(phucHoa, 11, "&lang=vi"));
        // the one dictionary every page imports, as the page has it
        @SuppressWarnings("unchecked")
        Map<String, List<String>> keys = (Map<String, List<String>>) withModule("js/i18n.js", "done({vi: m.keys('vi'), en: m.keys('en')});");
        assertThat(keys.get("vi")).hasSizeGreaterThan(50).containsExactlyInAnyOrderElementsOf(keys.get("en"));
        // a word missing from the dictionary would show as its key: no panel, in either language, shows one
        List<String> dotted = keys.get("vi").stream().filter(k -> k.contains(".")).toList();
        for (String lang : List.of("vi", "en")) {
            if (!lang.equals(js("return document.documentElement.lang;"))) {
                browser.findElement(By.id("lang-button")).click();
                waitUntil("document.documentElement.lang === '" + lang + "'");
            }
            for (String panel : List.of("layers", "explore", "downloads", "about")) {
                browser.findElement(By.cssSelector("[data-panel=" + panel + "]")).click();
                waitUntil("document.getElementById('panel-body').getAttribute('data-mode') === '" + panel + "'");
                assertThat(browser.findElement(By.tagName("body")).getText()).as(lang + " " + panel).doesNotContain(dotted);
            }
            js("RuralAtlas.testing.showFeature('communes', arguments[0], {zoom: false});", PHUC_HOA);
            waitUntil("document.querySelector('#panel .recognitions') !== null && document.querySelector('#panel .ntm-criteria') !== null");
            assertThat(browser.findElement(By.tagName("body")).getText()).as(lang + " commune").doesNotContain(dotted);
            js("RuralAtlas.testing.closePanel();");
        }
    }

    @Test
    void theViewerAndThePlannerColourEveryLevelAlike() {
        open(around(phucHoa, 10, "&layers=communes"));
        @SuppressWarnings("unchecked")
        Map<String, String> palette = (Map<String, String>) withModule("js/palette.js",
                "var out = {not_assessed: m.NOT_ASSESSED}; m.LEVELS.forEach(function (l) { out[l] = m.levelColour(l); }); done(out);");
        assertThat(palette).containsOnlyKeys("none", "ntm", "advanced", "model", "modern_pilot", "not_assessed");
        assertThat(new HashSet<>(palette.values())).as("a colour of its own for each level and for no assessment").hasSize(6);
        // what each page's map draws, level by level: the viewer from the tiles' ntm_level, the planner from /stats/ntm/communes
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
        Http.get(url("/stats/ntm/communes?value=level")).json().get("values").properties()
                .forEach(e -> levels.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        browser.get(url("/planner.html?commune=07330"));
        waitUntil("document.body.getAttribute('data-ready') === 'true' && Number(document.getElementById('map').dataset.zoom) >= 9"
                + " && document.querySelectorAll('#legend .entry').length === 6");
        waitUntil("RuralAtlas.testing.map.getLayers().item(0).getFeaturesInExtent(RuralAtlas.testing.map.getView()"
                + ".calculateExtent(RuralAtlas.testing.map.getSize())).length > 20"); // the planner's first layer: communes
        @SuppressWarnings("unchecked")
        Map<String, List<String>> planner = (Map<String, List<String>>) js(drawn, levels);
        @SuppressWarnings("unchecked")
        List<String> plannerLegend = (List<String>) js(legend, "#legend .entry");

        assertThat(viewer.keySet()).as("levels drawn by the viewer").hasSizeGreaterThanOrEqualTo(3);
        assertThat(planner.keySet()).as("levels drawn by the planner").hasSizeGreaterThanOrEqualTo(3);
        viewer.forEach((level, colours) -> assertThat(colours).as("viewer " + level).containsExactly(palette.get(level)));
        planner.forEach((level, colours) -> assertThat(colours).as("planner " + level).containsExactly(palette.get(level)));
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
                + "document.body.appendChild(s); return document.body.dataset.inline === undefined;")).isEqualTo(true);
    }

    @Test
    void theAboutPanelCarriesTheLandingPageLinks() throws IOException {
        open("#map=6/16/106");
        browser.findElement(By.cssSelector("[data-panel=about]")).click();
        waitUntil("document.querySelectorAll('#panel .links-list a').length >= 5");
        List<String> hrefs = browser.findElements(By.cssSelector("#panel .links-list a")).stream().map(a -> a.getDomAttribute("href")).toList();
        assertThat(hrefs).anyMatch(h -> h.endsWith("/api")).anyMatch(h -> h.endsWith("/conformance"))
                .anyMatch(h -> h.endsWith("/collections")).anyMatch(h -> h.endsWith("downloads"));
        // and the page itself links them for clients without script
        List<String> rels = browser.findElements(By.cssSelector("#landing-links a")).stream().map(a -> a.getDomAttribute("rel")).toList();
        assertThat(rels).contains("data", "service-doc", "service-desc", "conformance", "enclosure");
        screenshot("11-about-links");
        browser.findElement(By.cssSelector("[data-panel=downloads]")).click();
        List<String> files = browser.findElements(By.cssSelector("#panel .formats a")).stream().map(a -> a.getDomAttribute("href")).toList();
        for (String layer : LAYERS) {
            assertThat(files).contains("downloads/" + layer + ".geojson", "downloads/" + layer + ".gpkg",
                    "collections/" + layer + "/items?f=json&limit=1000");
        }
        assertThat(browser.findElement(By.cssSelector("#panel a[href^='tiles/offline?bbox=']")).isDisplayed()).isTrue();
    }
}
