package org.ruralatlas.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileProducer;
import org.ruralatlas.tiles.TileSet;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one tile entry point, without a server: every answer, good or bad, and every failure of
 * the store, leaves as the project writes it (problem+json naming the parameter, 503 with
 * Retry-After when the store cannot make a missing tile).
 */
class TileEndpointTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static final byte[] SOME_TILE = {0x1a, 0x02, 0x78, 0x01};

    /** What the producer does next: its bytes, or a failure. */
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    private final TileProducer producer = (set, tile, generalisation) -> {
        if (failure.get() != null) {
            throw failure.get();
        }
        return tile.z() == 0 ? new byte[0] : SOME_TILE;
    };
    private final TileCache cache = new TileCache(
            producer,
            null,
            1 << 20,
            1,
            1 << 20,
            List.of(new TileSet(TileSet.ALL, CATALOG.collections()), TileSet.of(CATALOG.require("farms"))),
            new SimpleMeterRegistry());
    private final TileVersions versions = new TileVersions();
    private final TileEndpoint endpoint = new TileEndpoint(
            cache,
            new TileFreshness(null, cache, false, null, java.time.Duration.ZERO),
            versions,
            "no-cache",
            "max-age=31536000, public, immutable");

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void servesATileWithItsETagAndRevalidates() throws Exception {
        MockHttpServletResponse r = send("GET", "/collections/farms/tiles/WebMercatorQuad/10/450/815");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("application/vnd.mapbox-vector-tile");
        assertThat(r.getContentAsByteArray()).isEqualTo(SOME_TILE);
        assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
        String etag = r.getHeader("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-None-Match", "\"other\", " + etag)
                        .getStatus())
                .isEqualTo(304);
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-None-Match", "W/" + etag)
                        .getStatus())
                .isEqualTo(304);
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-None-Match", "*")
                        .getStatus())
                .isEqualTo(304);
        // a tag that merely contains ours is another tag
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-None-Match", "\"x" + etag.substring(1))
                        .getStatus())
                .isEqualTo(200);
        MockHttpServletResponse empty = send("GET", "/tiles/WebMercatorQuad/0/0/0");
        assertThat(empty.getStatus()).isEqualTo(204);
        assertThat(empty.getHeader("ETag")).isNotEmpty();
    }

    @Test
    void ifMatchNamingAnotherTileIs412ProblemWithTheCurrentTag() throws Exception {
        String etag = send("GET", "/tiles/farms/10/815/450.mvt").getHeader("ETag");
        MockHttpServletResponse refused = send("GET", "/tiles/farms/10/815/450.mvt", "If-Match", "\"other\"");
        assertThat(refused.getStatus()).isEqualTo(412);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getContentAsString()).contains("If-Match");
        assertThat(refused.getHeader("ETag")).isEqualTo(etag);
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-Match", etag).getStatus())
                .isEqualTo(200);
        assertThat(send("GET", "/tiles/farms/10/815/450.mvt", "If-Match", "*").getStatus())
                .isEqualTo(200);
    }

    @Test
    void headIsGetWithoutTheBody() throws Exception {
        MockHttpServletResponse r = send("HEAD", "/tiles/WebMercatorQuad/10/450/815");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentLength()).isEqualTo(SOME_TILE.length);
        assertThat(r.getContentAsByteArray()).isEmpty();
        assertThat(r.getHeader("ETag"))
                .isEqualTo(send("GET", "/tiles/WebMercatorQuad/10/450/815").getHeader("ETag"));
    }

    @Test
    void aStoreFailureOnAMissingTileIs503ProblemWithRetryAfterAndCachedTilesStillAnswer() throws Exception {
        assertThat(send("GET", "/tiles/WebMercatorQuad/12/1800/3260").getStatus())
                .isEqualTo(200);
        failure.set(new FeatureStoreException(
                "tile all 12/3261/1800 failed: ERROR: relation \"ruralatlas.farms\" does not exist"));
        for (String path : List.of(
                "/tiles/WebMercatorQuad/12/1800/3261",
                "/collections/farms/tiles/WebMercatorQuad/12/1800/3261",
                "/tiles/farms/12/3261/1800.mvt")) {
            MockHttpServletResponse r = send("GET", path);
            JsonNode problem = problem(r, 503);
            assertThat(r.getHeader("Retry-After")).as(path).isEqualTo("5");
            assertThat(problem.get("detail").asString())
                    .doesNotContain("relation")
                    .doesNotContain("farms");
            assertThat(problem.get("instance").asString()).isEqualTo(path);
        }
        assertThat(send("GET", "/tiles/WebMercatorQuad/12/1800/3260").getStatus())
                .isEqualTo(200);
    }

    @Test
    void anyOtherFailureIs500ProblemWithoutItsDetail() throws Exception {
        failure.set(new IllegalStateException("secret internals"));
        MockHttpServletResponse r = send("GET", "/tiles/WebMercatorQuad/12/1800/3261");
        assertThat(problem(r, 500).toString()).doesNotContain("secret");
    }

    @Test
    void badTileUrlsAreProblemsNamingTheParameter() throws Exception {
        assertThat(problem(send("GET", "/tiles/WebMercatorQuad/ten/1/1"), 400)
                        .get("parameter")
                        .asString())
                .isEqualTo("tileMatrix");
        assertThat(problem(send("GET", "/tiles/WebMercatorQuad/3/8/0"), 404)
                        .get("parameter")
                        .asString())
                .isEqualTo("tileRow");
        assertThat(problem(send("GET", "/collections/nowhere/tiles/WebMercatorQuad/3/0/0"), 404)
                        .get("parameter")
                        .asString())
                .isEqualTo("collectionId");
    }

    /** Query strings do not change the path: a tile takes only its data version, so any other is refused, as on every route. */
    @Test
    void queryParametersAreRefusedByTheOneRule() throws Exception {
        JsonNode p = problem(send("GET", "/tiles/WebMercatorQuad/10/450/815?colour=red"), 400);
        assertThat(p.get("parameter").asString()).isEqualTo("colour");
        assertThat(p.get("detail").asString()).isEqualTo("unknown parameter colour; this resource takes v");
        assertThat(problem(send("GET", "/tiles/WebMercatorQuad/10/450/815?v=1&v=2"), 400)
                        .get("parameter")
                        .asString())
                .isEqualTo("v");
        // refused before the path's values are read, as Spring MVC's interceptor did
        assertThat(problem(send("GET", "/tiles/WebMercatorQuad/99/0/0?f=mvt"), 400)
                        .get("parameter")
                        .asString())
                .isEqualTo("f");
        assertThat(send("GET", "/tiles/WebMercatorQuad/10/450/815?").getStatus())
                .isEqualTo(200);
    }

    /**
     * A URL naming the set's current data version may be kept as immutable; any other version
     * (an old tileset's, a made-up one, an empty one) gets the same bytes under the plain policy,
     * and so does every URL before the versions are known or after the set's layers move on.
     */
    @Test
    void onlyTheCurrentDataVersionMakesATileImmutable() throws Exception {
        String path = "/collections/farms/tiles/WebMercatorQuad/10/450/815";
        assertThat(send("GET", path + "?v=").getHeader("Cache-Control"))
                .as("no version known yet")
                .isEqualTo("no-cache");
        versions.start("farms", TileVersions.tag("1.1000"));
        TileSet farms = cache.set("farms").orElseThrow();
        String current = versions.of(farms);
        assertThat(current).isNotEmpty();
        MockHttpServletResponse kept = send("GET", path + "?v=" + current);
        assertThat(kept.getStatus()).isEqualTo(200);
        assertThat(kept.getContentAsByteArray()).isEqualTo(SOME_TILE);
        assertThat(kept.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(send("GET", path).getHeader("Cache-Control"))
                .as("no version")
                .isEqualTo("no-cache");
        assertThat(send("GET", path + "?v=").getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(send("GET", path + "?v=deadbeef").getHeader("Cache-Control")).isEqualTo("no-cache");
        assertThat(send("GET", "/tiles/WebMercatorQuad/10/450/815?v=" + current).getHeader("Cache-Control"))
                .as("every layer's set has its own version, unknown while the others have none")
                .isEqualTo("no-cache");
        versions.applied("farms", TileVersions.counter(2));
        assertThat(versions.of(farms)).isNotEqualTo(current);
        assertThat(send("GET", path + "?v=" + current).getHeader("Cache-Control"))
                .as("an old version")
                .isEqualTo("no-cache");
        assertThat(send("GET", path + "?v=" + versions.of(farms)).getHeader("Cache-Control"))
                .contains("immutable");
    }

    @Test
    void methodsOtherThanReadsAre405WithAllowAndOptionsSaysWhichAreTaken() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            MockHttpServletResponse r = send(method, "/tiles/WebMercatorQuad/10/450/815");
            problem(r, 405);
            assertThat(r.getHeader("Allow")).isEqualTo("GET,HEAD,OPTIONS");
        }
        MockHttpServletResponse options = send("OPTIONS", "/tiles/WebMercatorQuad/10/450/815");
        assertThat(options.getStatus()).isEqualTo(200);
        assertThat(options.getHeader("Allow")).isEqualTo("GET,HEAD,OPTIONS");
    }

    @Test
    void corsIsTheServersOnePolicy() throws Exception {
        MockHttpServletResponse r = send("GET", "/tiles/WebMercatorQuad/10/450/815", "Origin", "https://example.org");
        assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.getHeader("Access-Control-Expose-Headers")).contains("ETag");
        MockHttpServletResponse refused =
                send("GET", "/tiles/WebMercatorQuad/ten/450/815", "Origin", "https://example.org");
        problem(refused, 400);
        assertThat(refused.getHeader("Access-Control-Allow-Origin"))
                .as("a page may read why")
                .isEqualTo("*");
        MockHttpServletResponse preflight = send(
                "OPTIONS",
                "/tiles/WebMercatorQuad/10/450/815",
                "Origin",
                "https://example.org",
                "Access-Control-Request-Method",
                "GET");
        assertThat(preflight.getStatus()).isEqualTo(200);
        assertThat(preflight.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET,HEAD,OPTIONS");
        MockHttpServletResponse writes = send(
                "OPTIONS",
                "/tiles/WebMercatorQuad/10/450/815",
                "Origin",
                "https://example.org",
                "Access-Control-Request-Method",
                "DELETE");
        problem(writes, 403);
    }

    @Test
    void otherRoutesAndUnknownMethodsGoOn() throws Exception {
        for (String path : List.of(
                "/tiles",
                "/tiles/WebMercatorQuad",
                "/collections/farms/tiles/WebMercatorQuad",
                "/tiles/offline",
                "/collections/farms/items",
                "/tiles/WebMercatorQuad/3/0/0/")) {
            MockFilterChain chain = new MockFilterChain();
            endpoint.doFilter(new MockHttpServletRequest("GET", path), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
        MockFilterChain chain = new MockFilterChain();
        endpoint.doFilter(
                new MockHttpServletRequest("PROPFIND", "/tiles/WebMercatorQuad/10/450/815"),
                new MockHttpServletResponse(),
                chain);
        assertThat(chain.getRequest()).isNotNull();
    }

    private MockHttpServletResponse send(String method, String uri, String... headers) throws Exception {
        int q = uri.indexOf('?');
        MockHttpServletRequest request = new MockHttpServletRequest(method, q < 0 ? uri : uri.substring(0, q));
        if (q >= 0) {
            request.setQueryString(uri.substring(q + 1));
            for (String pair : uri.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    String[] kv = pair.split("=", 2);
                    request.addParameter(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        endpoint.doFilter(request, response, chain);
        assertThat(chain.getRequest())
                .as("answered by the endpoint, not passed on")
                .isNull();
        return response;
    }

    private static JsonNode problem(MockHttpServletResponse r, int status) throws Exception {
        assertThat(r.getStatus()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        JsonNode p = JsonMapper.builder().build().readTree(r.getContentAsByteArray());
        assertThat(p.get("status").asInt()).isEqualTo(status);
        return p;
    }
}
