package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The planner and trace pages in headless Chromium: their scripts run against the server, and the
 * DOM they leave is checked (the same context as {@link GeoPackageNtmTest}, so no second start).
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.surveys.per-ip-per-hour=5",
            "ruralatlas.surveys.trusted-proxies=127.0.0.1"
        })
class NtmBrowserTest {

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void plannerDrawsTheProvinceTableTheChartAndTheCriterionChoices() throws Exception {
        String drawn = "document.querySelectorAll('#provinces tbody tr').length > 0"
                + " && document.querySelector('#chart svg') && document.querySelector('option[value=\"8.4\"]')";
        String page;
        String english;
        // a browser that asks for Vietnamese: on a first visit the planner follows the browser's languages
        try (Chromium chromium = new Chromium("1280,800", "--accept-lang=vi")) {
            page = chromium.dom(
                    url("/planner.html"),
                    drawn + " && document.getElementById('legend').textContent.includes('Tỉnh:')");
            english = chromium.dom(
                    url("/planner.html?lang=en"),
                    drawn + " && document.getElementById('legend').textContent.includes('Provinces:')");
        }
        Matcher body = Pattern.compile("<table id=\"provinces\">.*?<tbody>(.*?)</tbody>", Pattern.DOTALL)
                .matcher(page);
        assertThat(body.find()).as("the province table is filled").isTrue();
        assertThat(body.group(1).split("<tr[ >]", -1)).hasSize(34 + 1);
        assertThat(page)
                .contains(
                        "<td>Bắc Ninh</td>",
                        "<svg viewBox",
                        "ol-viewport",
                        "<option value=\"8.4\">",
                        "Ứng dụng công nghệ thông tin trong công tác quản lý, điều hành (số)");
        // the whole country: communes are not drawn below zoom 7, so provinces carry their shares
        assertThat(page).contains("Tỉnh: % xã đạt chuẩn NTM");
        // the same page in English, every word from the one dictionary
        assertThat(english)
                .contains(
                        "<html lang=\"en\"",
                        "Provinces: % of communes at NTM level",
                        "<td>Bắc Ninh</td>",
                        "<option value=\"8.4\">",
                        "Indicator 8.4: ",
                        "(digital)",
                        ">Province")
                .doesNotContain("Tỉnh: %", "Tiêu chí 1:");
    }

    @Test
    void plannerCommunePanelShowsCriteriaHistoryAndSatisfaction() throws Exception {
        String page;
        try (Chromium chromium = new Chromium("1280,800", "--accept-lang=vi")) {
            page = chromium.dom(
                    url("/planner.html?commune=07330"),
                    "document.getElementById('commune-body').textContent"
                            + ".includes('Mức hài lòng') && Number(document.getElementById('map').dataset.zoom) >= 9");
        }
        assertThat(page)
                .contains(
                        "<h2 id=\"commune-title\">Phúc Hoà (Bắc Ninh)</h2>",
                        "<h3>Tiêu chí</h3>",
                        "<h3>Trước 01/07/2025</h3>",
                        "national pilot e-commerce commune",
                        "Chỉ số suy ra (không phải công nhận)",
                        "Mức hài lòng",
                        "href=\"ntm/survey/07330\"");
        // the map went to the commune (Phúc Hoà lies about 106.16 E, 21.39 N)
        Matcher view = Pattern.compile("id=\"map\"[^>]*data-zoom=\"([0-9.]+)\" data-center=\"([0-9.]+),([0-9.]+)\"")
                .matcher(page);
        assertThat(view.find()).as("the map's view is on the page").isTrue();
        assertThat(Double.parseDouble(view.group(1))).isGreaterThanOrEqualTo(9);
        assertThat(Double.parseDouble(view.group(2))).isCloseTo(106.16, org.assertj.core.data.Offset.offset(0.1));
        assertThat(Double.parseDouble(view.group(3))).isCloseTo(21.39, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aResidentAnswersTheSurveyOnAPhoneSizedScreen() throws Exception {
        String b = "http://127.0.0.1:" + port;
        String commune = Http.get(b + "/collections/communes/items?unit_type=xa&province_code=20&limit=1")
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        int before = Http.get(b + "/ntm/survey/" + commune + "/results")
                .json()
                .get("responses")
                .asInt();
        try (Chromium chromium = new Chromium("412,900")) {
            ChromeDriver browser = chromium.browser();
            browser.get(b + "/ntm/survey/" + commune + "?lang=en");
            browser.findElement(By.cssSelector("input[name='overall'][value='4'] + span"))
                    .click();
            browser.findElement(By.cssSelector("input[name='environment'][value='2'] + span"))
                    .click();
            browser.findElement(By.cssSelector("#survey button")).click();
            chromium.waitUntil("document.getElementById('status').textContent.includes('Thank you')");
            assertThat(browser.findElement(By.id("status")).getText()).contains("Thank you", "(" + (before + 1) + ")");
            // the same phone again: refused, nothing counted twice
            browser.get(b + "/ntm/survey/" + commune + "?lang=en");
            browser.findElement(By.cssSelector("input[name='overall'][value='5'] + span"))
                    .click();
            browser.findElement(By.cssSelector("#survey button")).click();
            chromium.waitUntil("document.getElementById('status').textContent.includes('already answered')");
            assertThat(browser.findElement(By.id("status")).getText()).contains("already answered");
        }
        var results = Http.get(b + "/ntm/survey/" + commune + "/results").json();
        assertThat(results.get("responses").asInt()).isEqualTo(before + 1);
        assertThat(results.get("topic_means").get("environment").asDouble()).isEqualTo(2.0);
    }

    @Test
    void tracePageDrawsItsMap() throws Exception {
        String zone = Http.get("http://127.0.0.1:" + port + "/collections/zones/items?status=active&limit=1")
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("growing_area_code")
                .asString();
        String page;
        try (Chromium chromium = new Chromium("412,900")) {
            page = chromium.dom(url("/trace/" + zone), "document.querySelector('#trace-map .ol-viewport')");
        }
        assertThat(page).containsPattern("id=\"trace-map\"[^>]*><div class=\"ol-viewport");
    }
}
