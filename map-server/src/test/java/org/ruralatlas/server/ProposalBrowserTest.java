package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Proposals from the viewer, in headless Chromium on a phone-sized screen (360 × 640), without an
 * account: a visitor opens a homestay, proposes a correction from the form of its panel, gets a
 * refused value shown beside its field, fixes it and sends (the page solves the proof of work);
 * then suggests a new place at the centre of the map. Both wait in the queue as the visitor sent
 * them, read back by an administrator. A reviewer of the province signs in, opens the queue from
 * the Account panel, sees what each proposal changes (the value now → the one proposed), is asked
 * for a reason before a rejection, rejects one and accepts the other, which the public then reads.
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

    @Autowired
    AccountStore accounts;

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

    /** A proposal sent from address {@code from} with its proof of work solved; its id. */
    private String proposed(String featureJson, String from) throws Exception {
        JsonNode c = Http.get(url("/collections/tourism/proposals/challenge")).json();
        String challenge = c.get("challenge").asString();
        String nonce = NtmContract.solve(challenge, c.get("difficulty").asInt());
        String body = featureJson.substring(0, featureJson.lastIndexOf('}')) + ",\"challenge\":\"" + challenge
                + "\",\"nonce\":\"" + nonce + "\"}";
        Http.Reply r = Http.postJson(url("/collections/tourism/proposals"), body, "X-Forwarded-For", from);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.json().get("id").asString();
    }

    @Test
    void aReviewerRejectsOneProposalWithAReasonAndAcceptsAnotherFromTheViewer() throws Exception {
        JsonNode site = Http.get(url("/collections/tourism/items?category=homestay&limit=20"))
                .json()
                .get("features")
                .get(5);
        String id = site.get("id").asString();
        String was = site.get("properties").get("name").asString();
        String province = site.get("properties").get("province_code").asString();
        JsonNode at = site.get("geometry").get("coordinates");
        String name = "Reviewed " + Long.toHexString(System.nanoTime());
        String correction = proposed(
                "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"name\":\"" + name
                        + "\"},\"comment\":\"the new sign <img src=x onerror=window.xss=1>\"}",
                "198.51.100.21");
        String place = proposed(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                        + (at.get(0).asDouble() + 0.0007) + "," + at.get(1).asDouble() + "]},"
                        + "\"properties\":{\"name\":\"Not a homestay " + name + "\",\"category\":\"homestay\","
                        + "\"province_code\":\"" + province + "\"}}",
                "198.51.100.22");
        String gone = proposed(
                "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"website\":\"https://example.org/"
                        + name.replace(' ', '-') + "\"}}",
                "198.51.100.23");
        String reviewer = "rv-" + Long.toHexString(System.nanoTime());
        accounts.add(new Account(reviewer, Role.REVIEWER, List.of(province), Instant.now(), false));
        String password = Http.newPassword(url("/admin/accounts/" + reviewer + "/password"));
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#map=14/" + at.get(1).asDouble() + "/" + at.get(0).asDouble() + "&lang=en"));
            chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('account-button')"
                    + ".getAttribute('data-signed-in') === 'false'");
            browser.findElement(By.id("more-button")).click();
            browser.findElement(By.id("account-button")).click();
            browser.findElement(By.id("signin-name")).sendKeys(reviewer);
            browser.findElement(By.id("signin-password")).sendKeys(password);
            browser.findElement(By.cssSelector("#signin-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('review-start')");
            assertThat(browser.findElements(By.id("edit-start")))
                    .as("a reviewer reviews; it does not edit")
                    .isEmpty();
            browser.findElement(By.id("review-start")).click();
            String card = "[data-review='%s']";
            chromium.waitUntil("document.querySelector(\"" + card.formatted(correction) + " dd[data-property=name]\")"
                    + " && document.querySelector(\"" + card.formatted(place) + "\")"
                    + " && document.querySelector(\"" + card.formatted(gone) + "\")");
            assertThat(browser.findElement(By.cssSelector(card.formatted(correction) + " dd[data-property=name]"))
                            .getText())
                    .as("the name now, and the one proposed")
                    .isEqualTo(was + " → " + name);
            assertThat(browser.findElement(By.cssSelector(card.formatted(correction)))
                            .getText())
                    .as("the visitor's words shown as text, markup and all")
                    .contains("the new sign <img src=x onerror=window.xss=1>");
            assertThat(browser.executeScript(
                            "return window.xss === undefined" + " && !document.querySelector('#review-list img');"))
                    .as("nothing a visitor writes runs in the reviewer's page")
                    .isEqualTo(true);
            assertThat(browser.executeScript("return document.documentElement.scrollWidth;"))
                    .as("nothing wider than the phone")
                    .isEqualTo(360L);
            // a rejection needs a reason: asked for, nothing sent
            browser.findElement(By.cssSelector(card.formatted(place) + " [data-action=reject]"))
                    .click();
            assertThat(browser.findElement(By.cssSelector(card.formatted(place) + " .review-message"))
                            .getText())
                    .contains("reason");
            assertThat(proposal(place).get("status").asString()).isEqualTo("pending");
            browser.findElement(By.cssSelector(card.formatted(place) + " textarea"))
                    .sendKeys("It is a rice field");
            browser.findElement(By.cssSelector(card.formatted(place) + " [data-action=reject]"))
                    .click();
            chromium.waitUntil("document.querySelector(\"[data-decided='" + place + "']\")");
            // decided by someone else meanwhile: the reviewer is told so
            assertThat(Http.postJson(
                                    url("/proposals/" + gone + "/reject"),
                                    "{\"reason\":\"done by hand\"}",
                                    "Authorization",
                                    "Bearer " + Http.ADMIN_TOKEN)
                            .status())
                    .isEqualTo(200);
            browser.findElement(By.cssSelector(card.formatted(gone) + " [data-action=accept]"))
                    .click();
            chromium.waitUntil("document.querySelector(\"" + card.formatted(gone) + " .review-message\").textContent");
            assertThat(browser.findElement(By.cssSelector(card.formatted(gone) + " .review-message"))
                            .getText())
                    .contains("Someone else");
            browser.findElement(By.cssSelector(card.formatted(correction) + " [data-action=accept]"))
                    .click();
            chromium.waitUntil("document.querySelector(\"[data-decided='" + correction + "']\")");
            assertThat(browser.findElement(By.cssSelector("[data-decided='" + correction + "']"))
                            .getAttribute("data-status"))
                    .isEqualTo("accepted");
            assertThat(chromium.console()).noneMatch(m -> m.contains("Content Security Policy"));
        }
        JsonNode rejected = proposal(place);
        assertThat(rejected.get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.get("reason").asString()).isEqualTo("It is a rice field");
        assertThat(rejected.get("decidedBy").asString()).isEqualTo(reviewer);
        assertThat(proposal(correction).get("status").asString()).isEqualTo("accepted");
        assertThat(Http.get(url("/collections/tourism/items/" + id))
                        .json()
                        .get("properties")
                        .get("name")
                        .asString())
                .as("the public reads the accepted correction")
                .isEqualTo(name);
        assertThat(Http.get(
                                url("/collections/tourism/items/" + id + "/revisions"),
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .text())
                .contains(reviewer);
    }
}
