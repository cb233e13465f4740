package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Proposals from the viewer, in headless Chromium on a phone-sized screen (360 × 640), without an
 * account: a visitor opens a homestay, proposes a correction from the form of its panel, gets a
 * refused value shown beside its field, fixes it and sends (the page solves the proof of work);
 * then suggests a new place at the centre of the map. Both wait in the queue as the visitor sent
 * them, read back by an administrator.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.proposals.per-ip-per-hour=20"
        })
class ProposalBrowserTest {

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private JsonNode proposal(String id) {
        Http.Reply r = Http.get(url("/proposals/" + id), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    @Test
    void aVisitorProposesACorrectionAndANewPlaceFromThePanel() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?category=homestay&limit=20"))
                .json()
                .get("features")
                .get(3);
        String id = site.get("id").asString();
        double lon = site.get("geometry").get("coordinates").get(0).asDouble();
        double lat = site.get("geometry").get("coordinates").get(1).asDouble();
        String name = "Proposed " + Long.toHexString(System.nanoTime());
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=15/" + lat + "/" + lon + "&sel=tourism/" + id + "&lang=en"));
            chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('propose-correction')");
            assertThat(browser.executeScript("return [window.innerWidth, document.documentElement.scrollWidth];"))
                    .as("a phone's screen, and nothing wider than it")
                    .isEqualTo(java.util.List.of(360L, 360L));
            browser.findElement(By.id("propose-correction")).click();
            chromium.waitUntil("document.getElementById('edit-name')");
            WebElement field = browser.findElement(By.id("edit-name"));
            field.clear();
            field.sendKeys(name);
            WebElement stars = browser.findElement(By.id("edit-ocop_stars"));
            stars.clear();
            stars.sendKeys("9");
            browser.findElement(By.id("propose-comment")).sendKeys("The sign at the gate says so");
            browser.findElement(By.cssSelector(".propose-form button[type=submit]"))
                    .click();
            chromium.waitUntil("!document.getElementById('edit-ocop_stars-error').hidden"
                    + " || document.querySelector('[data-proposal]')");
            assertThat(browser.findElement(By.id("edit-ocop_stars-error")).getText())
                    .as("the server's 422 beside its field")
                    .contains("5");
            stars.clear();
            stars.sendKeys("3");
            browser.findElement(By.cssSelector(".propose-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.querySelector('[data-proposal]')"
                    + " || (document.getElementById('edit-message') || {}).textContent.includes('Could not')");
            String corrected =
                    browser.findElement(By.cssSelector("[data-proposal]")).getAttribute("data-proposal");
            JsonNode c = proposal(corrected);
            assertThat(c.get("kind").asString()).isEqualTo("correction");
            assertThat(c.get("featureId").asString()).isEqualTo(id);
            assertThat(c.get("proposed").get("properties").get("name").asString())
                    .isEqualTo(name);
            assertThat(c.get("proposed").get("properties").get("ocop_stars").asInt())
                    .isEqualTo(3);
            assertThat(c.get("proposed").get("properties").size())
                    .as("only what changed")
                    .isEqualTo(2);
            assertThat(c.get("comment").asString()).isEqualTo("The sign at the gate says so");
            assertThat(Http.get(url("/collections/tourism/items/" + id)).text())
                    .as("nothing written before a reviewer accepts it")
                    .doesNotContain(name);

            // a new place, at the centre of the map, in the province of the site whose panel is open
            browser.executeScript("RuralAtlas.testing.showFeature('tourism', arguments[0], {zoom: false})", id);
            chromium.waitUntil("document.getElementById('propose-new')");
            browser.findElement(By.id("propose-new")).click();
            chromium.waitUntil("document.getElementById('edit-name')");
            browser.findElement(By.id("edit-name")).sendKeys("New " + name);
            new Select(browser.findElement(By.id("edit-category"))).selectByValue("homestay");
            browser.findElement(By.cssSelector(".propose-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.querySelector('[data-proposal]')"
                    + " || (document.getElementById('edit-message') || {}).textContent.includes('Could not')");
            JsonNode n = proposal(
                    browser.findElement(By.cssSelector("[data-proposal]")).getAttribute("data-proposal"));
            assertThat(n.get("kind").asString()).isEqualTo("new");
            JsonNode proposed = n.get("proposed");
            assertThat(proposed.get("properties").get("name").asString()).isEqualTo("New " + name);
            assertThat(proposed.get("properties").get("province_code").asString())
                    .isEqualTo(site.get("properties").get("province_code").asString());
            assertThat(proposed.get("geometry").get("coordinates").get(0).asDouble())
                    .isCloseTo(lon, Offset.offset(0.01));
            assertThat(proposed.get("geometry").get("coordinates").get(1).asDouble())
                    .isCloseTo(lat, Offset.offset(0.01));
        }
    }
}
