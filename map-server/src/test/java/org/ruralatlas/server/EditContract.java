package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.tiles.TileCoord;
import tools.jackson.databind.JsonNode;

/**
 * Accounts, tokens and the writes of OGC API – Features Part 4 with their audit, the same on
 * every store: who may write what and where (401, 403 by role and by province, on every spelling
 * of the path), optimistic locking (428, 412, exactly one of concurrent writers with one ETag),
 * every schema problem listed (422), hostile bodies refused with the table unchanged (counted and
 * hashed), tiles fresh within a second of a write, and every change in the feature's revisions,
 * restorable. Each test makes its own accounts, so they run in any order.
 */
interface EditContract {

    String url(String path);

    /** The store's accounts, to make accounts the way the command line does. */
    AccountStore accounts();

    /** Tries to change the audit's rows straight in the store; must throw (the audit is append-only). */
    void rewriteAudit() throws Exception;

    String FARM_24 = "farm-00001";
    String FARM_19 = "farm-00201";

    HttpClient CLIENT = HttpClient.newHttpClient();

    /** A request with a body (null: none) and headers name, value, … */
    default Http.Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new account with this role (and provinces), and its token's Authorization header value. */
    default String bearer(Role role, String... provinces) {
        String name = role.id() + "-" + Long.toHexString(System.nanoTime());
        assertThat(accounts().add(new Account(name, role, List.of(provinces), Instant.now(), false)))
                .isTrue();
        return "Bearer "
                + accounts()
                        .issue(name, "test", Instant.now().plusSeconds(3600))
                        .secret();
    }

    default String etag(String layer, String id) {
        Http.Reply r = Http.get(url("/collections/" + layer + "/items/" + id));
        assertThat(r.status()).isEqualTo(200);
        return r.header("ETag");
    }

    default JsonNode item(String layer, String id) {
        return Http.get(url("/collections/" + layer + "/items/" + id)).json();
    }

    /** The count and a digest of every feature of the layer, as the API serves them. */
    default String state(String layer) {
        JsonNode doc =
                Http.get(url("/collections/" + layer + "/items?limit=10000")).json();
        return doc.get("features").size() + " " + Sha256.hex(doc.get("features").toString(), 16);
    }

    /** The status of a JSON Merge Patch, with the problem's text when refused (for the failure message). */
    default String patch(String auth, String layer, String id, String etag, String body) {
        Http.Reply r = send(
                "PATCH",
                "/collections/" + layer + "/items/" + id,
                body,
                "Authorization",
                auth,
                "If-Match",
                etag,
                "Content-Type",
                "application/merge-patch+json");
        if (r.status() >= 400) {
            System.out.println("PATCH " + layer + "/" + id + " -> " + r.status() + " " + r.text());
        }
        return r.status() + "";
    }

    // accounts and tokens

    @Test
    default void anAccountsTokenIsShownOnceListedWithoutItsSecretAndRevocable() {
        String editor = bearer(Role.EDITOR, "24");
        assertThat(Http.get(url("/account")).status()).isEqualTo(401);
        JsonNode me = Http.get(url("/account"), "Authorization", editor).json();
        assertThat(me.get("role").asString()).isEqualTo("editor");
        assertThat(me.get("provinces").get(0).asString()).isEqualTo("24");
        Http.Reply created = Http.postJson(
                url("/account/tokens"), "{\"label\": \"etl\", \"expiresInDays\": 7}", "Authorization", editor);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String secret = created.json().get("token").asString();
        assertThat(secret).startsWith("ra_").hasSizeGreaterThanOrEqualTo(3 + 43);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).endsWith("/account/tokens/" + id);
        Http.Reply list = Http.get(url("/account/tokens"), "Authorization", "Bearer " + secret);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).doesNotContain(secret).contains("etl");
        assertThat(Http.delete(url("/account/tokens/" + id), "Authorization", editor)
                        .status())
                .isEqualTo(204);
        Http.Reply refused = Http.get(url("/account"), "Authorization", "Bearer " + secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(Http.delete(url("/account/tokens/" + id), "Authorization", editor)
                        .status())
                .isEqualTo(404);
        assertThat(Http.postJson(url("/account/tokens"), "{\"expiresInDays\": 100000}", "Authorization", editor)
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("expiresInDays");
    }

    @Test
    default void expiredTokensAndDisabledAccountsAreRefused() {
        String name = "expiring-" + Long.toHexString(System.nanoTime());
        accounts().add(new Account(name, Role.ADMIN, List.of(), Instant.now(), false));
        String expired =
                accounts().issue(name, "old", Instant.now().minusSeconds(1)).secret();
        assertThat(Http.get(url("/account"), "Authorization", "Bearer " + expired)
                        .status())
                .isEqualTo(401);
        String fresh = "Bearer "
                + accounts().issue(name, "new", Instant.now().plusSeconds(600)).secret();
        assertThat(Http.get(url("/account"), "Authorization", fresh).status()).isEqualTo(200);
        Http.Reply disabled = send(
                "PATCH",
                "/admin/accounts/" + name,
                "{\"disabled\": true}",
                "Authorization",
                "Bearer " + Http.ADMIN_TOKEN,
                "Content-Type",
                "application/json");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(Http.get(url("/account"), "Authorization", fresh).status()).isEqualTo(401);
    }

    @Test
    default void theAdministratorAddsAccountsAndNobodyElseDoes() {
        String editor = bearer(Role.EDITOR, "24");
        String body = "{\"name\": \"ed-" + Long.toHexString(System.nanoTime())
                + "\", \"role\": \"editor\", \"provinces\": [\"24\", \"26\"]}";
        assertThat(Http.postJson(url("/admin/accounts"), body).status()).isEqualTo(401);
        assertThat(Http.postJson(url("/admin/accounts"), body, "Authorization", editor)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/admin/accounts"), "Authorization", editor).status())
                .isEqualTo(403);
        Http.Reply added = Http.postJson(url("/admin/accounts"), body, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(added.status()).isEqualTo(201);
        String token = added.json().get("token").get("token").asString();
        assertThat(Http.get(url("/account"), "Authorization", "Bearer " + token)
                        .json()
                        .get("provinces")
                        .toString())
                .isEqualTo("[\"24\",\"26\"]");
        assertThat(Http.postJson(url("/admin/accounts"), body, "Authorization", "Bearer " + Http.ADMIN_TOKEN)
                        .status())
                .isEqualTo(409);
        Http.Reply noProvinces = Http.postJson(
                url("/admin/accounts"),
                "{\"name\": \"x1\", \"role\": \"editor\"}",
                "Authorization",
                "Bearer " + Http.ADMIN_TOKEN);
        assertThat(noProvinces.status()).isEqualTo(400);
        assertThat(noProvinces.json().get("parameter").asString()).isEqualTo("provinces");
        // an admin account administers as the admin token does
        String admin = bearer(Role.ADMIN);
        assertThat(Http.get(url("/admin/accounts"), "Authorization", admin).status())
                .isEqualTo(200);
    }

    // who may write

    /** Other spellings of the write routes, each refused without credentials before anything is written. */
    List<String> WRITE_SPELLINGS = List.of(
            "/collections/farms/items",
            "/%63ollections/farms/items",
            "/collections/%66arms/items",
            "/collections/farms/%69tems",
            "/collections/farms/items/",
            "/collections/farms;x=y/items",
            "/collections/farms/items;",
            "/COLLECTIONS/farms/items",
            "/collections//farms/items",
            "/collections/./farms/items",
            "/collections/x/../farms/items",
            "/collections/farms%2Fitems",
            "/collections/farms/items/" + FARM_24,
            "/%63ollections/farms/items/" + FARM_24,
            "/collections/farms/items/%66arm-00001",
            "/collections/farms/items/" + FARM_24 + ";x",
            "/collections/farms/items/" + FARM_24 + "/");

    @Test
    default void everyWriteNeedsAnEditorOrAnAdminOnEverySpellingOfItsPath() {
        String before = state("farms");
        String reviewer = bearer(Role.REVIEWER);
        List<String> reached = new ArrayList<>();
        String feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.2,21.2]},"
                + "\"properties\":{\"name\":\"x\",\"province_code\":\"24\"}}";
        for (String path : WRITE_SPELLINGS) {
            for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
                for (String auth :
                        new String[] {null, reviewer, "Bearer ra_not-a-token", "Bearer " + Http.ADMIN_TOKEN + "x"}) {
                    List<String> h = new ArrayList<>(List.of("Content-Type", "application/geo+json", "If-Match", "*"));
                    if (auth != null) {
                        h.addAll(List.of("Authorization", auth));
                    }
                    Http.Reply r =
                            send(method, path, method.equals("DELETE") ? null : feature, h.toArray(String[]::new));
                    if (r.status() < 400
                            || r.status() >= 500
                            || !r.contentType().startsWith("application/problem+json")) {
                        reached.add(method + " " + path + " " + auth + " -> " + r.status() + " " + r.text());
                    }
                    if (path.equals("/%63ollections/farms/items") && auth == null) {
                        assertThat(r.status()).as(method + " " + path).isEqualTo(401);
                    }
                    if (path.equals("/%63ollections/farms/items") && reviewer.equals(auth)) {
                        assertThat(r.status()).as(method + " " + path).isEqualTo(403);
                    }
                }
            }
        }
        assertThat(reached).isEmpty();
        assertThat(state("farms")).isEqualTo(before);
    }

    @Test
    default void anEditorWritesOnlyInsideItsProvincesBeforeAndAfter() {
        String editor = bearer(Role.EDITOR, "24");
        String elsewhere = bearer(Role.EDITOR, "26");
        JsonNode far = item("farms", FARM_19).get("geometry");
        String before = state("farms");
        // outside its provinces: the feature as it is
        assertThat(patch(elsewhere, "farms", FARM_24, etag("farms", FARM_24), "{\"properties\":{\"name\":\"Nope\"}}"))
                .isEqualTo("403");
        assertThat(patch(editor, "farms", FARM_19, etag("farms", FARM_19), "{\"properties\":{\"name\":\"Nope\"}}"))
                .isEqualTo("403");
        // moving its own feature out of its provinces, or relabelling it as another's
        assertThat(patch(
                        editor,
                        "farms",
                        FARM_24,
                        etag("farms", FARM_24),
                        "{\"geometry\":" + far + ",\"properties\":{\"province_code\":\"19\"}}"))
                .isEqualTo("403");
        assertThat(patch(
                        editor,
                        "farms",
                        FARM_24,
                        etag("farms", FARM_24),
                        "{\"properties\":{\"province_code\":\"19\"}}"))
                .isIn("403", "422");
        assertThat(send(
                                "DELETE",
                                "/collections/farms/items/" + FARM_19,
                                null,
                                "Authorization",
                                editor,
                                "If-Match",
                                etag("farms", FARM_19))
                        .status())
                .isEqualTo(403);
        Http.Reply created = send(
                "POST",
                "/collections/farms/items",
                "{\"type\":\"Feature\",\"geometry\":" + far
                        + ",\"properties\":{\"name\":\"Elsewhere\",\"province_code\":\"19\"}}",
                "Authorization",
                editor,
                "Content-Type",
                "application/geo+json");
        assertThat(created.status()).isEqualTo(403);
        assertThat(created.json().get("detail").asString()).contains("19");
        assertThat(state("farms")).isEqualTo(before);
    }

    // optimistic locking

    @Test
    default void itemsCarryAStrongEtagThatWritesMustNameCurrently() {
        String editor = bearer(Role.EDITOR, "24");
        Http.Reply first = Http.get(url("/collections/farms/items/" + FARM_24 + "?f=json"));
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");
        assertThat(Http.get(url("/collections/farms/items/" + FARM_24), "If-None-Match", etag)
                        .status())
                .isEqualTo(304);
        assertThat(Http.get(url("/collections/farms/items/" + FARM_24 + "?f=html"))
                        .header("ETag"))
                .isNotEqualTo(etag);
        Http.Reply without = send(
                "PATCH",
                "/collections/farms/items/" + FARM_24,
                "{\"properties\":{\"name\":\"A\"}}",
                "Authorization",
                editor,
                "Content-Type",
                "application/merge-patch+json");
        assertThat(without.status()).isEqualTo(428);
        assertThat(without.json().get("parameter").asString()).isEqualTo("If-Match");
        assertThat(patch(editor, "farms", FARM_24, "W/" + etag, "{\"properties\":{\"name\":\"A\"}}"))
                .as("weak tags never match")
                .isEqualTo("412");
        Http.Reply ok = send(
                "PATCH",
                "/collections/farms/items/" + FARM_24,
                "{\"properties\":{\"name\":\"Trang trại Khóa Lạc Quan\"}}",
                "Authorization",
                editor,
                "If-Match",
                etag,
                "Content-Type",
                "application/merge-patch+json");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("properties").get("name").asString()).isEqualTo("Trang trại Khóa Lạc Quan");
        assertThat(ok.json().get("properties").get("main_product").asString()).isEqualTo("vai_thieu");
        assertThat(ok.header("ETag")).isNotEqualTo(etag).isEqualTo(etag("farms", FARM_24));
        Http.Reply stale = send(
                "PATCH",
                "/collections/farms/items/" + FARM_24,
                "{\"properties\":{\"name\":\"B\"}}",
                "Authorization",
                editor,
                "If-Match",
                etag,
                "Content-Type",
                "application/merge-patch+json");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(item("farms", FARM_24).get("properties").get("name").asString())
                .isEqualTo("Trang trại Khóa Lạc Quan");
        // a write of another feature leaves this one's tag alone
        String site = etag("tourism", "site-0216");
        assertThat(patch(editor, "tourism", "site-0216", site, "{\"properties\":{\"phone\":\"0204 3 123 456\"}}"))
                .isEqualTo("200");
        assertThat(etag("farms", FARM_24)).isEqualTo(ok.header("ETag"));
    }

    @Test
    default void ofEightConcurrentPatchesWithOneEtagExactlyOneSucceeds() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String id = "farm-00002";
        String etag = etag("farms", id);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String name = "Trang trại Đồng Thời " + i;
            answers.add(pool.submit(() -> {
                start.await();
                return patch(editor, "farms", id, etag, "{\"properties\":{\"name\":\"" + name + "\"}}");
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> a : answers) {
            statuses.add(a.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly("200", "412");
        assertThat(statuses.stream().filter("200"::equals).count())
                .as(statuses.toString())
                .isEqualTo(1);
        String winner = item("farms", id).get("properties").get("name").asString();
        assertThat(winner).startsWith("Trang trại Đồng Thời ");
        JsonNode revisions = Http.get(url("/collections/farms/items/" + id + "/revisions"))
                .json()
                .get("revisions");
        assertThat(revisions.size()).isEqualTo(1);
        assertThat(revisions.get(0).get("after").get("properties").get("name").asString())
                .isEqualTo(winner);
    }

    // what is written

    @Test
    default void aNewFeatureIsCreatedWhereItsLocationSaysAndReadBackAsSent() {
        String editor = bearer(Role.EDITOR, "24");
        JsonNode near = item("farms", FARM_24).get("geometry").get("coordinates");
        String body = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + near.get(0).asDouble() + ","
                + near.get(1).asDouble()
                + "]},\"properties\":{\"name\":\"Hợp tác xã Vải Thiều Mới\",\"owner_type\":\"cooperative\","
                + "\"main_product\":\"vai_thieu\",\"area_ha\":12.5,\"certifications\":[\"VietGAP\"],\"ocop_stars\":4,\"province_code\":\"24\","
                + "\"ocop_products\":[{\"name\":\"Vải sấy\",\"stars\":4}]}}";
        Http.Reply r = send(
                "POST",
                "/collections/farms/items",
                body,
                "Authorization",
                editor,
                "Content-Type",
                "application/geo+json");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        String location = r.header("Location");
        assertThat(location).contains("/collections/farms/items/farms-");
        Http.Reply back = Http.get(location);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.header("ETag")).isEqualTo(r.header("ETag"));
        JsonNode p = back.json().get("properties");
        assertThat(p.get("name").asString()).isEqualTo("Hợp tác xã Vải Thiều Mới");
        assertThat(p.get("certifications").get(0).asString()).isEqualTo("VietGAP");
        assertThat(p.get("ocop_products").get(0).get("stars").asInt()).isEqualTo(4);
        assertThat(p.get("area_ha").asDouble()).isEqualTo(12.5);
        String id = back.json().get("id").asString();
        assertThat(send(
                                "POST",
                                "/collections/farms/items",
                                body.replace("{\"name\"", "{\"farm_id\":\"" + id + "\",\"name\""),
                                "Authorization",
                                editor,
                                "Content-Type",
                                "application/geo+json")
                        .status())
                .as("the id is taken")
                .isEqualTo(409);
    }

    @Test
    default void everyProblemOfABodyIsListedByProperty() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        String before = state("farms");
        String body =
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[106,21],[106.1,21.1]]},"
                        + "\"properties\":{\"owner_type\":\"pirate\",\"area_ha\":\"big\",\"ocop_stars\":9,\"colour\":\"red\","
                        + "\"certifications\":[\"VietGAP\", 3],\"province_code\":\"24\"}}";
        Http.Reply r = send(
                "POST",
                "/collections/farms/items",
                body,
                "Authorization",
                admin,
                "Content-Type",
                "application/geo+json");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> properties = new ArrayList<>();
        r.json().get("errors").forEach(e -> properties.add(e.get("property").asString()));
        assertThat(properties)
                .containsExactlyInAnyOrder(
                        "owner_type", "area_ha", "ocop_stars", "colour", "certifications", "name", "geometry");
        // outside Vietnam, an invalid polygon, a point in another province than its province_code
        Map<String, String> geometries = Map.of(
                "{\"type\":\"Point\",\"coordinates\":[2.35,48.85]}", "not inside Vietnam",
                "{\"type\":\"Polygon\",\"coordinates\":[[[106,21],[106.1,21.1],[106.1,21],[106,21.1],[106,21]]]}",
                        "not valid",
                "{\"type\":\"Point\",\"coordinates\":[106.2,\"x\"]}", "geometry",
                "{\"type\":\"Point\",\"coordinates\":[500,21]}", "CRS84");
        geometries.forEach((geometry, why) -> {
            Http.Reply bad = send(
                    "POST",
                    "/collections/farms/items",
                    "{\"type\":\"Feature\",\"geometry\":" + geometry
                            + ",\"properties\":{\"name\":\"x\",\"province_code\":\"24\"}}",
                    "Authorization",
                    admin,
                    "Content-Type",
                    "application/geo+json");
            assertThat(bad.status()).as(geometry).isEqualTo(422);
            assertThat(bad.json().get("errors").get(0).get("property").asString())
                    .isEqualTo("geometry");
            assertThat(bad.text()).as(geometry).contains(why);
        });
        JsonNode far = item("farms", FARM_19).get("geometry");
        Http.Reply mislabelled = send(
                "POST",
                "/collections/farms/items",
                "{\"type\":\"Feature\",\"geometry\":" + far
                        + ",\"properties\":{\"name\":\"x\",\"province_code\":\"24\"}}",
                "Authorization",
                admin,
                "Content-Type",
                "application/geo+json");
        assertThat(mislabelled.status()).as(mislabelled.text()).isEqualTo(422);
        assertThat(mislabelled.json().get("errors").size())
                .as(mislabelled.text())
                .isEqualTo(1);
        assertThat(mislabelled.json().get("errors").get(0).get("property").asString())
                .isEqualTo("province_code");
        Http.Reply tourism = send(
                "POST",
                "/collections/tourism/items",
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[106,21],[106.1,21],[106.1,21.1],[106,21]]]},\"properties\":{\"name\":\"x\",\"category\":\"homestay\",\"province_code\":\"24\"}}",
                "Authorization",
                admin,
                "Content-Type",
                "application/geo+json");
        assertThat(tourism.status()).isEqualTo(422);
        assertThat(tourism.text()).contains("Polygon is not a geometry of tourism");
        assertThat(state("farms")).isEqualTo(before);
    }

    @Test
    default void hostileBodiesAreRefusedAndLeaveTheTableAsItWas() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        String farms = state("farms");
        String tourism = state("tourism");
        String etag = etag("farms", FARM_24);
        String point = "{\"type\":\"Point\",\"coordinates\":[106.2,21.2]}";
        Map<String, Integer> bodies = new java.util.LinkedHashMap<>();
        bodies.put(
                "{\"type\":\"Feature\",\"id\":\"x'; DROP TABLE farms; --\",\"geometry\":" + point
                        + ",\"properties\":{\"name\":\"x\"}}",
                422);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":" + point
                        + ",\"properties\":{\"name\":\"x\",\"province_code\":\"24\",\"geom\":\"0101\"}}",
                422);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":" + point
                        + ",\"properties\":{\"name\\\"; DELETE FROM farms; --\":\"x\"}}",
                422);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":" + point
                        + ",\"properties\":{\"name\":\"a\\u0000b\",\"province_code\":\"24\"}}",
                422);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":" + point + ",\"properties\":{\"name\":\"" + "x".repeat(20_000)
                        + "\",\"province_code\":\"24\"}}",
                422);
        bodies.put("{\"type\":\"Feature\",\"geometry\":" + point, 400);
        bodies.put("{\"type\":\"Feature\",\"type\":\"Feature\"}", 400);
        bodies.put("[1,2,3]", 400);
        bodies.put("{\"type\":\"FeatureCollection\",\"features\":[]}", 400);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":" + "[".repeat(5000)
                        + "]".repeat(5000) + "},\"properties\":{}}",
                400);
        bodies.put(
                "{\"type\":\"Feature\",\"geometry\":" + point + ",\"properties\":{\"name\":\""
                        + "y".repeat(3 * 1024 * 1024) + "\"}}",
                413);
        bodies.forEach((body, status) -> {
            for (String method : List.of("POST", "PUT")) {
                String path =
                        method.equals("POST") ? "/collections/farms/items" : "/collections/farms/items/" + FARM_24;
                Http.Reply r = send(
                        method,
                        path,
                        body,
                        "Authorization",
                        admin,
                        "If-Match",
                        etag,
                        "Content-Type",
                        "application/geo+json");
                assertThat(r.status())
                        .as(method + " " + body.substring(0, Math.min(80, body.length())))
                        .isEqualTo(status);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
            }
        });
        assertThat(send("POST", "/collections/farms/items", "{}", "Authorization", admin, "Content-Type", "text/plain")
                        .status())
                .isEqualTo(415);
        assertThat(send(
                                "PATCH",
                                "/collections/farms/items/" + FARM_24,
                                "{\"properties\":{\"farm_id\":\"other\"}}",
                                "Authorization",
                                admin,
                                "If-Match",
                                etag,
                                "Content-Type",
                                "application/merge-patch+json")
                        .status())
                .as("ids do not change")
                .isEqualTo(422);
        assertThat(send(
                                "PATCH",
                                "/collections/farms/items/" + FARM_24,
                                "{\"geometry\":null}",
                                "Authorization",
                                admin,
                                "If-Match",
                                etag,
                                "Content-Type",
                                "application/merge-patch+json")
                        .status())
                .as("a farm keeps a geometry")
                .isEqualTo(422);
        assertThat(send(
                                "POST",
                                "/collections/x'%3B%20DROP%20TABLE%20farms/items",
                                "{}",
                                "Authorization",
                                admin,
                                "Content-Type",
                                "application/geo+json")
                        .status())
                .isBetween(400, 404);
        assertThat(send(
                                "DELETE",
                                "/collections/farms/items/x'%20OR%201=1",
                                null,
                                "Authorization",
                                admin,
                                "If-Match",
                                "*")
                        .status())
                .isEqualTo(404);
        assertThat(state("farms")).isEqualTo(farms);
        assertThat(state("tourism")).isEqualTo(tourism);
    }

    // the audit

    @Test
    default void everyChangeIsARevisionAndADeletedFeatureIsRestored() {
        String editor = bearer(Role.EDITOR, "24");
        String editorName = Http.get(url("/account"), "Authorization", editor)
                .json()
                .get("name")
                .asString();
        String id = "site-0247";
        JsonNode original = item("tourism", id);
        assertThat(patch(
                        editor,
                        "tourism",
                        id,
                        etag("tourism", id),
                        "{\"properties\":{\"season\":\"tháng 5 – tháng 7\"}}"))
                .isEqualTo("200");
        String etag = etag("tourism", id);
        assertThat(send("DELETE", "/collections/tourism/items/" + id, null, "Authorization", editor, "If-Match", etag)
                        .status())
                .isEqualTo(204);
        assertThat(Http.get(url("/collections/tourism/items/" + id)).status()).isEqualTo(404);
        JsonNode revisions = Http.get(url("/collections/tourism/items/" + id + "/revisions"))
                .json()
                .get("revisions");
        assertThat(revisions.size()).isEqualTo(2);
        assertThat(revisions.get(0).get("operation").asString()).isEqualTo("update");
        assertThat(revisions.get(0).get("actor").asString())
                .as("the public does not learn who the staff are")
                .isEqualTo("a RuralAtlas account");
        assertThat(Http.get(url("/collections/tourism/items/" + id + "/revisions"))
                        .text())
                .doesNotContain(editorName);
        assertThat(Http.get(
                                url("/collections/tourism/items/" + id + "/revisions"),
                                "Authorization",
                                bearer(Role.EDITOR, "26"))
                        .json()
                        .get("revisions")
                        .get(0)
                        .get("actor")
                        .asString())
                .as("signed in, any account sees names")
                .isEqualTo(editorName);
        assertThat(revisions
                        .get(0)
                        .get("before")
                        .get("properties")
                        .get("season")
                        .toString())
                .isEqualTo(original.get("properties").get("season").toString());
        assertThat(revisions.get(1).get("operation").asString()).isEqualTo("delete");
        assertThat(revisions.get(1).get("after").isNull()).isTrue();
        long first = revisions.get(0).get("revision").asLong();
        assertThat(revisions.get(1).get("revision").asLong()).isGreaterThan(first);
        // restore as it was after the first revision
        assertThat(send("POST", "/collections/tourism/items/" + id + "/revisions/" + first + "/restore", null)
                        .status())
                .isEqualTo(401);
        Http.Reply outside = send(
                "POST",
                "/collections/tourism/items/" + id + "/revisions/" + first + "/restore",
                null,
                "Authorization",
                bearer(Role.EDITOR, "26"));
        assertThat(outside.status()).as(outside.text()).isEqualTo(403);
        Http.Reply restored = send(
                "POST",
                "/collections/tourism/items/" + id + "/revisions/" + first + "/restore",
                null,
                "Authorization",
                editor);
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        JsonNode back = item("tourism", id);
        assertThat(back.get("properties").get("season").asString()).isEqualTo("tháng 5 – tháng 7");
        assertThat(back.get("properties").get("name").asString())
                .isEqualTo(original.get("properties").get("name").asString());
        assertThat(back.get("geometry").toString())
                .isEqualTo(original.get("geometry").toString());
        JsonNode after = Http.get(url("/collections/tourism/items/" + id + "/revisions"))
                .json()
                .get("revisions");
        assertThat(after.size()).isEqualTo(3);
        assertThat(after.get(2).get("operation").asString()).isEqualTo("insert");
        assertThat(Http.get(url("/collections/tourism/items/no-such-site/revisions"))
                        .status())
                .isEqualTo(404);
    }

    /** A new farm next to {@link #FARM_24}, by {@code auth}; its id. */
    default String newFarm(String auth, String name) {
        JsonNode near = item("farms", FARM_24).get("geometry").get("coordinates");
        String body = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + near.get(0).asDouble() + "," + near.get(1).asDouble()
                + "]},\"properties\":{\"name\":\"" + name
                + "\",\"owner_type\":\"household\",\"province_code\":\"24\"}}";
        Http.Reply r = send(
                "POST",
                "/collections/farms/items",
                body,
                "Authorization",
                auth,
                "Content-Type",
                "application/geo+json");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    default void anAccountsRecentChangesAreItsOwnNewestFirstAPageAtATime() {
        String editor = bearer(Role.EDITOR, "24");
        String other = bearer(Role.EDITOR, "24");
        String name = Http.get(url("/account"), "Authorization", editor)
                .json()
                .get("name")
                .asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(newFarm(editor, "Trại ghi nhận " + i));
        }
        String theirs = newFarm(other, "Trại của người khác");
        assertThat(patch(editor, "farms", ids.get(0), etag("farms", ids.get(0)), "{\"properties\":{\"area_ha\":3.5}}"))
                .isEqualTo("200");
        assertThat(send(
                                "DELETE",
                                "/collections/farms/items/" + ids.get(1),
                                null,
                                "Authorization",
                                editor,
                                "If-Match",
                                etag("farms", ids.get(1)))
                        .status())
                .isEqualTo(204);

        Http.Reply mine = Http.get(url("/account/changes"), "Authorization", editor);
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        assertThat(mine.header("Cache-Control")).contains("no-store");
        JsonNode changes = mine.json().get("changes");
        List<String> seen = new ArrayList<>();
        long last = Long.MAX_VALUE;
        for (JsonNode c : changes) {
            assertThat(c.get("revision").asLong()).as("newest first").isLessThan(last);
            last = c.get("revision").asLong();
            assertThat(c.get("collection").asString()).isEqualTo("farms");
            seen.add(c.get("operation").asString() + " " + c.get("featureId").asString());
        }
        assertThat(seen)
                .containsExactly(
                        "delete " + ids.get(1),
                        "update " + ids.get(0),
                        "insert " + ids.get(2),
                        "insert " + ids.get(1),
                        "insert " + ids.get(0));
        assertThat(mine.text()).doesNotContain(theirs);
        JsonNode itemLink = changes.get(1).get("links").get(0);
        assertThat(Http.get(itemLink.get("href").asString())
                        .json()
                        .get("properties")
                        .get("area_ha")
                        .asDouble())
                .isEqualTo(3.5);
        assertThat(Http.get(changes.get(0).get("links").get(1).get("href").asString())
                        .json()
                        .get("revisions")
                        .size())
                .as("the deleted farm's revisions, where its documents are")
                .isEqualTo(2);

        // a page at a time, by next links: disjoint, complete, in order
        List<String> paged = new ArrayList<>();
        String next = url("/account/changes?limit=2");
        int pages = 0;
        while (next != null) {
            JsonNode page = Http.get(next, "Authorization", editor).json();
            page.get("changes")
                    .forEach(c -> paged.add(c.get("operation").asString() + " "
                            + c.get("featureId").asString()));
            next = null;
            for (JsonNode l : page.get("links")) {
                if (l.get("rel").asString().equals("next")) {
                    next = l.get("href").asString();
                }
            }
            assertThat(++pages).isLessThanOrEqualTo(4);
        }
        assertThat(paged).isEqualTo(seen);

        // the administrator reads anyone's; nobody else does
        JsonNode byAdmin = Http.get(
                        url("/admin/accounts/" + name + "/changes"), "Authorization", "Bearer " + Http.ADMIN_TOKEN)
                .json();
        assertThat(byAdmin.get("actor").asString()).isEqualTo(name);
        assertThat(byAdmin.get("changes").size()).isEqualTo(5);
        assertThat(Http.get(url("/admin/accounts/" + name + "/changes"), "Authorization", other)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(
                                url("/admin/accounts/no-such-account/changes"),
                                "Authorization",
                                "Bearer " + Http.ADMIN_TOKEN)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(url("/account/changes")).status()).isEqualTo(401);
        for (String bad : List.of(
                "limit=0", "limit=1001", "limit=two", "before=-1", "before=x", "colour=red", "limit=1&limit=2")) {
            Http.Reply r = Http.get(url("/account/changes?" + bad), "Authorization", editor);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    /** A commune version that ended before the 2025 merger, added as history by the administrator; its id. */
    default String pastCommuneVersion(String code) {
        JsonNode current = item("communes", code + "@2025-07-01");
        tools.jackson.databind.node.ObjectNode p = (tools.jackson.databind.node.ObjectNode) current.get("properties");
        p.put("unit_id", code + "@2019-01-01").put("valid_from", "2019-01-01").put("valid_to", "2025-06-30");
        // a rural commune then (only they take NTM levels), as many of today's wards were before 2025
        p.put("ntm_level", "ntm").put("unit_type", "xa");
        java.util.List<String> empty = new ArrayList<>();
        p.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                empty.add(e.getKey());
            }
        });
        p.remove(empty);
        String body = "{\"type\":\"Feature\",\"geometry\":" + current.get("geometry") + ",\"properties\":" + p + "}";
        Http.Reply r = send(
                "POST",
                "/collections/communes/items",
                body,
                "Authorization",
                "Bearer " + Http.ADMIN_TOKEN,
                "Content-Type",
                "application/geo+json");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return code + "@2019-01-01";
    }

    @Test
    default void aPastVersionOfAUnitIsHistoryThatNoEditChanges() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        String past = pastCommuneVersion("00004");
        String etag = etag("communes", past);
        String before = item("communes", past).toString();
        Http.Reply patched = send(
                "PATCH",
                "/collections/communes/items/" + past,
                "{\"properties\":{\"ntm_level\":null}}",
                "Authorization",
                admin,
                "If-Match",
                etag,
                "Content-Type",
                "application/merge-patch+json");
        assertThat(patched.status()).as(patched.text()).isEqualTo(409);
        assertThat(patched.contentType()).startsWith("application/problem+json");
        assertThat(patched.json().get("detail").asString()).contains("past version", "2025-06-30");
        Http.Reply replaced = send(
                "PUT",
                "/collections/communes/items/" + past,
                "{\"type\":\"Feature\",\"geometry\":" + item("communes", past).get("geometry")
                        + ",\"properties\":{\"name\":\"x\"}}",
                "Authorization",
                admin,
                "If-Match",
                etag,
                "Content-Type",
                "application/geo+json");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(409);
        assertThat(send("DELETE", "/collections/communes/items/" + past, null, "Authorization", admin, "If-Match", etag)
                        .status())
                .isEqualTo(409);
        assertThat(item("communes", past).toString()).as("the past as it was").isEqualTo(before);
        assertThat(etag("communes", past)).isEqualTo(etag);

        // the current version changes, but its start (part of its id) does not move
        String current = "00004@2025-07-01";
        Http.Reply moved = send(
                "PATCH",
                "/collections/communes/items/" + current,
                "{\"properties\":{\"valid_from\":\"2025-08-01\"}}",
                "Authorization",
                admin,
                "If-Match",
                etag("communes", current),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(moved.status()).as(moved.text()).isEqualTo(422);
        assertThat(moved.json().get("errors").get(0).get("property").asString()).isEqualTo("valid_from");
        Http.Reply villages = send(
                "PATCH",
                "/collections/communes/items/" + current,
                "{\"properties\":{\"smart_villages\":2}}",
                "Authorization",
                admin,
                "If-Match",
                etag("communes", current),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(villages.status()).as(villages.text()).isEqualTo(200);
        assertThat(item("communes", current)
                        .get("properties")
                        .get("smart_villages")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    default void theAuditIsAppendOnly() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        assertThat(patch(
                        admin,
                        "farms",
                        "farm-00003",
                        etag("farms", "farm-00003"),
                        "{\"properties\":{\"area_ha\":3.25}}"))
                .isEqualTo("200");
        org.assertj.core.api.Assertions.assertThatThrownBy(this::rewriteAudit).hasMessageContaining("append-only");
        for (String method : List.of("PUT", "PATCH", "DELETE")) {
            Http.Reply r = send(
                    method,
                    "/collections/farms/items/farm-00003/revisions",
                    "{}",
                    "Authorization",
                    admin,
                    "Content-Type",
                    "application/json",
                    "If-Match",
                    "*");
            assertThat(r.status()).as(method).isBetween(400, 499);
        }
        assertThat(Http.get(url("/collections/farms/items/farm-00003/revisions"))
                        .json()
                        .get("revisions")
                        .size())
                .isEqualTo(1);
    }

    // freshness

    @Test
    default void aMovedFarmIsInTheNextTileOverItsNewPlaceWithinASecond() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String id = "farm-00004";
        JsonNode c = item("farms", id).get("geometry").get("coordinates");
        double lon = c.get(0).asDouble() + 0.004;
        double lat = c.get(1).asDouble() + 0.003;
        TileCoord t = TileCoord.containing(14, lon, lat);
        String tile = "/collections/farms/tiles/WebMercatorQuad/14/" + t.y() + "/" + t.x();
        String name = "Trang trại Vừa Dời " + Long.toHexString(System.nanoTime());
        assertThat(Http.bytes(url(tile)).status()).isIn(200, 204);
        String answer = patch(
                editor,
                "farms",
                id,
                etag("farms", id),
                "{\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + lon + "," + lat
                        + "]},\"properties\":{\"name\":\"" + name + "\"}}");
        long committed = System.nanoTime();
        assertThat(answer).isEqualTo("200");
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        while (true) {
            long sent = System.nanoTime();
            Http.BinaryReply r = Http.bytes(url(tile));
            long elapsed = (sent - committed) / 1_000_000;
            if (r.status() == 200 && PostgisFreshnessTest.indexOf(r.body(), wanted) >= 0) {
                break;
            }
            assertThat(elapsed)
                    .as("%s still without the moved farm in a request sent %d ms after the write", tile, elapsed)
                    .isLessThan(1000);
            Thread.sleep(10);
        }
    }
}
