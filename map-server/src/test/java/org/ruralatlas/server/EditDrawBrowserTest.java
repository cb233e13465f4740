package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruralatlas.server.EditMap.lonLatAt;
import static org.ruralatlas.server.EditMap.pixel;
import static org.ruralatlas.server.EditMap.tap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Drawing in Edit mode, in headless Chromium on a phone-sized screen (360 × 640): an editor drags
 * a corner of a growing area and saves it (the API returns the new shape, with a revision naming
 * the account); adds a tourism site by tapping the map, is asked for the required name before
 * anything is sent, gets the server's 422 beside the field it names, fixes it and saves (201; a
 * fresh anonymous viewer draws the new site); draws a new area with Finish, then deletes it after
 * the confirm step. The same context as {@link EditBrowserTest} and {@link GeoPackageEditTest}.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"
        })
class EditDrawBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void anEditorReshapesAGrowingAreaAndTheApiKeepsTheNewShape() throws Exception {
        JsonNode zone = Http.get(url("/collections/zones/items?limit=10"))
                .json()
                .get("features")
                .get(6);
        String id = zone.get("id").asString();
        String name = editor(zone.get("properties").get("province_code").asString());
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=15/16/106&layers=zones&lang=en"));
            signIn(chromium, name);
            // the map on a point inside the area, its tiles drawn: a tap there opens it
            List<Number> inside = script(
                    browser,
                    "const g = new ol.format.GeoJSON().readGeometry(JSON.parse(arguments[0]), {featureProjection: 'EPSG:3857'});"
                            + " const c = g.getInteriorPoints().getCoordinates()[0].slice(0, 2);"
                            + " RuralAtlas.testing.map.getView().setCenter(c); return c;",
                    zone.get("geometry").toString());
            chromium.waitUntil(
                    "RuralAtlas.testing.renderedFeatures('zones').some(f => f.get('zone_id') === '" + id + "')");
            tap(
                    browser,
                    script(browser, "return RuralAtlas.testing.map.getPixelFromCoordinate(arguments[0]);", inside));
            chromium.waitUntil("document.querySelector('#edit-form[data-feature=\"zones/" + id + "\"]')");
            assertThat(browser.findElement(By.id("edit-place")).getText()).contains("Drag a corner");
            // a corner in sight (not under the edit bar or the form), dragged a third of the way to the area's middle
            List<Number> corner = script(browser, CORNER_IN_SIGHT);
            assertThat(corner)
                    .as("a corner of the area in the part of the map left free")
                    .isNotNull();
            double[] to = {
                corner.get(0).doubleValue()
                        + (corner.get(2).doubleValue() - corner.get(0).doubleValue()) / 3,
                corner.get(1).doubleValue()
                        + (corner.get(3).doubleValue() - corner.get(1).doubleValue()) / 3
            };
            drag(browser, corner.get(0).doubleValue(), corner.get(1).doubleValue(), to[0], to[1]);
            chromium.waitUntil("document.getElementById('edit-place').textContent.includes('Shape changed')");
            double[] aimed = lonLatAt(browser, List.of(to[0], to[1]));
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("(document.body.getAttribute('data-saved') || '').startsWith('zones/" + id + "@')");
            assertThat(chromium.console()).noneMatch(m -> m.contains("Content Security Policy"));
            JsonNode saved = Http.get(url("/collections/zones/items/" + id)).json();
            assertThat(saved.get("geometry").get("type").asString()).isEqualTo("MultiPolygon");
            assertThat(saved.get("geometry").toString())
                    .isNotEqualTo(zone.get("geometry").toString());
            // the corner where the finger let go (a pixel is about 2.4 m at zoom 16: within 8 px of it)
            double nearest = Double.MAX_VALUE;
            for (double[] c : corners(saved.get("geometry"))) {
                nearest = Math.min(nearest, Math.hypot(c[0] - aimed[0], c[1] - aimed[1]));
            }
            assertThat(nearest).isLessThan(metresPerPixel(browser) * 8 / 111_000);
            assertThat(corners(saved.get("geometry"))).hasSameSizeAs(corners(zone.get("geometry")));
        }
        assertThat(Http.get(
                                url("/collections/zones/items/" + id + "/revisions"),
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .text())
                .contains(name);
    }

    @Test
    void anEditorAddsATourismSiteAfterTheRequiredNameAndAFixedProvinceAndThePublicSeesIt() throws Exception {
        JsonNode near = Http.get(url("/collections/tourism/items?category=homestay&limit=40"))
                .json()
                .get("features")
                .get(21);
        String province = near.get("properties").get("province_code").asString();
        double lon = near.get("geometry").get("coordinates").get(0).asDouble();
        double lat = near.get("geometry").get("coordinates").get(1).asDouble();
        String name = editor(province);
        String title = "Homestay " + Long.toHexString(System.nanoTime());
        String id;
        double[] placed;
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=16/" + lat + "/" + lon + "&layers=communes&lang=en"));
            signIn(chromium, name);
            browser.findElement(By.id("edit-add-place")).click();
            chromium.waitUntil("document.getElementById('edit-bar').getAttribute('data-doing') === 'Point'");
            assertThat(browser.findElement(By.id("edit-add-place")).isDisplayed())
                    .isFalse();
            List<Number> at = pixel(browser, lon, lat);
            double[] there = {at.get(0).doubleValue() + 25, at.get(1).doubleValue() - 20};
            placed = lonLatAt(browser, List.of(there[0], there[1]));
            tap(browser, List.of(there[0], there[1]));
            chromium.waitUntil("document.querySelector('#edit-form[data-feature=\"tourism/\"]')");
            // the province of a one-province editor is filled in; the required name is asked for before sending
            assertThat(browser.findElement(By.id("edit-province_code")).getAttribute("value"))
                    .isEqualTo(province);
            assertThat(browser.findElement(By.cssSelector("label[for=edit-name]"))
                            .getText())
                    .endsWith("*");
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("!document.getElementById('edit-name-error').hidden");
            assertThat(browser.findElement(By.id("edit-name-error")).getText()).contains("Required");
            assertThat(browser.findElement(By.id("edit-name")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(browser.findElement(By.tagName("body")).getAttribute("data-saved"))
                    .isNull();
            // a province the place does not lie in: the server's 422, beside that field
            browser.findElement(By.id("edit-name")).sendKeys(title);
            WebElement code = browser.findElement(By.id("edit-province_code"));
            code.clear();
            code.sendKeys(province.equals("01") ? "79" : "01");
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("!document.getElementById('edit-province_code-error').hidden");
            assertThat(browser.findElement(By.id("edit-province_code-error")).getText())
                    .contains("lies in");
            assertThat(browser.findElement(By.id("edit-name-error")).isDisplayed())
                    .isFalse();
            code.clear();
            code.sendKeys(province);
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("(document.body.getAttribute('data-saved') || '').startsWith('tourism/')");
            String saved = browser.findElement(By.tagName("body")).getAttribute("data-saved");
            id = saved.substring("tourism/".length(), saved.indexOf('@'));
            assertThat(chromium.console()).noneMatch(m -> m.contains("Content Security Policy"));
        }
        JsonNode site = Http.get(url("/collections/tourism/items/" + id)).json();
        assertThat(site.get("properties").get("name").asString()).isEqualTo(title);
        assertThat(site.get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(placed[0], Offset.offset(5e-5));
        assertThat(site.get("geometry").get("coordinates").get(1).asDouble()).isCloseTo(placed[1], Offset.offset(5e-5));
        assertThat(Http.get(
                                url("/collections/tourism/items/" + id + "/revisions"),
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .text())
                .contains(name);
        // a fresh anonymous viewer draws it
        try (Chromium chromium = Chromium.phone()) {
            chromium.browser().get(url("/#map=16/" + placed[1] + "/" + placed[0] + "&lang=en"));
            chromium.waitUntil(
                    "RuralAtlas.testing.renderedFeatures('tourism').some(f => f.get('site_id') === '" + id + "')");
        }
    }

    @Test
    void anEditorDrawsAnAreaWithFinishAndDeletesItAfterTheConfirmStep() throws Exception {
        // a place with no growing area near it (so that a tap there finds the new one), beside a homestay
        JsonNode site = null;
        for (JsonNode s : Http.get(url("/collections/tourism/items?category=homestay&limit=80"))
                .json()
                .get("features")) {
            double x = s.get("geometry").get("coordinates").get(0).asDouble();
            double y = s.get("geometry").get("coordinates").get(1).asDouble();
            String box = (x - 0.003) + "," + (y - 0.003) + "," + (x + 0.003) + "," + (y + 0.003);
            if (Http.get(url("/collections/zones/items?bbox=" + box))
                            .json()
                            .get("numberReturned")
                            .asInt()
                    == 0) {
                site = s;
                break;
            }
        }
        assertThat(site).as("a homestay with no growing area within 300 m").isNotNull();
        double lon = site.get("geometry").get("coordinates").get(0).asDouble();
        double lat = site.get("geometry").get("coordinates").get(1).asDouble();
        String name = editor(site.get("properties").get("province_code").asString());
        String title = "Area " + Long.toHexString(System.nanoTime());
        String id;
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=17/" + lat + "/" + lon + "&layers=communes,zones&lang=en"));
            signIn(chromium, name);
            browser.findElement(By.id("edit-draw-area")).click();
            chromium.waitUntil("document.getElementById('edit-bar').getAttribute('data-doing') === 'Polygon'");
            assertThat(browser.findElement(By.id("edit-finish")).isDisplayed()).isTrue();
            List<Number> centre = script(
                    browser,
                    "return RuralAtlas.testing.map.getPixelFromCoordinate(RuralAtlas.testing.map.getView().getCenter());");
            double cx = centre.get(0).doubleValue();
            double cy = centre.get(1).doubleValue();
            for (double[] d : new double[][] {{-20, -20}, {20, -20}, {20, 20}, {-20, 20}}) {
                tap(browser, List.of(cx + d[0], cy + d[1]));
                Thread.sleep(400); // apart, as a finger taps: not a double tap
            }
            browser.findElement(By.id("edit-finish")).click();
            chromium.waitUntil("document.querySelector('#edit-form[data-feature=\"zones/\"]')");
            browser.findElement(By.id("edit-name")).sendKeys(title);
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("(document.body.getAttribute('data-saved') || '').startsWith('zones/')");
            String saved = browser.findElement(By.tagName("body")).getAttribute("data-saved");
            id = saved.substring("zones/".length(), saved.indexOf('@'));
            JsonNode drawn = Http.get(url("/collections/zones/items/" + id)).json();
            assertThat(drawn.get("properties").get("name").asString()).isEqualTo(title);
            assertThat(corners(drawn.get("geometry"))).hasSize(5);
            // opened again by a tap, deleted after the confirm step
            chromium.waitUntil(
                    "RuralAtlas.testing.renderedFeatures('zones').some(f => f.get('zone_id') === '" + id + "')");
            // once the viewer has asked for its tiles again after the save (at once and after 1.5 s: while they reload,
            // nothing is there to tap)
            Thread.sleep(2500);
            // its middle (the view moved to show all of it under the edit bar): hit detection, which reads what the map
            // drew, finds it there
            double[] middle = {0, 0};
            corners(drawn.get("geometry")).stream().limit(4).forEach(c -> {
                middle[0] += c[0] / 4;
                middle[1] += c[1] / 4;
            });
            List<Number> at = pixel(browser, middle[0], middle[1]);
            chromium.waitUntil("RuralAtlas.testing.map.forEachFeatureAtPixel([" + at.get(0) + ", " + at.get(1)
                    + "], f => f.get('zone_id') === '" + id
                    + "', {layerFilter: l => l === RuralAtlas.testing.layer('zones')})");
            tap(browser, at);
            chromium.waitUntil("document.querySelector('#edit-form[data-feature=\"zones/" + id + "\"]')");
            browser.findElement(By.id("edit-delete")).click();
            chromium.waitUntil("document.getElementById('edit-delete-yes')");
            assertThat(Http.get(url("/collections/zones/items/" + id)).status())
                    .as("not before the confirm")
                    .isEqualTo(200);
            browser.findElement(By.id("edit-delete-yes")).click();
            chromium.waitUntil("document.body.getAttribute('data-saved') === 'zones/" + id + "@deleted'");
        }
        assertThat(Http.get(url("/collections/zones/items/" + id)).status()).isEqualTo(404);
    }

    @Test
    void aNewAreasCornerSnapsToACornerOfTheAreaBesideIt() throws Exception {
        JsonNode zone = Http.get(url("/collections/zones/items?limit=20"))
                .json()
                .get("features")
                .get(11);
        JsonNode v = zone.get("geometry").get("coordinates").get(0).get(0).get(0);
        double lon = v.get(0).asDouble();
        double lat = v.get(1).asDouble();
        String name = editor(zone.get("properties").get("province_code").asString());
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=17/" + lat + "/" + lon + "&layers=communes,zones&lang=en"));
            signIn(chromium, name);
            browser.findElement(By.id("edit-draw-area")).click();
            // the areas around the view read for snapping (the tiles' shapes cannot be snapped to)
            chromium.waitUntil("performance.getEntriesByType('resource').some(e => e.name.includes("
                    + "'/collections/zones/items?f=json&limit=200&bbox='))");
            Thread.sleep(500);
            List<Number> corner = pixel(browser, lon, lat);
            double x = corner.get(0).doubleValue();
            double y = corner.get(1).doubleValue();
            // a first tap 6 px beside the neighbour's corner, two more well away from it
            for (double[] d : new double[][] {{4, 5}, {70, 5}, {70, 70}}) {
                tap(browser, List.of(x + d[0], y + d[1]));
                Thread.sleep(400);
            }
            browser.findElement(By.id("edit-finish")).click();
            chromium.waitUntil("document.querySelector('#edit-form[data-feature=\"zones/\"]')");
            List<Number> first = script(
                    browser,
                    "const g = RuralAtlas.testing.layer('edit').getSource().getFeatures()[0].getGeometry();"
                            + " return ol.proj.toLonLat(g.getCoordinates()[0][0]);");
            assertThat(first.get(0).doubleValue()).isCloseTo(lon, Offset.offset(1e-7));
            assertThat(first.get(1).doubleValue()).isCloseTo(lat, Offset.offset(1e-7));
            browser.findElement(By.id("edit-cancel")).click();
        }
    }

    /** Of the area being edited, a corner well inside the part of the map a finger reaches, and the middle: [x, y, mx, my]. */
    private static final String CORNER_IN_SIGHT = "const map = RuralAtlas.testing.map;"
            + " const f = RuralAtlas.testing.layer('edit').getSource().getFeatures()[0];"
            + " const ring = f.getGeometry().getPolygon(0).getLinearRing(0).getCoordinates().slice(0, -1);"
            + " const mid = map.getPixelFromCoordinate(ol.extent.getCenter(f.getGeometry().getExtent()));"
            + " const rect = map.getViewport().getBoundingClientRect();"
            + " for (const c of ring) { const p = map.getPixelFromCoordinate(c);"
            + "  const free = [[0, 0], [-30, 0], [30, 0], [0, -30], [0, 30]].every(([dx, dy]) => {"
            + "   const e = document.elementFromPoint(rect.left + p[0] + dx, rect.top + p[1] + dy);"
            + "   return e && map.getViewport().contains(e) && !e.closest('.ol-control'); });"
            + "  if (free) { return [p[0], p[1], mid[0], mid[1]]; } }"
            + " return null;";

    /** A new editor of one province, its one-time password set: its name. */
    private String editor(String province) {
        String name = "draw-" + Long.toHexString(System.nanoTime());
        accounts.add(new Account(name, Role.EDITOR, List.of(province), Instant.now(), false));
        passwords.put(name, Http.newPassword(url("/admin/accounts/" + name + "/password")));
        return name;
    }

    private final java.util.Map<String, String> passwords = new java.util.HashMap<>();

    /** Signs in from the phone's "more" menu and opens Edit mode. */
    private void signIn(Chromium chromium, String name) {
        ChromeDriver browser = chromium.browser();
        chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('account-button')"
                + ".getAttribute('data-signed-in') === 'false'");
        browser.findElement(By.id("more-button")).click();
        browser.findElement(By.id("account-button")).click();
        browser.findElement(By.id("signin-name")).sendKeys(name);
        browser.findElement(By.id("signin-password")).sendKeys(passwords.get(name));
        browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
        chromium.waitUntil("document.getElementById('edit-start')");
        browser.findElement(By.id("edit-start")).click();
        chromium.waitUntil("!document.getElementById('edit-bar').hidden");
        // the edit bar's buttons big enough for a thumb, and inside a 360 px screen
        for (String button : List.of("edit-add-place", "edit-draw-area", "edit-stop")) {
            WebElement b = browser.findElement(By.id(button));
            assertThat(b.getSize().getHeight()).as(button).isGreaterThanOrEqualTo(44);
            assertThat(b.getLocation().getX() + b.getSize().getWidth())
                    .as(button)
                    .isLessThanOrEqualTo(360);
        }
    }

    /** Every corner of a (Multi)Polygon's rings, as lon/lat. */
    private static List<double[]> corners(JsonNode geometry) {
        List<double[]> out = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        if (geometry.get("type").asString().equals("Polygon")) {
            all.add(geometry.get("coordinates"));
        } else {
            geometry.get("coordinates").forEach(all::add);
        }
        for (JsonNode rings : all) {
            for (JsonNode ring : rings) {
                for (JsonNode c : ring) {
                    out.add(new double[] {c.get(0).asDouble(), c.get(1).asDouble()});
                }
            }
        }
        return out;
    }

    private static double metresPerPixel(ChromeDriver browser) {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript("const v = RuralAtlas.testing.map.getView();"
                                + " return ol.proj.getPointResolution('EPSG:3857', v.getResolution(), v.getCenter());"))
                .doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static <T> T script(ChromeDriver browser, String js, Object... args) {
        return (T) ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** A finger put down at (x, y), moved in steps to (tx, ty), lifted. */
    private static void drag(ChromeDriver browser, double x, double y, double tx, double ty) {
        WebElement map = browser.findElement(By.id("map"));
        int dx = (int) Math.round(x) - map.getSize().getWidth() / 2;
        int dy = (int) Math.round(y) - map.getSize().getHeight() / 2;
        Actions a = new Actions(browser).moveToElement(map, dx, dy).clickAndHold();
        int steps = 6;
        int movedX = 0;
        int movedY = 0;
        for (int i = 1; i <= steps; i++) {
            int nx = (int) Math.round((tx - x) * i / steps);
            int ny = (int) Math.round((ty - y) * i / steps);
            a = a.moveByOffset(nx - movedX, ny - movedY);
            movedX = nx;
            movedY = ny;
        }
        a.release().perform();
    }
}
