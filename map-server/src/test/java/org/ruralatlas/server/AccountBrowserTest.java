package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.issuer.TestIssuer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The account panel in headless Chromium at 360 × 640, with a province's identity provider
 * configured (a real issuer started here): "Sign in with …" goes through the issuer's own form and
 * comes back to the viewer signed in as {@code oidc:…}, with no password form (no password here);
 * an account signed in by password changes its password in the panel (a wrong current one and a
 * weak new one are said so), and the new one then signs in.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN})
class AccountBrowserTest {

    private static ConfigurableApplicationContext issuer;

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        issuer = TestIssuer.start();
        TestIssuer.viewerSignIn(registry, issuer, "Bac Ninh ID");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void openAccountPanel(Chromium chromium, ChromeDriver browser) {
        chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('account-button')");
        browser.findElement(By.id("more-button")).click();
        browser.findElement(By.id("account-button")).click();
    }

    @Test
    void signingInThroughTheProviderComesBackSignedInWithoutAPasswordForm() throws Exception {
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#lang=en"));
            chromium.waitUntil("RuralAtlas.testing.ready() && document.getElementById('account-button')"
                    + ".getAttribute('data-signed-in') === 'false'");
            openAccountPanel(chromium, browser);
            chromium.waitUntil("document.getElementById('signin-provider')");
            assertThat(browser.findElement(By.id("signin-provider")).getText()).isEqualTo("Sign in with Bac Ninh ID");
            browser.findElement(By.id("signin-provider")).click();
            // the issuer's own form
            chromium.waitUntil("document.getElementById('username')");
            assertThat(browser.getCurrentUrl()).startsWith(TestIssuer.url(issuer));
            browser.findElement(By.id("username")).sendKeys("editor24");
            browser.findElement(By.id("password")).sendKeys(TestIssuer.password("editor24"));
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            // back in the viewer, signed in
            chromium.waitUntil("location.href.startsWith('" + url("/") + "') && window.RuralAtlas"
                    + " && RuralAtlas.testing.ready() && document.getElementById('account-button')"
                    + ".getAttribute('data-signed-in') === 'true'");
            openAccountPanel(chromium, browser);
            chromium.waitUntil("document.getElementById('account-who')");
            assertThat(browser.findElement(By.id("account-who")).getText()).contains("oidc:staff-editor24", "editor");
            assertThat(browser.findElements(By.id("edit-start"))).hasSize(1);
            assertThat(browser.findElements(By.id("password-change"))).isEmpty();
        }
    }

    @Test
    void aPersonTheProviderGivesNoRoleIsToldSoInTheViewerAndNotSignedIn() throws Exception {
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#lang=en"));
            openAccountPanel(chromium, browser);
            chromium.waitUntil("document.getElementById('signin-provider')");
            browser.findElement(By.id("signin-provider")).click();
            chromium.waitUntil("document.getElementById('username')");
            browser.findElement(By.id("username")).sendKeys("norole");
            browser.findElement(By.id("password")).sendKeys(TestIssuer.password("norole"));
            browser.findElement(By.cssSelector("button[type=submit]")).click();
            // back in the viewer, in words, not a problem document; the reason taken out of the address
            chromium.waitUntil(
                    "location.href.startsWith('" + url("/") + "') && window.RuralAtlas"
                            + " && RuralAtlas.testing.ready() && !document.getElementById('notice').hidden"
                            + " && /no role in RuralAtlas|chưa được giao vai trò/.test(document.getElementById('notice').textContent)");
            assertThat(browser.getCurrentUrl()).doesNotContain("signin=");
            chromium.waitUntil("document.getElementById('account-button').getAttribute('data-signed-in') === 'false'");
            assertThat(browser.manage().getCookies()).noneMatch(c -> c.getName().equals("ruralatlas_session"));
        }
    }

    @Test
    void anAccountChangesItsPasswordInThePanel() throws Exception {
        String name = "panel-" + Long.toHexString(System.nanoTime());
        accounts.add(new Account(name, Role.EDITOR, List.of("24"), Instant.now(), false));
        String password = Http.newPassword(url("/admin/accounts/" + name + "/password"));
        String chosen = "Đồi chè xanh " + System.nanoTime();
        try (Chromium chromium = Chromium.phone()) {
            ChromeDriver browser = chromium.browser();
            browser.get(url("/#lang=en"));
            openAccountPanel(chromium, browser);
            chromium.waitUntil("document.getElementById('signin-form')");
            browser.findElement(By.id("signin-name")).sendKeys(name);
            browser.findElement(By.id("signin-password")).sendKeys(password);
            browser.findElement(By.cssSelector("#signin-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('password-change')");
            browser.findElement(By.cssSelector("#password-change summary")).click();
            browser.findElement(By.id("password-current")).sendKeys("not " + password);
            browser.findElement(By.id("password-new")).sendKeys(chosen);
            browser.findElement(By.cssSelector("#password-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('password-message').textContent.includes('wrong')");
            browser.findElement(By.id("password-current")).clear();
            browser.findElement(By.id("password-current")).sendKeys(password);
            browser.findElement(By.id("password-new")).clear();
            browser.findElement(By.id("password-new")).sendKeys("short");
            browser.findElement(By.cssSelector("#password-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('password-message').textContent.includes('weak')");
            browser.findElement(By.id("password-new")).clear();
            browser.findElement(By.id("password-new")).sendKeys(chosen);
            browser.findElement(By.cssSelector("#password-form button[type=submit]"))
                    .click();
            chromium.waitUntil("document.getElementById('password-message').textContent === ''"
                    + " && document.getElementById('password-new').value === ''");
        }
        assertThat(Http.postJson(url("/session"), "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}")
                        .status())
                .isEqualTo(401);
        assertThat(Http.postJson(url("/session"), "{\"name\": \"" + name + "\", \"password\": \"" + chosen + "\"}")
                        .status())
                .isEqualTo(200);
    }
}
