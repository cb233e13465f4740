package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * A province's own identity provider (OIDC): bearer JWTs of a real issuer started here (Spring
 * Authorization Server, client-credentials grant) write within the provinces their claims give,
 * and are named {@code oidc:…} in the audit. Refused (401, the data unchanged): a token of another
 * issuer with its own keys, a token whose payload was altered, an unsigned one ({@code alg: none}),
 * an expired one, one without a RuralAtlas role. A token outside its provinces gets 403.
 */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OidcBearerTest {

    private static ConfigurableApplicationContext issuer;
    private static ConfigurableApplicationContext stranger;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        issuer = TestIssuer.start();
        stranger = TestIssuer.start();
        registry.add("ruralatlas.oidc.issuer-uri", () -> TestIssuer.url(issuer));
        registry.add("ruralatlas.oidc.clock-skew", () -> "0s");
    }

    @AfterAll
    static void stop() {
        issuer.close();
        stranger.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** An access token of {@code client} from {@code from}, by the client-credentials grant. */
    private static String token(ConfigurableApplicationContext from, String client) throws Exception {
        String basic = Base64.getEncoder()
                .encodeToString((client + ":" + TestIssuer.secret(client)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(URI.create(TestIssuer.url(from) + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=ruralatlas"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asString();
    }

    private Http.Reply rename(String farm, String bearer, String name) {
        String etag = Http.get(url("/collections/farms/items/" + farm)).header("ETag");
        return Http.mergePatch(
                url("/collections/farms/items/" + farm),
                "{\"properties\":{\"name\":\"" + name + "\"}}",
                "Bearer " + bearer,
                etag);
    }

    private String name(String farm) {
        return Http.get(url("/collections/farms/items/" + farm))
                .json()
                .get("properties")
                .get("name")
                .asString();
    }

    @Test
    void anEditorOfTheIdentityProviderWritesInItsProvincesAndTheAuditNamesIt() throws Exception {
        String editor = token(issuer, "editor-24");
        Http.Reply written = rename(EditContract.FARM_24, editor, "Trang trại OIDC");
        assertThat(written.status()).as(written.text()).isEqualTo(200);
        JsonNode revisions = Http.get(
                        url("/collections/farms/items/" + EditContract.FARM_24 + "/revisions"),
                        "Authorization",
                        "Bearer " + editor)
                .json()
                .get("revisions");
        assertThat(revisions.get(revisions.size() - 1).get("actor").asString()).isEqualTo("oidc:staff-editor-24");
        String before = name(EditContract.FARM_19);
        Http.Reply outside = rename(EditContract.FARM_19, editor, "Không được");
        assertThat(outside.status()).as(outside.text()).isEqualTo(403);
        assertThat(name(EditContract.FARM_19)).isEqualTo(before);
        assertThat(Http.get(url("/admin/accounts"), "Authorization", "Bearer " + editor)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/admin/accounts"), "Authorization", "Bearer " + token(issuer, "admin"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void tokensOfAnotherIssuerAlteredUnsignedExpiredOrWithoutARoleAreRefused() throws Exception {
        String farm = "farm-00003";
        String before = name(farm);
        String good = token(issuer, "editor-24");
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String widened = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("\"24\"", "\"19\"").getBytes(StandardCharsets.UTF_8));
        String unsignedHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String shortLived = token(issuer, "short-lived");
        Thread.sleep(2_500);
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("another issuer", token(stranger, "editor-24"));
        refused.put("altered", parts[0] + "." + widened + "." + parts[2]);
        refused.put("unsigned", unsignedHeader + "." + parts[1] + ".");
        refused.put("expired", shortLived);
        refused.put("no role", token(issuer, "no-role"));
        refused.put("garbage", "a.b.c");
        for (var e : refused.entrySet()) {
            Http.Reply r = rename(farm, e.getValue(), "Không được");
            assertThat(r.status()).as(e.getKey() + ": " + r.text()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text()).doesNotContain("Exception", "nimbus", "at org.");
        }
        assertThat(name(farm)).isEqualTo(before);
        // a public read with a refused token still works: readers need none
        assertThat(Http.get(url("/collections/farms/items/" + farm), "Authorization", "Bearer " + shortLived)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withoutAClientIdTheViewerSignInThroughTheProviderDoesNotExist() {
        assertThat(Http.get(url("/oauth2/authorization/province")).status()).isEqualTo(404);
        assertThat(Http.get(url("/login/oauth2/code/province?code=x&state=y")).status())
                .isEqualTo(404);
        assertThat(Http.get(url("/session")).json().has("signInWith")).isFalse();
        assertThat(Http.get(url("/oauth2/authorization/province")).headers().allValues("Set-Cookie"))
                .isEmpty();
    }
}
