package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The edge of a server with administration on, the same on every store: other spellings of the
 * admin paths never reach the admin, the container's own refusals and bad input are 4xx
 * problem+json naming what was wrong, unknown parameters are refused on every route.
 */
interface EdgeContract {

    String url(String path);

    default RawHttp raw() {
        return new RawHttp(URI.create(url("/")).getPort());
    }

    /** Every spelling of the bypass, and more; each is refused before the admin sees it. */
    List<String> ADMIN_SPELLINGS = List.of(
            "/%61dmin/tiles/X",
            "/adm%69n/tiles/X",
            "/admin;/tiles/X",
            "/admin;jsessionid=x/tiles/X",
            "//admin/tiles/X",
            "/./admin/tiles/X",
            "/foo/../admin/tiles/X",
            "/admin/./tiles/X",
            "/admin%2Ftiles/X",
            "/admin%2ftiles%2FX",
            "/admin%5Ctiles/X",
            "/%2561dmin/tiles/X",
            "/admin/tiles/%73eed",
            "/admin/tiles/X/",
            "/admin/tiles/X;",
            "/admin/tiles;x=y/X",
            "/%2e/admin/tiles/X",
            "/admin//tiles/X",
            "/admin\\tiles/X",
            "/admin/tiles/X%00",
            "/%41DMIN/tiles/X",
            "/ADMIN/tiles/X");

    @Test
    default void theAdminPathsCannotBeReachedByAnotherSpellingAndNoSeedingJobStarts() {
        try (RawHttp http = raw()) {
            String auth = "Bearer " + Http.ADMIN_TOKEN;
            String before = http.get("/admin/tiles/jobs", "Authorization", auth).text();
            double produced = produced(http);
            List<String> reached = new ArrayList<>();
            for (String spelling : ADMIN_SPELLINGS) {
                for (String action : List.of(
                        "seed?bbox=105.9,21.0,106.3,21.3&zooms=0-12", "truncate?bbox=-180,-85,180,85&zooms=0-20")) {
                    String path = spelling.replace("X", action.substring(0, action.indexOf('?')))
                                    .replace("%73eed", action.startsWith("seed") ? "%73eed" : "%74runcate")
                            + action.substring(action.indexOf('?'));
                    for (String credentials :
                            new String[] {null, "Bearer not-the-token-at-all", "Basic YWRtaW46YWRtaW4="}) {
                        RawHttp.Reply r = http.send("POST", path, "Authorization", credentials);
                        if (r.status() < 400 || r.status() >= 500 && r.status() != 501 || !r.isProblem()) {
                            reached.add(r.status() + " " + path + " " + credentials + " " + r.text());
                        }
                        if (!path.toLowerCase(java.util.Locale.ROOT).contains("%41dmin") && !path.contains("/ADMIN/")) {
                            // the lower-case spellings all mean /admin: nothing but a refusal
                            assertThat(r.status()).as(path + " " + credentials).isIn(400, 401, 403);
                        }
                    }
                }
            }
            assertThat(reached).isEmpty();
            assertThat(http.get("/admin/tiles/jobs", "Authorization", auth).text())
                    .as("no seeding job started")
                    .isEqualTo(before);
            assertThat(produced(http)).as("no tile produced").isEqualTo(produced);
        }
    }

    private double produced(RawHttp http) {
        RawHttp.Reply m =
                http.get("/actuator/metrics/ruralatlas.tiles.requests", "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        return m.status() == 404
                ? 0
                : m.json().get("measurements").get(0).get("value").asDouble();
    }

    @Test
    default void theBearerSchemeIsCaseInsensitiveAndARefusedTokenSaysSo() {
        try (RawHttp http = raw()) {
            for (String scheme : List.of("Bearer", "bearer", "BEARER", "bEaReR")) {
                assertThat(http.get("/admin/tiles/jobs", "Authorization", scheme + " " + Http.ADMIN_TOKEN)
                                .status())
                        .as(scheme)
                        .isEqualTo(200);
            }
            RawHttp.Reply none = http.get("/admin/tiles/jobs");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"ruralatlas\"");
            RawHttp.Reply wrong = http.get("/admin/tiles/jobs", "Authorization", "Bearer " + Http.ADMIN_TOKEN + "x");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThat(wrong.isProblem()).isTrue();
            assertThat(wrong.json().get("status").asInt()).isEqualTo(401);
            assertThat(http.get("/admin/tiles/jobs", "Authorization", "Basic " + Http.ADMIN_TOKEN)
                            .status())
                    .isEqualTo(401);
            // a stray or wrong token does not stop a public read
            assertThat(http.get("/collections", "Authorization", "Bearer wrong-wrong-wrong")
                            .status())
                    .isEqualTo(200);
            // the actuator beyond health is the administrator's too
            assertThat(http.get("/actuator/metrics").status()).isEqualTo(401);
            assertThat(http.get("/actuator/info").status()).isEqualTo(401);
            assertThat(http.get("/actuator/metrics", "Authorization", "bearer " + Http.ADMIN_TOKEN)
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    default void theContainersOwnRefusalsAreProblemsWithTheRightStatus() {
        try (RawHttp http = raw()) {
            assertProblem(http.get("/collections%2Ffarms"), 400);
            assertProblem(http.get("/collections%5Cfarms"), 400);
            assertProblem(http.get("/collections/farms%00"), 400);
            assertProblem(http.get("/collections\\farms"), 400);
            assertProblem(http.get("/collections?x=" + "a".repeat(20_000)), 414);
            assertProblem(http.get("/collections", "X-Big", "a".repeat(20_000)), 431);
            assertProblem(http.get("/collections", "Host", "evil example"), 400);
            assertProblem(http.get("/collections", "Host", "a:b:c:d"), 400);
            assertProblem(http.send("FOO", "/collections"), 501);
            assertProblem(http.send("CONNECT", "127.0.0.1:80"), 501);
            assertProblem(http.get("/error"), 404);
            RawHttp.Reply trace = http.send("TRACE", "/collections", "Cookie", "secret=1");
            assertProblem(trace, 405);
            assertThat(trace.header("Allow")).isEqualTo("GET,HEAD,OPTIONS");
            assertThat(trace.text()).doesNotContain("secret");
            RawHttp.Reply put = http.send("PUT", "/collections");
            assertProblem(put, 405);
            assertThat(Set.of(put.header("Allow").split(","))).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
            assertThat(http.send("OPTIONS", "/collections").header("Allow")).isEqualTo("GET,HEAD,OPTIONS");
            RawHttp.Reply delete = http.send("DELETE", "/ntm/survey/07330/responses");
            assertProblem(delete, 405);
            assertThat(Set.of(delete.header("Allow").split(","))).containsExactlyInAnyOrder("POST", "OPTIONS");
        }
    }

    private static void assertProblem(RawHttp.Reply r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.header("content-type") + " " + r.text()).isTrue();
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(r.text())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("Tomcat")
                .doesNotContain("<html");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/collections/farms/items?farm_id=%00|farm_id",
                "/collections/farms/items?name=a%01b|name",
                "/search?q=ph%00uc|q",
                "/stats/ntm?as_of=%00|as_of",
                "/downloads/farms.csv?owner_type=%00|owner_type",
                "/trace/VN-BNOR-0001?f=%00|f",
                "/ntm/assessments?commune=%00|commune",
                "/collections?f=%ED%A0%80|",
                "/collections/communes/items?datetime=%2B999999999-12-31T23:00:00-18:00|datetime",
                "/downloads/communes.csv?datetime=%2B999999999-12-31T23:00:00-18:00|datetime",
                "/collections/communes/items?datetime=-4714-01-01|datetime",
                "/collections/communes/items?datetime=294277-01-01|datetime",
                "/collections/communes/items?datetime=0000-12-31/2025-01-01|datetime",
                "/stats/ntm?as_of=%2B10000-01-01|as_of",
                "/stats/ntm/communes?as_of=0000-01-01|as_of",
                "/ntm/assessments?offset=99999999999|offset",
                "/collections/farms/items?ocop_stars=NaN|ocop_stars",
                "/collections/communes/items?criteria_met=Infinity|criteria_met",
                "/collections/farms/items?limit=1&limit=1|limit",
                "/search?q=phuc&lang=en|lang",
                "/tiles/WebMercatorQuad?x=1|x",
                "/collections/farms/queryables?f=json|f",
                "/viewer/config.json?debug=1|debug",
                "/data.json?x=%00|x"
            })
    default void badInputIsA400NamingTheParameter(String caseText) {
        String path = caseText.substring(0, caseText.indexOf('|'));
        String parameter = caseText.substring(caseText.indexOf('|') + 1);
        try (RawHttp http = raw()) {
            RawHttp.Reply r = http.get(path);
            assertProblem(r, 400);
            if (!parameter.isEmpty()) {
                assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
            }
        }
    }

    @Test
    default void hugeOffsetsGiveAnEmptyPageNotAnError() {
        try (RawHttp http = raw()) {
            RawHttp.Reply a = http.get("/ntm/assessments?offset=2147483647");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().get("numberReturned").asInt()).isZero();
            RawHttp.Reply f = http.get("/collections/farms/items?offset=9223372036854775807");
            assertThat(f.status()).isEqualTo(200);
            assertThat(f.json().get("numberReturned").asInt()).isZero();
            assertThat(f.text()).doesNotContain("offset=-");
        }
    }

    /** Every API route, with a parameter it does not take: 400 naming it, and every parameter the API document declares is taken. */
    @Test
    default void unknownParametersAreRefusedOnEveryRouteAndEveryDeclaredOneIsTaken() {
        try (RawHttp http = raw()) {
            JsonNode api = http.get("/api").json();
            List<String> routes = new ArrayList<>(Routes.concrete(api));
            routes.addAll(Routes.NON_API);
            List<String> wrong = new ArrayList<>();
            for (String route : routes) {
                String sep = route.contains("?") ? "&" : "?";
                RawHttp.Reply r = http.get(route + sep + "zz_unknown=1", "Authorization", "Bearer " + Http.ADMIN_TOKEN);
                boolean staticFile = route.endsWith(".js")
                        || route.endsWith(".html")
                        || route.endsWith(".css")
                        || route.endsWith(".webmanifest")
                        || route.startsWith("/actuator");
                if (!staticFile
                        && (r.status() != 400
                                || !r.isProblem()
                                || !"zz_unknown"
                                        .equals(r.json().path("parameter").asString()))) {
                    wrong.add(route + " -> " + r.status() + " " + r.text());
                }
            }
            for (Routes.Declared d : Routes.declared(api)) {
                RawHttp.Reply r = http.get(d.path() + "?" + d.parameter() + "=" + d.sample());
                if (r.isProblem() && r.text().contains("unknown parameter")) {
                    wrong.add(d + " is declared but refused: " + r.text());
                }
            }
            assertThat(wrong).isEmpty();
        }
    }

    @Test
    default void anUnsatisfiableRangeIsA416WithoutTheFile() {
        try (RawHttp http = raw()) {
            RawHttp.Reply whole = http.get("/downloads/tourism.csv");
            assertThat(whole.status()).isEqualTo(200);
            int length = whole.body().length;
            RawHttp.Reply r = http.get("/downloads/tourism.csv", "Range", "bytes=" + (length + 10) + "-");
            assertProblem(r, 416);
            assertThat(r.header("Content-Range")).isEqualTo("bytes */" + length);
            assertThat(r.body().length).isLessThan(1000);
            RawHttp.Reply part = http.get("/downloads/tourism.csv", "Range", "bytes=0-9");
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.body()).hasSize(10);
            // another unit, or a set adding up to more than the file: the whole file
            assertThat(http.get("/downloads/tourism.csv", "Range", "items=0-9").body())
                    .hasSize(length);
            assertThat(http.get("/downloads/tourism.csv", "Range", "bytes=0-,0-")
                            .body())
                    .hasSize(length);
        }
    }
}
