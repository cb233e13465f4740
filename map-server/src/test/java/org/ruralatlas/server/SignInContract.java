package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import tools.jackson.databind.JsonNode;

/**
 * Browser sign-in, the same on every store: the session cookie's attributes, one answer for a
 * wrong password and an unknown account, the rate limits, CSRF on every write the cookie
 * authenticates (refused without the session's own token, data unchanged), sign-out, and public
 * reads that never make a session; an account changing its own password (CSRF, the current one
 * proven and rate-limited, a policy, hashed in the store, its other sessions ended). The servers trust X-Forwarded-* from 127.0.0.1 here, so that
 * each test can come from addresses of its own. Each test makes its own accounts.
 */
interface SignInContract {

    String url(String path);

    AccountStore accounts();

    String SITE = "site-0120";
    String OTHER_SITE = "site-0121";
    String NO_FORWARD = "";

    /** A request, with headers name, value, … (an empty value leaves the header out). */
    default Http.Reply call(String method, String path, String body, String... headers) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i + 1].isEmpty()) {
                kept.add(headers[i]);
                kept.add(headers[i + 1]);
            }
        }
        return Http.send(method, url(path), body == null ? "" : body, kept.toArray(String[]::new));
    }

    /** A new account with a password (set as an administrator does), its name. */
    default String account(Role role, String... provinces) {
        String name = role.id() + "-" + Long.toHexString(System.nanoTime());
        assertThat(accounts().add(new Account(name, role, List.of(provinces), Instant.now(), false)))
                .isTrue();
        return name;
    }

    default String password(String name) {
        Http.Reply r = call("POST", "/admin/accounts/" + name + "/password", null, "Authorization", admin());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).contains("no-store");
        return r.json().get("password").asString();
    }

    default String admin() {
        return "Bearer " + Http.ADMIN_TOKEN;
    }

    /** A signed-in session: the cookie to send back, and the CSRF token. */
    record Session(String cookie, String csrf, Http.Reply reply) {}

    default Http.Reply signInReply(String name, String password, String address, String... more) {
        String body = "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}";
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json", "X-Forwarded-For", address));
        headers.addAll(List.of(more));
        return call("POST", "/session", body, headers.toArray(String[]::new));
    }

    default Session signIn(String name, String password) {
        Http.Reply r = signInReply(name, password, "10.1." + (System.nanoTime() % 250) + ".1");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return new Session(
                cookie(r.headers()), r.json().get("csrf").get("token").asString(), r);
    }

    static String setCookie(HttpHeaders headers) {
        List<String> all = headers.allValues("Set-Cookie");
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    static String cookie(HttpHeaders headers) {
        return setCookie(headers).split(";", 2)[0];
    }

    default String etag(String site) {
        return Http.get(url("/collections/tourism/items/" + site)).header("ETag");
    }

    default String province(String site) {
        return Http.get(url("/collections/tourism/items/" + site))
                .json()
                .get("properties")
                .get("province_code")
                .asString();
    }

    default Http.Reply patchPhone(Session s, String csrf, String site, String phone, String... more) {
        List<String> headers = new ArrayList<>(List.of(
                "Cookie",
                s.cookie(),
                "If-Match",
                etag(site),
                "Content-Type",
                "application/merge-patch+json",
                "X-CSRF-TOKEN",
                csrf));
        headers.addAll(List.of(more));
        return call(
                "PATCH",
                "/collections/tourism/items/" + site,
                "{\"properties\": {\"phone\": \"" + phone + "\"}}",
                headers.toArray(String[]::new));
    }

    @Test
    default void signingInSetsAnHttpOnlySameSiteCookieAndPublicReadsSetNone() {
        for (String path : List.of(
                "/",
                "/session",
                "/collections/tourism/items?limit=2",
                "/collections/tourism/items/" + SITE,
                "/collections",
                "/collections?f=html",
                "/api",
                "/viewer.js")) {
            Http.Reply r = call("GET", path, null);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(call("GET", "/session", null).json().get("signedIn").asBoolean())
                .isFalse();
        String name = account(Role.EDITOR, province(SITE));
        Session s = signIn(name, password(name));
        String set = setCookie(s.reply().headers());
        assertThat(set).startsWith("ruralatlas_session=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(set).doesNotContain("Secure");
        assertThat(s.reply().header("Cache-Control")).contains("no-store");
        JsonNode me = s.reply().json();
        assertThat(me.get("name").asString()).isEqualTo(name);
        assertThat(me.get("role").asString()).isEqualTo("editor");
        assertThat(me.get("edits").asBoolean()).isTrue();
        assertThat(me.get("csrf").get("header").asString()).isEqualTo("X-CSRF-TOKEN");
        // the session answers who it is, with the same token; reads with the cookie make no new cookie
        Http.Reply again = call("GET", "/session", null, "Cookie", s.cookie());
        assertThat(again.json().get("name").asString()).isEqualTo(name);
        assertThat(again.json().get("csrf").get("token").asString()).isEqualTo(s.csrf());
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(call("GET", "/collections/tourism/items/" + SITE, null, "Cookie", s.cookie())
                        .headers()
                        .allValues("Set-Cookie"))
                .isEmpty();
        // behind TLS (a trusted proxy says so) the cookie is Secure
        Http.Reply tls = signInReply(name, password(name), "10.2.0.1", "X-Forwarded-Proto", "https");
        assertThat(tls.status()).isEqualTo(200);
        assertThat(setCookie(tls.headers())).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(tls.header("Strict-Transport-Security")).isNotNull();
    }

    @Test
    default void aWrongPasswordAndAnUnknownAccountGetTheSameAnswer() {
        String name = account(Role.EDITOR, "24");
        String password = password(name);
        String tokensOnly = account(Role.ADMIN);
        String disabled = account(Role.ADMIN);
        String disabledPassword = password(disabled);
        accounts().setDisabled(disabled, true);
        List<Http.Reply> refused = List.of(
                signInReply(name, password + "x", "10.3.0.1"),
                signInReply("nobody-" + System.nanoTime(), password, "10.3.0.2"),
                signInReply(tokensOnly, "anything-at-all", "10.3.0.3"),
                signInReply(disabled, disabledPassword, "10.3.0.4"),
                signInReply(name, "x".repeat(100), "10.3.0.5"),
                signInReply("../" + name, password, "10.3.0.6"));
        for (Http.Reply r : refused) {
            assertThat(r.status()).as(r.text()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
            assertThat(r.json().get("detail").asString()).isEqualTo("the account name or the password is wrong");
            assertThat(r.json().has("parameter")).isFalse();
        }
        // a password is the password: an API token of the account is none
        String token =
                accounts().issue(name, "t", Instant.now().plusSeconds(60)).secret();
        assertThat(signInReply(name, token, "10.3.0.7").status()).isEqualTo(401);
        // malformed bodies name the member
        Http.Reply bad = call("POST", "/session", "{\"name\": 3}", "Content-Type", "application/json");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("parameter").asString()).isEqualTo("name");
        // a form (what a page elsewhere can post without asking): refused, naming what is wrong
        Http.Reply form = call(
                "POST",
                "/session",
                "name=" + name + "&password=" + password,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(form.status()).isIn(400, 415);
        assertThat(form.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(call(
                                "POST",
                                "/session",
                                "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}",
                                "Content-Type",
                                "text/plain")
                        .status())
                .isEqualTo(415);
        assertThat(signInReply(name, password, "10.3.0.8").status()).isEqualTo(200);
    }

    @Test
    default void signInAttemptsAreLimitedPerAccountAndPerAddress() {
        String name = account(Role.EDITOR, "24");
        String password = password(name);
        // one account from many addresses: five tries, then 429 even with the right password
        for (int i = 0; i < 5; i++) {
            assertThat(signInReply(name, "wrong-" + i, "10.4.1." + i).status()).isEqualTo(401);
        }
        Http.Reply limited = signInReply(name, password, "10.4.1.99");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 15L * 60);
        assertThat(limited.headers().allValues("Set-Cookie")).isEmpty();
        // one address trying many accounts: twenty tries, then 429 for any account from there
        String address = "10.4.2." + (System.nanoTime() % 250);
        for (int i = 0; i < 20; i++) {
            assertThat(signInReply("guess-" + i + "-" + System.nanoTime(), "pw", address)
                            .status())
                    .isEqualTo(401);
        }
        String other = account(Role.EDITOR, "24");
        String otherPassword = password(other);
        assertThat(signInReply(other, otherPassword, address).status()).isEqualTo(429);
        // elsewhere that account still signs in, and a success gives its attempts back
        assertThat(signInReply(other, otherPassword, "10.4.3.1").status()).isEqualTo(200);
    }

    @Test
    default void aCookieWriteNeedsItsSessionsCsrfToken() {
        String code = province(SITE);
        String name = account(Role.EDITOR, code);
        Session s = signIn(name, password(name));
        String stranger = account(Role.EDITOR, code);
        Session other = signIn(stranger, password(stranger));
        String before = Http.get(url("/collections/tourism/items/" + SITE)).text();
        String etag = etag(SITE);
        List<Http.Reply> refused = new ArrayList<>(List.of(
                patchPhone(s, "", SITE, "0204 111 111"),
                patchPhone(s, other.csrf(), SITE, "0204 111 112"),
                patchPhone(s, "not-a-token", SITE, "0204 111 113"),
                // a page elsewhere: no token, and not its origin
                patchPhone(s, "", SITE, "0204 111 114", "Origin", "https://evil.example"),
                call(
                        "POST",
                        "/collections/tourism/items",
                        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.1,21.2]},"
                                + "\"properties\":{\"name\":\"x\",\"category\":\"homestay\",\"province_code\":\"" + code
                                + "\"}}",
                        "Cookie",
                        s.cookie(),
                        "Content-Type",
                        "application/geo+json"),
                call("DELETE", "/collections/tourism/items/" + SITE, null, "Cookie", s.cookie(), "If-Match", etag),
                call("POST", "/account/tokens", "{}", "Cookie", s.cookie(), "Content-Type", "application/json"),
                call("DELETE", "/session", null, "Cookie", s.cookie())));
        // other spellings of the same routes
        for (String path : List.of(
                "/collections/tourism/items/" + SITE + "/",
                "//collections/tourism/items/" + SITE,
                "/collections/./tourism/items/" + SITE,
                "/collections/tourism/items/%73ite-0120")) {
            refused.add(call(
                    "PATCH",
                    path,
                    "{\"properties\":{\"phone\":\"0204 9\"}}",
                    "Cookie",
                    s.cookie(),
                    "If-Match",
                    etag,
                    "Content-Type",
                    "application/merge-patch+json"));
        }
        for (Http.Reply r : refused) {
            assertThat(r.status()).as(r.text()).isBetween(400, 499).isNotEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(refused.subList(0, 8)).allSatisfy(r -> assertThat(r.status()).isEqualTo(403));
        assertThat(refused.get(0).json().get("detail").asString()).contains("X-CSRF-TOKEN");
        assertThat(Http.get(url("/collections/tourism/items/" + SITE)).text()).isEqualTo(before);
        assertThat(call("GET", "/session", null, "Cookie", s.cookie())
                        .json()
                        .get("signedIn")
                        .asBoolean())
                .as("still signed in")
                .isTrue();
        // with its own token the same write is done, and the audit names the account
        Http.Reply done = patchPhone(s, s.csrf(), SITE, "0204 222 333");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(Http.get(url("/collections/tourism/items/" + SITE))
                        .json()
                        .get("properties")
                        .get("phone")
                        .asString())
                .isEqualTo("0204 222 333");
        // a write that needs no account (a survey's answer) is anonymous whatever cookie comes with it: no token asked
        Http.Reply survey = call(
                "POST", "/ntm/survey/07330/responses", "{}", "Cookie", s.cookie(), "Content-Type", "application/json");
        assertThat(survey.status()).as(survey.text()).isBetween(400, 499).isNotEqualTo(403);
        assertThat(survey.text()).doesNotContain("CSRF");
        // (the public reads "a RuralAtlas account"; a signed-in caller the name)
        assertThat(call("GET", "/collections/tourism/items/" + SITE + "/revisions", null, "Cookie", s.cookie())
                        .text())
                .contains(name);
    }

    @Test
    default void aSignedInReaderOrAnEditorElsewhereWritesNothing() {
        String code = province(OTHER_SITE);
        String reviewer = account(Role.REVIEWER);
        Session r = signIn(reviewer, password(reviewer));
        assertThat(r.reply().json().get("edits").asBoolean()).isFalse();
        String elsewhere = account(Role.EDITOR, code.equals("24") ? "26" : "24");
        Session e = signIn(elsewhere, password(elsewhere));
        String before =
                Http.get(url("/collections/tourism/items/" + OTHER_SITE)).text();
        assertThat(patchPhone(r, r.csrf(), OTHER_SITE, "0204 000 001").status()).isEqualTo(403);
        assertThat(patchPhone(e, e.csrf(), OTHER_SITE, "0204 000 002").status()).isEqualTo(403);
        assertThat(call("GET", "/admin/accounts", null, "Cookie", r.cookie()).status())
                .isEqualTo(403);
        assertThat(Http.get(url("/collections/tourism/items/" + OTHER_SITE)).text())
                .isEqualTo(before);
    }

    @Test
    default void signingOutEndsTheSessionAndSigningInAgainChangesIt() {
        String name = account(Role.EDITOR, province(OTHER_SITE));
        String password = password(name);
        Session first = signIn(name, password);
        // signing in again from the same browser: a new session, the old id is worth nothing
        Http.Reply again = signInReply(name, password, "10.5.0.1", "Cookie", first.cookie());
        String second = cookie(again.headers());
        assertThat(second).isNotEqualTo(first.cookie());
        assertThat(call("GET", "/session", null, "Cookie", first.cookie())
                        .json()
                        .get("signedIn")
                        .asBoolean())
                .isFalse();
        String csrf = again.json().get("csrf").get("token").asString();
        Http.Reply out = call("DELETE", "/session", null, "Cookie", second, "X-CSRF-TOKEN", csrf);
        assertThat(out.status()).isEqualTo(204);
        assertThat(setCookie(out.headers())).startsWith("ruralatlas_session=;").contains("Max-Age=0");
        assertThat(call("GET", "/session", null, "Cookie", second)
                        .json()
                        .get("signedIn")
                        .asBoolean())
                .isFalse();
        String before =
                Http.get(url("/collections/tourism/items/" + OTHER_SITE)).text();
        Http.Reply stale = patchPhone(new Session(second, csrf, out), csrf, OTHER_SITE, "0204 555 555");
        assertThat(stale.status()).isEqualTo(401);
        assertThat(Http.get(url("/collections/tourism/items/" + OTHER_SITE)).text())
                .isEqualTo(before);
    }

    @Test
    default void aDisabledAccountsSessionEndsAtOnceAndBearerTokensNeedNoCsrfToken() {
        String name = account(Role.EDITOR, province(OTHER_SITE));
        Session s = signIn(name, password(name));
        String token = "Bearer "
                + accounts().issue(name, "t", Instant.now().plusSeconds(600)).secret();
        // a bearer token beside the cookie: the token decides, no CSRF token needed (as for every script)
        Http.Reply byToken = call(
                "PATCH",
                "/collections/tourism/items/" + OTHER_SITE,
                "{\"properties\":{\"phone\":\"0204 777 777\"}}",
                "Cookie",
                s.cookie(),
                "Authorization",
                token,
                "If-Match",
                etag(OTHER_SITE),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(byToken.status()).as(byToken.text()).isEqualTo(200);
        accounts().setDisabled(name, true);
        assertThat(call("GET", "/session", null, "Cookie", s.cookie())
                        .json()
                        .get("signedIn")
                        .asBoolean())
                .isFalse();
        assertThat(patchPhone(s, s.csrf(), OTHER_SITE, "0204 888 888").status()).isEqualTo(401);
    }

    default Http.Reply changePassword(String current, String chosen, String address, String... credentials) {
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json", "X-Forwarded-For", address));
        headers.addAll(List.of(credentials));
        return call(
                "POST",
                "/account/password",
                "{\"currentPassword\": \"" + current + "\", \"newPassword\": \"" + chosen + "\"}",
                headers.toArray(String[]::new));
    }

    default boolean signedIn(Session s) {
        return call("GET", "/session", null, "Cookie", s.cookie())
                .json()
                .get("signedIn")
                .asBoolean();
    }

    @Test
    default void anAccountChangesItsOwnPasswordAndItsOtherSessionsEnd() {
        String name = account(Role.EDITOR, "24");
        String old = password(name);
        Session mine = signIn(name, old);
        Session other = signIn(name, old);
        assertThat(mine.reply().json().get("account").asBoolean()).isTrue();
        String address = "10.6." + (System.nanoTime() % 250) + ".1";
        String chosen = "Đồi chè xanh 2026 " + name.hashCode();
        String hashBefore = accounts().passwordHash(name).orElseThrow();
        // the cookie alone changes nothing (CSRF), nor anonymity, nor the admin token (no account)
        List<Http.Reply> refused = List.of(
                changePassword(old, chosen, address, "Cookie", mine.cookie()),
                changePassword(old, chosen, address, "Cookie", mine.cookie(), "X-CSRF-TOKEN", other.csrf()),
                changePassword(old, chosen, address),
                changePassword(old, chosen, address, "Authorization", admin()));
        assertThat(refused).extracting(Http.Reply::status).containsExactly(403, 403, 401, 403);
        // weak passwords: 422 naming newPassword; a malformed body: 400 naming the member
        for (String weak :
                List.of("short-1", "aaaaaaaaaaaaaaaa", "x" + name + "-2026!", "ư".repeat(40) + "abcde", old)) {
            Http.Reply r = changePassword(old, weak, address, "Cookie", mine.cookie(), "X-CSRF-TOKEN", mine.csrf());
            assertThat(r.status()).as(weak + ": " + r.text()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("parameter").asString()).isEqualTo("newPassword");
        }
        Http.Reply malformed = call(
                "POST",
                "/account/password",
                "{\"currentPassword\": 3, \"newPassword\": \"x\"}",
                "Content-Type",
                "application/json",
                "Cookie",
                mine.cookie(),
                "X-CSRF-TOKEN",
                mine.csrf());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("parameter").asString()).isEqualTo("currentPassword");
        // a wrong current password: 403 naming it
        Http.Reply wrong =
                changePassword(old + "x", chosen, address, "Cookie", mine.cookie(), "X-CSRF-TOKEN", mine.csrf());
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.json().get("parameter").asString()).isEqualTo("currentPassword");
        assertThat(accounts().passwordHash(name).orElseThrow()).isEqualTo(hashBefore);
        assertThat(signedIn(mine) && signedIn(other)).isTrue();
        // the change: stored hashed, the old password is worth nothing, the other session has ended, this one stays
        Http.Reply done = changePassword(old, chosen, address, "Cookie", mine.cookie(), "X-CSRF-TOKEN", mine.csrf());
        assertThat(done.status()).as(done.text()).isEqualTo(204);
        String hash = accounts().passwordHash(name).orElseThrow();
        assertThat(hash).startsWith("$2").isNotEqualTo(hashBefore).doesNotContain(chosen);
        assertThat(signedIn(mine)).isTrue();
        assertThat(signedIn(other)).isFalse();
        assertThat(patchPhone(other, other.csrf(), OTHER_SITE, "0204 999 999").status())
                .isEqualTo(401);
        assertThat(signInReply(name, old, "10.6.0.9").status()).isEqualTo(401);
        Session again = signIn(name, chosen);
        // with an API token: no CSRF token needed, and every session of the account ends
        String token = "Bearer "
                + accounts().issue(name, "t", Instant.now().plusSeconds(600)).secret();
        String third = chosen + " mới";
        assertThat(changePassword(chosen, third, address, "Authorization", token)
                        .status())
                .isEqualTo(204);
        assertThat(signedIn(mine) || signedIn(again)).isFalse();
        assertThat(signIn(name, third).reply().json().get("name").asString()).isEqualTo(name);
    }

    @Test
    default void guessingTheCurrentPasswordIsLimitedAsSigningInIs() {
        String name = account(Role.EDITOR, "24");
        String password = password(name);
        Session s = signIn(name, password);
        String chosen = "Ruộng bậc thang " + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Http.Reply r =
                    changePassword("guess-" + i, chosen, "10.7.1." + i, "Cookie", s.cookie(), "X-CSRF-TOKEN", s.csrf());
            assertThat(r.status()).as(r.text()).isEqualTo(403);
        }
        Http.Reply limited =
                changePassword(password, chosen, "10.7.1.99", "Cookie", s.cookie(), "X-CSRF-TOKEN", s.csrf());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 15L * 60);
        // the same buckets as signing in: that account cannot sign in either now
        assertThat(signInReply(name, password, "10.7.2.1").status()).isEqualTo(429);
        assertThat(signedIn(s)).isTrue();
    }
}
