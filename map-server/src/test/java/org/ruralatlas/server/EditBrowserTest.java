package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruralatlas.server.EditMap.lonLatAt;
import static org.ruralatlas.server.EditMap.pixel;
import static org.ruralatlas.server.EditMap.tap;

import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Editing in the viewer, in headless Chromium on a phone-sized screen (360 × 640): an editor signs
 * in, opens Edit mode, taps a homestay, puts it somewhere else, gets a refused field shown beside
 * it (422), fixes it and saves; the public viewer, opened afresh, draws the homestay at its new
 * place. An anonymous visitor sees no Edit mode and its writes are refused. The same context as
 * {@link GeoPackageEditTest}, so no second start.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"
        })
class EditBrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void anEditorMovesAHomestayFixesARefusedFieldAndThePublicSeesTheNewPlace() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?category=homestay&limit=40"))
                .json()
                .get("features")
                .get(7);
        String id = site.get("id").asString();
        double lon = site.get("geometry").get("coordinates").get(0).asDouble();
        double lat = site.get("geometry").get("coordinates").get(1).asDouble();
        String name = "field-" + Long.toHexString(System.nanoTime());
        accounts.add(new Account(
                name,
                Role.EDITOR,
                List.of(site.get("properties").get("province_code").asString()),
                Instant.now(),
                false));
        String password = Http.newPassword(url("/admin/accounts/" + name + "/password"));
        String view = url("/#map=16/" + lat + "/" + lon + "&lang=en");
        double[] moved;
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(view);
            chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('account-button')"
                    + ".getAttribute('data-signed-in') === 'false'");
            assertThat(browser.executeScript("return [window.innerWidth, document.documentElement.scrollWidth];"))
                    .as("a phone's screen, and nothing wider than it")
                    .isEqualTo(List.of(360L, 360L));
            // signing in, from the "more" menu of a phone's toolbar
            browser.findElement(By.id("more-button")).click();
            browser.findElement(By.id("account-button")).click();
            browser.findElement(By.id("signin-name")).sendKeys(name);
            browser.findElement(By.id("signin-password")).sendKeys("not " + password);
            browser.findElement(By.cssSelector("#signin-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('signin-message').textContent.includes('wrong')");
            browser.findElement(By.id("signin-password")).clear();
            browser.findElement(By.id("signin-password")).sendKeys(password);
            browser.findElement(By.cssSelector("#signin-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('account-who')");
            assertThat(browser.findElement(By.id("account-who")).getText()).contains(name, "editor");
            browser.findElement(By.id("edit-start")).click();
            chromium.waitUntil("!document.getElementById('edit-bar').hidden");
            // the homestay, tapped where the map draws it
            chromium.waitUntil(
                    "RuralAtlas.testing.renderedFeatures('tourism').some(f => f.get('site_id') === '" + id + "')");
            tap(browser, pixel(browser, lon, lat));
            chromium.waitUntil("document.getElementById('edit-form')");
            // a tap beside it puts it there
            List<Number> at = pixel(browser, lon, lat);
            List<Number> there = List.of(at.get(0).doubleValue() + 70, at.get(1).doubleValue() + 5);
            tap(browser, there);
            chromium.waitUntil("document.getElementById('edit-place').textContent.includes('New place')");
            // where it went, as the form says (latitude, longitude)
            String[] place = browser.findElement(By.id("edit-place"))
                    .getText()
                    .replaceAll("[^0-9.,]", "")
                    .split(",");
            moved = new double[] {Double.parseDouble(place[1]), Double.parseDouble(place[0])};
            double[] aimed = lonLatAt(browser, there);
            assertThat(moved[0]).isCloseTo(aimed[0], Offset.offset(1e-4));
            assertThat(moved[1]).isCloseTo(aimed[1], Offset.offset(1e-4));
            // a refused value: the server's 422 shown beside its field
            WebElement stars = browser.findElement(By.id("edit-ocop_stars"));
            stars.clear();
            stars.sendKeys("9");
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("!document.getElementById('edit-ocop_stars-error').hidden"
                    + " || document.getElementById('edit-message').textContent");
            assertThat(browser.findElement(By.id("edit-ocop_stars-error")).isDisplayed())
                    .as(browser.findElement(By.id("edit-message")).getText())
                    .isTrue();
            WebElement error = browser.findElement(By.id("edit-ocop_stars-error"));
            assertThat(error.getText()).contains("5");
            assertThat(browser.findElement(By.cssSelector("[data-property=ocop_stars] #edit-ocop_stars-error"))
                            .isDisplayed())
                    .isTrue();
            assertThat(stars.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(Http.get(url("/collections/tourism/items/" + id))
                            .json()
                            .get("geometry")
                            .get("coordinates")
                            .get(0)
                            .asDouble())
                    .as("nothing written by the refused save")
                    .isEqualTo(lon);
            // fixed, saved
            stars.clear();
            stars.sendKeys("4");
            // every frame drawn while the tiles are renewed after the save (now and 1.5 s later) still has its
            // tiles: source.refresh() left the map blank until the new ones came, 2 to 4 frames each time
            ((JavascriptExecutor) browser)
                    .executeScript(
                            "window.blankFrames = []; window.framesSince = 0; window.savedAt = performance.now();"
                                    + " const l = RuralAtlas.testing.layer('communes');"
                                    + " RuralAtlas.testing.map.on('postrender', () => { window.framesSince++;"
                                    + " if (l.getRenderer().renderedTiles.length === 0) {"
                                    + " window.blankFrames.push(Math.round(performance.now() - window.savedAt)); } });");
            browser.findElement(By.id("edit-save")).click();
            chromium.waitUntil("(document.body.getAttribute('data-saved') || '').startsWith('tourism/" + id + "@')");
            chromium.waitUntil("performance.now() - window.savedAt > 2500 && window.framesSince > 0");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.blankFrames.join(', ')"))
                    .as("frames drawn without tiles (ms after the save) while they were renewed")
                    .isEqualTo("");
            staleEtagOffersAReload(chromium, id, moved);
            assertThat(chromium.console()).noneMatch(m -> m.contains("Content Security Policy"));
        }
        JsonNode saved = Http.get(url("/collections/tourism/items/" + id)).json();
        assertThat(saved.get("properties").get("ocop_stars").asInt()).isEqualTo(4);
        assertThat(saved.get("geometry").get("coordinates").get(0).asDouble()).isCloseTo(moved[0], Offset.offset(1e-5));
        assertThat(saved.get("geometry").get("coordinates").get(1).asDouble()).isCloseTo(moved[1], Offset.offset(1e-5));
        assertThat(Http.get(
                                url("/collections/tourism/items/" + id + "/revisions"),
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .text())
                .contains(name);
        // the public viewer, anonymous, afresh: the homestay at its new place, and no Edit mode
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=16/" + moved[1] + "/" + moved[0] + "&lang=en"));
            chromium.waitUntil(
                    "RuralAtlas.testing.renderedFeatures('tourism').some(f => f.get('site_id') === '" + id + "')");
            @SuppressWarnings("unchecked")
            List<Number> drawn = (List<Number>) ((JavascriptExecutor) browser)
                    .executeScript(
                            "const f = RuralAtlas.testing.renderedFeatures('tourism').find(f => f.get('site_id') === arguments[0]);"
                                    + " return ol.proj.toLonLat(f.getFlatCoordinates().slice(0, 2));",
                            id);
            assertThat(drawn.get(0).doubleValue()).isCloseTo(moved[0], Offset.offset(2e-5));
            assertThat(drawn.get(1).doubleValue()).isCloseTo(moved[1], Offset.offset(2e-5));
            anonymousSeesNoEditMode(chromium, id);
        }
    }

    /** The edit form's name field, shown and enabled: what a person can type into. */
    private static final String EDIT_NAME_READY = "(() => { const e = document.getElementById('edit-name');"
            + " if (!e || e.disabled || e.offsetParent === null) return false;"
            + " const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })()";

    /** Someone else saves first: the editor's save is refused (412), and Reload shows what is there now. */
    private void staleEtagOffersAReload(Chromium chromium, String id, double[] place) {
        ChromeDriver browser = chromium.browser();
        // the map's tiles drawn again after the save: the homestay at its new place
        chromium.waitUntil("RuralAtlas.testing.renderedFeatures('tourism').some(f => f.get('site_id') === '" + id
                + "' && Math.abs(ol.proj.toLonLat(f.getFlatCoordinates().slice(0, 2))[0] - " + place[0] + ") < 2e-5)");
        // the form of this tap, in sight (the one of the save before is closed, not necessarily gone): its ETag read
        // before the other's save below. The map reads its tiles once more a second after a save, and a tap in that
        // blink finds nothing: a person taps again, as here (three times at most)
        for (int tap = 1; ; tap++) {
            tap(browser, pixel(browser, place[0], place[1]));
            if (tap == 3 || chromium.within(EDIT_NAME_READY, java.time.Duration.ofSeconds(4))) {
                break;
            }
        }
        chromium.waitUntil(EDIT_NAME_READY);
        String etag = Http.get(url("/collections/tourism/items/" + id)).header("ETag");
        assertThat(Http.mergePatch(
                                url("/collections/tourism/items/" + id),
                                "{\"properties\": {\"phone\": \"0204 412 412\"}}",
                                "Bearer " + Http.ADMIN_TOKEN,
                                etag)
                        .status())
                .isEqualTo(200);
        // the form may be drawn again as it settles (the panel redraws when the catalogue or language comes, and slides
        // up on a phone): type into the one there once it can be typed into, as a person would
        for (int attempt = 0; ; attempt++) {
            chromium.waitUntil(EDIT_NAME_READY);
            try {
                browser.findElement(By.id("edit-name")).sendKeys(" (B)");
                break;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.ElementNotInteractableException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
        browser.findElement(By.id("edit-save")).click();
        chromium.waitUntil("document.getElementById('edit-reload')");
        assertThat(browser.findElement(By.id("edit-message")).getText()).contains("Someone else");
        // what the other changed, read now, against what this editor started from
        chromium.waitUntil("document.getElementById('edit-changes')");
        assertThat(browser.findElement(By.id("edit-changes")).getText()).contains("0204 412 412");
        browser.findElement(By.id("edit-reload")).click();
        chromium.waitUntil(
                "document.getElementById('edit-phone') && document.getElementById('edit-phone').value === '0204 412 412'");
        assertThat(Http.get(url("/collections/tourism/items/" + id))
                        .json()
                        .get("properties")
                        .get("name")
                        .asString())
                .doesNotEndWith("(B)");
    }

    private void anonymousSeesNoEditMode(Chromium chromium, String id) {
        ChromeDriver browser = chromium.browser();
        chromium.waitUntil("document.getElementById('account-button').getAttribute('data-signed-in') === 'false'");
        assertThat(browser.findElement(By.id("edit-bar")).isDisplayed()).isFalse();
        browser.findElement(By.id("more-button")).click();
        browser.findElement(By.id("account-button")).click();
        chromium.waitUntil("document.getElementById('signin-form')");
        assertThat(browser.findElements(By.id("edit-start"))).isEmpty();
        // and a write from the page is refused
        Object status = ((JavascriptExecutor) browser)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " fetch('collections/tourism/items/' + arguments[0], {method: 'PATCH', headers: {'Content-Type':"
                                + " 'application/merge-patch+json', 'If-Match': '*'}, body: '{\"properties\":{\"ocop_stars\":3}}'})"
                                + ".then(r => done(r.status), e => done(String(e)));",
                        id);
        assertThat(((Number) status).intValue()).isEqualTo(401);
        assertThat(browser.manage().getCookies()).isEmpty();
    }
}
