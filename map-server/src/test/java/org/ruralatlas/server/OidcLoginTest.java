package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.issuer.TestIssuer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The viewer's sign-in through a province's identity provider: the authorization-code flow with
 * PKCE against a real issuer started here (Spring Authorization Server), driven as a browser does
 * (following redirects, filling in the issuer's sign-in form, cookies kept per server). It ends in
 * the password sign-in's session cookie, whose writes need the session's CSRF token and stay
 * inside the provinces of the ID token's claims. Refused with no session (a page sent back to the
 * viewer with why, a script 401 problem+json): a tampered
 * state, a replayed code (in the same browser, and in a new flow), an ID token for another
 * audience or in another issuer's name, a person without a RuralAtlas role; parameters naming
 * another site never send the browser there.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcLoginTest {

    private static ConfigurableApplicationContext issuer;
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        issuer = TestIssuer.start();
        TestIssuer.viewerSignIn(registry, issuer, "Sở TT&TT Bắc Ninh");
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A browser: cookies kept per origin (host and port), redirects followed by hand. */
    static final class Browser {
        final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(String method, String at, String form) throws Exception {
            return send(method, at, form, "text/html,application/xhtml+xml,*/*;q=0.8");
        }

        /** As {@link #send(String, String, String)}, with this Accept (a script's, say). */
        HttpResponse<String> send(String method, String at, String form, String accept) throws Exception {
            URI uri = URI.create(at);
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .method(
                            method,
                            form == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(form));
            // as a browser navigates: the issuer sends only such requests to its sign-in form
            b.header("Accept", accept);
            if (form != null) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
            }
            String jar = cookieHeader(uri);
            if (!jar.isEmpty()) {
                b.header("Cookie", jar);
            }
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> mine = cookies.computeIfAbsent(origin(uri), k -> new LinkedHashMap<>());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String[] pair = set.split(";", 2)[0].split("=", 2);
                if (set.contains("Max-Age=0")) {
                    mine.remove(pair[0]);
                } else {
                    mine.put(pair[0], pair[1]);
                }
            }
            return r;
        }

        String cookieHeader(URI uri) {
            return String.join(
                    "; ",
                    cookies.getOrDefault(origin(uri), Map.of()).entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList());
        }

        static String origin(URI uri) {
            return uri.getHost() + ":" + uri.getPort();
        }

        static String location(HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isBetween(301, 303);
            return r.uri()
                    .resolve(r.headers().firstValue("Location").orElseThrow())
                    .toString();
        }
    }

    /**
     * Starts the flow at {@code start} and signs {@code person} in at the issuer; the URL where the
     * issuer sends the browser back to RuralAtlas (with code and state), not yet followed.
     */
    private String toCallback(Browser browser, String start, String person) throws Exception {
        String authorize = Browser.location(browser.send("GET", url(start), null));
        assertThat(authorize).startsWith(TestIssuer.url(issuer) + "/oauth2/authorize");
        assertThat(authorize).contains("code_challenge=", "code_challenge_method=S256", "nonce=", "state=");
        String login = Browser.location(browser.send("GET", authorize, null));
        assertThat(login).startsWith(TestIssuer.url(issuer) + "/login");
        String back = Browser.location(submitLogin(browser, login, person));
        String callback = Browser.location(browser.send("GET", back, null));
        assertThat(callback).startsWith(url("/login/oauth2/code/province?"));
        return callback;
    }

    /** Fills in and posts the issuer's sign-in form at {@code login} (with the form's CSRF token). */
    private static HttpResponse<String> submitLogin(Browser browser, String login, String person) throws Exception {
        String form = browser.send("GET", login, null).body();
        assertThat(form).contains("name=\"username\"", "name=\"password\"");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(form);
        return browser.send(
                "POST",
                TestIssuer.url(issuer) + "/login",
                "username=" + person + "&password="
                        + URLEncoder.encode(TestIssuer.password(person), StandardCharsets.UTF_8)
                        + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : ""));
    }

    private JsonNode session(Browser browser) throws Exception {
        return Http.get(url("/session"), "Cookie", browser.cookieHeader(URI.create(url("/"))))
                .json();
    }

    private String farmName(String farm) {
        return Http.get(url("/collections/farms/items/" + farm))
                .json()
                .get("properties")
                .get("name")
                .asString();
    }

    private Http.Reply rename(Browser browser, String farm, String csrf, String name) {
        List<String> headers = new java.util.ArrayList<>(List.of(
                "Cookie",
                browser.cookieHeader(URI.create(url("/"))),
                "If-Match",
                Http.get(url("/collections/farms/items/" + farm)).header("ETag"),
                "Content-Type",
                "application/merge-patch+json"));
        if (csrf != null) {
            headers.addAll(List.of("X-CSRF-TOKEN", csrf));
        }
        return Http.send(
                "PATCH",
                url("/collections/farms/items/" + farm),
                "{\"properties\":{\"name\":\"" + name + "\"}}",
                headers.toArray(String[]::new));
    }

    @Test
    void anEditorSignsInThroughTheIssuerAndWritesWithTheSessionsCsrfToken() throws Exception {
        JsonNode anonymous = Http.get(url("/session")).json();
        assertThat(anonymous.get("signedIn").asBoolean()).isFalse();
        assertThat(anonymous.get("signInWith").get("name").asString()).isEqualTo("Sở TT&TT Bắc Ninh");
        assertThat(anonymous.get("signInWith").get("href").asString()).isEqualTo("/oauth2/authorization/province");
        Browser browser = new Browser();
        String callback = toCallback(browser, "/oauth2/authorization/province", "editor24");
        String before = browser.cookieHeader(URI.create(url("/")));
        HttpResponse<String> done = browser.send("GET", callback, null);
        // back to the viewer, on this server, with a new session id in the password sign-in's cookie
        assertThat(Browser.location(done)).isEqualTo(url("/"));
        String set = done.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith("ruralatlas_session=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(browser.cookieHeader(URI.create(url("/")))).isNotEqualTo(before);
        JsonNode me = session(browser);
        assertThat(me.get("signedIn").asBoolean()).isTrue();
        assertThat(me.get("name").asString()).isEqualTo("oidc:staff-editor24");
        assertThat(me.get("role").asString()).isEqualTo("editor");
        assertThat(me.get("provinces").get(0).asString()).isEqualTo("24");
        assertThat(me.get("edits").asBoolean()).isTrue();
        String csrf = me.get("csrf").get("token").asString();
        // the cookie alone writes nothing; with the session's token, inside its province only
        String farm = EditContract.FARM_24;
        String name = farmName(farm);
        assertThat(rename(browser, farm, null, "Không có token").status()).isEqualTo(403);
        assertThat(rename(browser, farm, "forged", "Token giả").status()).isEqualTo(403);
        assertThat(farmName(farm)).isEqualTo(name);
        Http.Reply written = rename(browser, farm, csrf, "Trang trại đăng nhập OIDC");
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        assertThat(farmName(farm)).isEqualTo("Trang trại đăng nhập OIDC");
        JsonNode revisions = Http.get(
                        url("/collections/farms/items/" + farm + "/revisions"),
                        "Cookie",
                        browser.cookieHeader(URI.create(url("/"))))
                .json()
                .get("revisions");
        assertThat(revisions.get(revisions.size() - 1).get("actor").asString()).isEqualTo("oidc:staff-editor24");
        String elsewhere = farmName(EditContract.FARM_19);
        assertThat(rename(browser, EditContract.FARM_19, csrf, "Không được").status())
                .isEqualTo(403);
        assertThat(farmName(EditContract.FARM_19)).isEqualTo(elsewhere);
        // signing out ends it
        Http.Reply out = Http.send(
                "DELETE",
                url("/session"),
                "",
                "Cookie",
                browser.cookieHeader(URI.create(url("/"))),
                "X-CSRF-TOKEN",
                csrf);
        assertThat(out.status()).isEqualTo(204);
        assertThat(session(browser).get("signedIn").asBoolean()).isFalse();
    }

    /** A page's sign-in refused: back to the viewer, which says why ({@code /?signin=why}), and nothing signed in. */
    private void refused(Browser browser, HttpResponse<String> r, String why) throws Exception {
        assertThat(Browser.location(r)).isEqualTo(url("/?signin=" + why));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        assertThat(r.headers().allValues("Set-Cookie").stream().filter(c -> !c.contains("Max-Age=0")))
                .isEmpty();
        assertThat(session(browser).get("signedIn").asBoolean()).isFalse();
    }

    /** A script's sign-in refused: 401 problem+json saying why, no stack trace, nothing signed in. */
    private void refusedScript(Browser browser, HttpResponse<String> r, String detail) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains(detail).doesNotContain("Exception", "at org.");
        assertThat(r.headers().allValues("Set-Cookie").stream().filter(c -> !c.contains("Max-Age=0")))
                .isEmpty();
        assertThat(session(browser).get("signedIn").asBoolean()).isFalse();
    }

    @Test
    void aTamperedStateAReplayedCodeAndForeignIdTokensAreRefused() throws Exception {
        // a state that is not the one this browser was given
        Browser tampered = new Browser();
        String callback = toCallback(tampered, "/oauth2/authorization/province", "editor24");
        refused(tampered, tampered.send("GET", callback.replaceAll("state=[^&]+", "state=forged"), null), "failed");
        // a code used once is worth nothing again: the same browser's callback replayed
        Browser first = new Browser();
        String used = toCallback(first, "/oauth2/authorization/province", "editor24");
        assertThat(first.send("GET", used, null).statusCode()).isEqualTo(302);
        assertThat(session(first).get("signedIn").asBoolean()).isTrue();
        HttpResponse<String> again = first.send("GET", used, null, "application/json");
        assertThat(again.statusCode()).isEqualTo(401);
        // … nor in a new flow: that flow's own state, the used code
        Browser thief = new Browser();
        String own = toCallback(thief, "/oauth2/authorization/province", "editor24");
        String code = used.replaceAll(".*[?&]code=([^&]+).*", "$1");
        refused(thief, thief.send("GET", own.replaceAll("code=[^&]+", "code=" + code), null), "failed");
        // ID tokens made out for another client, or in another issuer's name; a person without a role: a page goes
        // back to the viewer with why, a script reads it
        for (String person : List.of("wrongaud", "wrongiss", "norole")) {
            boolean noRole = person.equals("norole");
            Browser page = new Browser();
            refused(
                    page,
                    page.send("GET", toCallback(page, "/oauth2/authorization/province", person), null),
                    noRole ? "norole" : "failed");
            Browser script = new Browser();
            refusedScript(
                    script,
                    script.send(
                            "GET",
                            toCallback(script, "/oauth2/authorization/province", person),
                            null,
                            "application/json"),
                    noRole ? "no RuralAtlas role" : "invalid_id_token");
        }
    }

    @Test
    void theBrowserIsSentBackToTheViewerNeverWhereAParameterSays() throws Exception {
        String evil = URLEncoder.encode("https://evil.example/login/oauth2/code/province", StandardCharsets.UTF_8);
        Browser browser = new Browser();
        String callback = toCallback(
                browser,
                "/oauth2/authorization/province?redirect_uri=" + evil + "&continue=" + evil + "&redirect=" + evil,
                "editor24");
        HttpResponse<String> done = browser.send("GET", callback + "&redirect_uri=" + evil + "&continue=" + evil, null);
        assertThat(Browser.location(done)).isEqualTo(url("/"));
        // an authorization request altered to come back elsewhere: the issuer sends nobody there
        Browser other = new Browser();
        String authorize = Browser.location(other.send("GET", url("/oauth2/authorization/province"), null));
        String altered = authorize.replaceAll("redirect_uri=[^&]+", "redirect_uri=" + evil);
        HttpResponse<String> login = other.send("GET", altered, null);
        String next = login.headers().firstValue("Location").orElse("");
        if (next.contains("/login")) {
            Browser.location(submitLogin(other, login.uri().resolve(next).toString(), "editor24"));
            login = other.send("GET", altered, null);
        }
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("evil.example");
        assertThat(login.statusCode()).isBetween(400, 499);
    }
}
