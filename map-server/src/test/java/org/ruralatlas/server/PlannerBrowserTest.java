package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.ruralatlas.data.survey.SurveyResponse;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.server.survey.SurveyService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The planner as a provincial planner uses it, in headless Chromium at 1400×900 and 360×640 with
 * no network beyond loopback: one language at a time, criteria and levels by name, search and a
 * row that take the map to a province, a table sorted with the keyboard in Vietnamese order, the
 * date of the figures (63 provinces before 2025-07-01), the reported figures apart from the
 * computed ones, satisfaction only with its number of responses and from ten, and a commune's
 * history with its old district and province. Its own server (a survey store the test writes to,
 * which no other test reads). Screenshots go to map-server/target/planner-screenshots.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ruralatlas.surveys.per-commune-per-hour=1000")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlannerBrowserTest {

    private static final Path SHOTS = Path.of("target", "planner-screenshots");

    @LocalServerPort
    int port;

    @Autowired
    SurveyStore surveys;

    @Autowired
    SurveyService survey;

    private Chromium chromium;
    private ChromeDriver browser;

    @BeforeAll
    void startChromium() throws IOException {
        Files.createDirectories(SHOTS);
        chromium = new Chromium(
                "1400,900",
                "--lang=vi",
                "--accept-lang=vi",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        browser = chromium.browser();
    }

    @AfterAll
    void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void desktop() {
        size(1400, 900);
    }

    private void size(int width, int height) {
        chromium.screen(width, height, 1, width < 500);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private String text(String script, Object... args) {
        return String.valueOf(js("return " + script + ";", args));
    }

    /** Opens the planner as a first visit (no language chosen earlier) and waits for the map and the table. */
    private void open(String query) {
        if (browser.getCurrentUrl().startsWith(url("/"))) {
            js("try { localStorage.removeItem('ruralatlas.lang'); } catch (e) {}");
        }
        browser.get("about:blank");
        browser.get(url("/planner.html" + query));
        chromium.waitUntil("document.body.getAttribute('data-ready') === 'true'"
                + " && document.querySelectorAll('#provinces tbody tr, #reported tbody tr').length > 0");
    }

    private void screenshot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The map's view as the page writes it: zoom, then centre longitude and latitude. */
    private double[] view() {
        String zoom = text("document.getElementById('map').dataset.zoom");
        String[] centre = text("document.getElementById('map').dataset.center").split(",");
        return new double[] {Double.parseDouble(zoom), Double.parseDouble(centre[0]), Double.parseDouble(centre[1])};
    }

    /** Waits until the map's centre lies in the longitude/latitude box and its zoom is at least minZoom. */
    private void waitForViewIn(JsonNode bbox, double minZoom) {
        chromium.waitUntil(
                "(function () { var m = document.getElementById('map').dataset; if (!m.center) { return false; }"
                        + " var c = m.center.split(',').map(Number);"
                        + " return Number(m.zoom) >= " + minZoom + " && c[0] >= "
                        + bbox.get(0).asDouble() + " && c[0] <= " + bbox.get(2).asDouble()
                        + " && c[1] >= " + bbox.get(1).asDouble() + " && c[1] <= "
                        + bbox.get(3).asDouble() + "; })()");
    }

    private JsonNode provinceResult(String name) {
        for (JsonNode r : Http.get(url("/search?layers=provinces&limit=5&q=" + name.replace(" ", "+")))
                .json()
                .get("results")) {
            if (r.get("name").asString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no province " + name);
    }

    private String rowText(String table, String name) {
        return (String) js(
                "var name = arguments[0]; return Array.from(document.querySelectorAll('#" + table
                        + " tbody tr')).filter(function (tr) {"
                        + " return tr.cells[0].textContent === name; }).map(function (tr) { return Array.from(tr.cells)"
                        + ".map(function (c) { return c.textContent; }).join(' | '); }).join('\\n');",
                name);
    }

    /** Every word the page shows (visible text, titles, labels, placeholders), the map's drawing aside. */
    private String words() {
        return text(
                "document.body.innerText + ' ' + Array.from(document.querySelectorAll('[title],[aria-label],[placeholder]'))"
                        + ".map(function (e) { return [e.title, e.getAttribute('aria-label'), e.placeholder].join(' '); }).join(' ')");
    }

    @Test
    void oneLanguageAtATimeWithCriteriaLevelsAndSetsByName() throws IOException {
        // a commune that fails some criteria in its latest assessment
        JsonNode failing = Http.get(url("/ntm/assessments?criterion=2&met=false&limit=1"))
                .json()
                .get("assessments")
                .get(0);
        String code = failing.get("commune_code").asString();
        JsonNode set = Http.get(
                        url("/ntm/criteria-sets/" + failing.get("criteria_set").asString()))
                .json();
        Map<String, String[]> names = new java.util.HashMap<>();
        set.get("criteria").forEach(c -> {
            names.put(
                    c.get("number").asString(),
                    new String[] {c.get("name_vi").asString(), c.get("name_en").asString()});
            c.get("indicators")
                    .forEach(i -> names.put(i.get("number").asString(), new String[] {
                        i.get("name_vi").asString(), i.get("name_en").asString()
                    }));
        });

        open("?commune=" + code);
        chromium.waitUntil("document.querySelectorAll('#commune-body li.fail').length > 0");
        assertThat(text("document.documentElement.lang")).isEqualTo("vi");
        String vi = words();
        // criteria by name, the level and the set by their titles, never codes or "2 ✗"
        assertThat(text("document.querySelector('#commune-body li.fail[data-number=\"2\"]').textContent"))
                .isEqualTo("Tiêu chí 2: " + names.get("2")[0]);
        assertThat(vi)
                .contains(set.get("name_vi").asString(), "Tô màu xã theo", "Tính ngày")
                .doesNotContain(
                        "commune_2021_2025",
                        "provinces_2025",
                        "computed from",
                        "Colour",
                        "Provinces",
                        "Criterion",
                        "Map of")
                .doesNotContainPattern("\\b\\d+(\\.\\d+)? ?[✗✓]")
                .doesNotContainPattern("(?m)^(none|ntm|advanced|model)$");
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>)
                js(
                        "return Array.from(document.querySelectorAll('#commune-body li.fail')).map(function (li) { return li.dataset.number; });");
        // a column about an indicator names it
        assertThat(text("document.querySelector('#provinces th[data-key=\"p84\"] button').title"))
                .isEqualTo("Chỉ tiêu 8.4: " + names.get("8.4")[0]);
        List<String> expected = new ArrayList<>();
        failing.get("criteria_failed").forEach(n -> expected.add(n.asString()));
        failing.get("indicators_failed").forEach(n -> expected.add(n.asString()));
        assertThat(failed).containsExactlyElementsOf(expected);
        String level = Http.get(url("/collections/communes/items?code=" + code + "&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("ntm_level")
                .asString();
        JsonNode titles = Http.get(url("/collections/communes/schema"))
                .json()
                .get("properties")
                .get("ntm_level");
        assertThat(text("document.getElementById('commune-body').innerText"))
                .contains(titles.get("x-enum-titles-vi").get(level).asString());
        screenshot("01-planner-vi-1400x900");

        // the switch: the whole page in English at once, the panel included, and remembered
        browser.findElement(By.id("lang-button")).click();
        chromium.waitUntil(
                "document.documentElement.lang === 'en' && document.getElementById('commune-body').textContent.includes('Criterion 2: ')"
                        + " && document.getElementById('basis').textContent.includes('Computed on')");
        String en = words();
        assertThat(text("document.querySelector('#commune-body li.fail[data-number=\"2\"]').textContent"))
                .isEqualTo("Criterion 2: " + names.get("2")[1]);
        assertThat(en)
                .contains(
                        set.get("name_en").asString(),
                        "Colour communes by",
                        titles.get("x-enum-titles").get(level).asString())
                .doesNotContain("Tô màu", "Tiêu chí", "Tỉnh:", "Tính ngày", "Số liệu", "Mức NTM", "commune_2021_2025");
        assertThat(text("document.getElementById('lang-button').textContent")).isEqualTo("VI");
        browser.navigate().refresh();
        chromium.waitUntil("document.body.getAttribute('data-ready') === 'true'");
        assertThat(text("document.documentElement.lang"))
                .as("the choice is remembered")
                .isEqualTo("en");
    }

    @Test
    void provincesAreFilledWithTheViewersShareColours() {
        open("");
        JsonNode stats = Http.get(url("/stats/ntm")).json();
        Map<String, Double> shares = new java.util.HashMap<>();
        stats.get("provinces").forEach(p -> {
            if (!p.get("at_least").get("ntm").get("pct").isNull()) {
                shares.put(
                        p.get("code").asString(),
                        p.get("at_least").get("ntm").get("pct").asDouble());
            }
        });
        chromium.waitUntil("RuralAtlas.testing.map.getLayers().item(1).getFeaturesInExtent("
                + "RuralAtlas.testing.map.getView().calculateExtent(RuralAtlas.testing.map.getSize())).length > 20");
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1], shares = arguments[0];"
                                + "import(new URL('js/palette.js', document.baseURI).href).then(function (palette) {"
                                + " var map = RuralAtlas.testing.map, layer = map.getLayers().item(1), wrong = [], n = 0;"
                                + " layer.getFeaturesInExtent(map.getView().calculateExtent(map.getSize())).forEach(function (f) {"
                                + "  var style = layer.getStyleFunction()(f, map.getView().getResolution());"
                                + "  var fill = style.getFill() ? style.getFill().getColor() : null; n++;"
                                + "  if (fill !== palette.shareFill(shares[f.get('code')])) { wrong.push(f.get('code') + ': ' + fill); } });"
                                + " var legend = Array.from(document.querySelectorAll('#legend .swatch')).map(function (s) { return s.style.background; });"
                                + " done({ n: n, wrong: wrong, legend: legend.length }); }, function (e) { done({ error: String(e) }); });",
                        shares);
        assertThat(check.get("wrong"))
                .as("province fills against palette.shareFill")
                .isEqualTo(List.of());
        assertThat(((Number) check.get("n")).intValue()).isGreaterThan(20);
        assertThat(((Number) check.get("legend")).intValue()).isEqualTo(5);
        // the provinces' names are written on the map, one each, in the page's language
        chromium.waitUntil("RuralAtlas.testing.map.getLayers().item(2).getSource().getFeatures().length === 34");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) js(
                "var layer = RuralAtlas.testing.map.getLayers().item(2); return layer.getSource().getFeatures().map(function (f) {"
                        + " return layer.getStyleFunction()(f, 1000).getText().getText(); });");
        assertThat(labels).hasSize(34).contains("Bắc Ninh", "Cà Mau", "Hà Nội");
    }

    @Test
    void searchAndARowTakeTheMapToTheProvinceAndTheTableSortsWithTheKeyboard() throws IOException {
        for (int[] size : new int[][] {{1400, 900}, {360, 640}}) {
            size(size[0], size[1]);
            open("");
            String at = size[0] + "x" + size[1];
            assertThat((Long) js("return document.documentElement.scrollWidth;"))
                    .as(at + ": nothing wider than the screen")
                    .isLessThanOrEqualTo(size[0]);
            // search: type, Enter → the province chosen, its row marked, the map on it
            WebElement box = browser.findElement(By.id("search-input"));
            box.sendKeys("Bắc Ninh");
            box.sendKeys(Keys.ENTER);
            chromium.waitUntil("document.querySelector('#provinces tr.selected[aria-current=\"true\"]')");
            assertThat(rowText("provinces", "Bắc Ninh")).as(at).isNotEmpty();
            assertThat(text("document.querySelector('#provinces tr.selected').cells[0].textContent"))
                    .isEqualTo("Bắc Ninh");
            waitForViewIn(provinceResult("Bắc Ninh").get("bbox"), 7);

            // a click on a row goes to that province
            js(
                    "Array.from(document.querySelectorAll('#provinces tbody tr')).find(function (tr) { return tr.cells[0].textContent === 'Cà Mau'; }).click();");
            waitForViewIn(provinceResult("Cà Mau").get("bbox"), 7);
            // Enter on a focused row too
            js(
                    "Array.from(document.querySelectorAll('#provinces tbody tr')).find(function (tr) { return tr.cells[0].textContent === 'Lạng Sơn'; }).focus();");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            waitForViewIn(provinceResult("Lạng Sơn").get("bbox"), 7);
            assertThat(text("document.querySelector('#provinces tr.selected').cells[0].textContent"))
                    .isEqualTo("Lạng Sơn");

            // sorting by keyboard: the header's button, Enter, aria-sort; names in Vietnamese order (Đ after D, before
            // E)
            js("document.querySelector('#provinces th[data-key=\"name\"] button').focus();");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            chromium.waitUntil(
                    "document.querySelector('#provinces th[data-key=\"name\"]').getAttribute('aria-sort') === 'ascending'");
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>)
                    js(
                            "return Array.from(document.querySelectorAll('#provinces tbody tr')).map(function (tr) { return tr.cells[0].textContent; });");
            assertThat(names).hasSize(34);
            assertThat(js(
                            "var n = arguments[0]; return n.slice().sort(new Intl.Collator('vi').compare).join('|') === n.join('|');",
                            names))
                    .isEqualTo(true);
            assertThat(names.indexOf("Đà Nẵng"))
                    .isGreaterThan(names.indexOf("Cần Thơ"))
                    .isLessThan(names.indexOf("Gia Lai"));
            assertThat(text("document.activeElement.closest('th').dataset.key"))
                    .as("focus stays on the header")
                    .isEqualTo("name");
            new Actions(browser).sendKeys(Keys.SPACE).perform();
            chromium.waitUntil(
                    "document.querySelector('#provinces th[data-key=\"name\"]').getAttribute('aria-sort') === 'descending'");
            assertThat(js("return document.querySelectorAll('#provinces th[aria-sort]').length;"))
                    .isEqualTo(1L);

            // the map: zoom buttons of at least 40 px, and the keyboard once it has the focus
            @SuppressWarnings("unchecked")
            List<Number> sides = (List<Number>)
                    js("return Array.from(document.querySelectorAll('#map .ol-zoom button')).flatMap(function (b) {"
                            + " var r = b.getBoundingClientRect(); return [r.width, r.height]; });");
            assertThat(sides)
                    .hasSize(4)
                    .allSatisfy(s -> assertThat(s.doubleValue()).as(at).isGreaterThanOrEqualTo(40));
            double[] before = view();
            js("document.getElementById('map').focus();");
            assertThat(text("document.activeElement.id")).isEqualTo("map");
            new Actions(browser).sendKeys("+").perform();
            chromium.waitUntil("Number(document.getElementById('map').dataset.zoom) > " + (before[0] + 0.5));
            double[] zoomed = view();
            new Actions(browser).sendKeys(Keys.ARROW_RIGHT).perform();
            chromium.waitUntil(
                    "Number(document.getElementById('map').dataset.center.split(',')[0]) > " + (zoomed[1] + 0.001));
            screenshot("02-planner-search-" + at);
        }
    }

    @Test
    void before2025The63ProvincesAndTheReportedFiguresAreClicksAway() throws IOException {
        open("");
        assertThat(browser.findElement(By.id("sample-banner")).isDisplayed())
                .as("computed from the sample: said at the top")
                .isTrue();
        assertThat(text("document.querySelector('#provinces caption').textContent"))
                .isEqualTo("34 tỉnh, thành phố");
        browser.findElement(By.id("as-of-pre2025")).click();
        chromium.waitUntil("document.querySelectorAll('#provinces tbody tr').length === 63");
        assertThat(text("document.querySelector('#provinces caption').textContent"))
                .isEqualTo("63 tỉnh, thành phố");
        assertThat(text("document.getElementById('basis').textContent")).contains("01/01/2024", "63 tỉnh");
        assertThat(text("document.getElementById('as-of').value")).isEqualTo("2024-01-01");
        assertThat(browser.findElement(By.id("map-note")).isDisplayed()).isTrue();
        assertThat(browser.getCurrentUrl())
                .as("the address says the date, to share or reload")
                .endsWith("/planner.html?as_of=2024-01-01");
        browser.navigate().refresh();
        chromium.waitUntil("document.querySelectorAll('#provinces tbody tr').length === 63");
        // a date whose figures cannot be fetched says so, and the same date chosen again is asked again
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*as_of=2020-01-01*")));
        String choose2020 =
                "var d = document.getElementById('as-of'); d.value = '2020-01-01'; d.dispatchEvent(new Event('change'));";
        js(choose2020);
        chromium.waitUntil("document.getElementById('basis').textContent.startsWith('Không tải được số liệu')");
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        js("document.getElementById('as-of-today').click();");
        chromium.waitUntil("document.querySelectorAll('#provinces tbody tr').length === 34");
        js(choose2020);
        chromium.waitUntil(
                "document.querySelectorAll('#provinces tbody tr').length === 63 && document.getElementById('basis').textContent.includes('01/01/2020')");
        // back to today: 34 again
        browser.findElement(By.id("as-of-today")).click();
        chromium.waitUntil("document.querySelectorAll('#provinces tbody tr').length === 34");

        // the figures Bắc Giang reported in 05/2023: one click, never in the same table as computed ones
        browser.findElement(By.cssSelector("input[name='source'][value='reported']"))
                .click();
        chromium.waitUntil("document.querySelectorAll('#reported tbody tr').length > 0");
        assertThat(browser.findElement(By.id("provinces")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("sample-banner")).isDisplayed())
                .as("reported figures are not sample data")
                .isFalse();
        assertThat(rowText("reported", "Bắc Giang"))
                .isEqualTo("Bắc Giang | toàn tỉnh | 2023-05 | 182 | 144/182 (79,1 %) | 43 (23,6 %)"
                        + " | 1 (0,5 %) | 17,1 | Bắc Giang provincial report on NTM results (05/2023) | 31/05/2023");
        assertThat(text("document.getElementById('reported-basis').textContent"))
                .contains("Không trộn với số liệu tính toán");
        screenshot("03-planner-reported-1400x900");
        // a row takes the map to the province Bắc Giang is part of now (Bắc Ninh)
        js(
                "Array.from(document.querySelectorAll('#reported tbody tr')).find(function (tr) { return tr.cells[0].textContent === 'Bắc Giang'; }).click();");
        waitForViewIn(provinceResult("Bắc Ninh").get("bbox"), 7);
        // in English, the same figures in English number format
        open("?lang=en&source=reported");
        assertThat(rowText("reported", "Bắc Giang"))
                .contains("144/182 (79.1 %)", "43 (23.6 %)", "1 (0.5 %)", "17.1", "31 May 2023");
    }

    @Test
    void satisfactionOnlyWithItsNumberOfResponsesAndFromTenAndHistoryWithOldNames() {
        // ten responses in Phúc Hoà (Bắc Ninh), three in a commune of Hà Nội
        String haNoi = Http.get(url("/collections/communes/items?unit_type=xa&province_code=01&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        String period = survey.currentPeriod();
        int[] ratings = {5, 4, 4, 2, 5, 1, 4, 3, 5, 4};
        for (int r : ratings) {
            respond("07330", period, r);
        }
        for (int i = 0; i < 3; i++) {
            respond(haNoi, period, 5);
        }
        JsonNode stats = Http.get(url("/stats/ntm")).json();
        double bacNinh = 0;
        for (JsonNode p : stats.get("provinces")) {
            if (p.get("code").asString().equals("24")) {
                assertThat(p.get("satisfaction").get("responses").asInt()).isEqualTo(10);
                bacNinh = p.get("satisfaction").get("satisfaction_pct").asDouble();
            }
        }
        open("");
        String shown = String.format(
                "%s %% (10 ý kiến)", String.valueOf(bacNinh).replace('.', ',').replaceAll(",0$", ""));
        assertThat(rowText("provinces", "Bắc Ninh")).endsWith("| " + shown);
        assertThat(rowText("provinces", "Hà Nội")).endsWith("| –");
        assertThat(text(
                        "Array.from(document.querySelectorAll('#provinces tbody tr')).find(function (tr) { return tr.cells[0].textContent === 'Hà Nội'; })"
                                + ".lastChild.querySelector('span').title"))
                .isEqualTo("Dưới 10 ý kiến: chưa công bố");

        open("?commune=" + haNoi);
        chromium.waitUntil("document.querySelector('#commune-body .satisfaction')");
        assertThat(text("document.querySelector('#commune-body .satisfaction').textContent"))
                .isEqualTo("3 ý kiến: dưới 10 ý kiến nên chưa công bố tỷ lệ.");
        open("?commune=07330");
        chromium.waitUntil("document.querySelector('#commune-body .satisfaction')");
        String phucHoa = text("document.getElementById('commune-body').innerText");
        assertThat(phucHoa)
                .contains(
                        "(10 ý kiến)",
                        "xã Phúc Hòa, huyện Tân Yên, tỉnh Bắc Giang",
                        "Nguồn: Bắc Giang provincial report on NTM results (05/2023), 31/05/2023");

        // the viewer's commune panel follows the same rule (js/satisfaction.js)
        String haNoiId = Http.get(url("/collections/communes/items?code=" + haNoi + "&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
        browser.get("about:blank");
        browser.get(url("/#lang=vi&sel=communes/"
                + java.net.URLEncoder.encode(haNoiId, java.nio.charset.StandardCharsets.UTF_8)));
        chromium.waitUntil("document.querySelector('#panel .satisfaction')");
        assertThat(text("document.querySelector('#panel .satisfaction').textContent"))
                .isEqualTo("3 ý kiến: dưới 10 ý kiến nên chưa công bố tỷ lệ.");
        assertThat(
                        text(
                                "Array.from(document.querySelectorAll('#panel .satisfaction, #panel .ntm')).map(function (e) { return e.textContent; }).join(' ')"))
                .as("no share from 3 responses anywhere in the panel")
                .doesNotContain("%");
        browser.get("about:blank");
        browser.get(url("/#lang=vi&sel=communes/07330%402025-07-01"));
        chromium.waitUntil("document.querySelector('#panel .satisfaction')");
        assertThat(text("document.querySelector('#panel .satisfaction').textContent"))
                .contains(" % · 10 ý kiến");
    }

    private void respond(String commune, String period, int overall) {
        assertThat(surveys.insert(new SurveyResponse(
                        UUID.randomUUID().toString(),
                        period,
                        commune,
                        LocalDate.now(),
                        UUID.randomUUID().toString(),
                        overall,
                        Map.of())))
                .isTrue();
    }
}
