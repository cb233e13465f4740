package org.ruralatlas.server.tiles;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.server.security.RequestPaths;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.ProblemHandler;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.tiles.Tile;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.http.HttpStatus;

/**
 * Serves well-formed tile requests before Spring MVC sees them: a cached tile is then a map
 * lookup and a write (benchmark, cached z14 tiles: 44,000 → see bench/README.md). It runs after
 * the security chain, so the firewall has refused odd path spellings, and it reads the path as
 * routing does ({@link RequestPaths}). Anything it
 * does not recognise as a valid tile of a known set, it passes on to {@link TilesController},
 * which answers errors as problem+json. The response itself is {@link #write}, shared by both. A
 * tile that is not cached while the store is away gets 503 problem+json with Retry-After; cached
 * tiles are served all the same.
 */
public final class TileFastPath implements Filter {

    private final TileCache cache;
    private final TileFreshness freshness;
    private final String cacheControl;

    public TileFastPath(TileCache cache, TileFreshness freshness, String cacheControl) {
        this.cache = cache;
        this.freshness = freshness;
        this.cacheControl = cacheControl;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if ("GET".equals(request.getMethod()) && request.getQueryString() == null) {
            Optional<Target> target = parse(RequestPaths.of(request));
            if (target.isPresent()) {
                Tile tile;
                try {
                    freshness.await(target.get().set());
                    tile = cache.get(target.get().set(), target.get().tile());
                } catch (FeatureStoreException e) {
                    // a missing tile while the store is away: 503 as the controllers answer it, not the container's 500
                    Problems.send(request, (HttpServletResponse) res, ApiException.retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                            ProblemHandler.STORE_RETRY_SECONDS, ProblemHandler.STORE_AWAY));
                    return;
                }
                write(tile, request, (HttpServletResponse) res, cacheControl);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    record Target(TileSet set, TileCoord tile) {}

    private static final PathPattern XYZ = RequestPaths.parse("/tiles/{set}/{z}/{x}/{y}.mvt");
    private static final PathPattern DATASET = RequestPaths.parse("/tiles/" + TileMatrixSets.ID + "/{z}/{y}/{x}");
    private static final PathPattern COLLECTION = RequestPaths.parse("/collections/{set}/tiles/" + TileMatrixSets.ID + "/{z}/{y}/{x}");

    /**
     * {@code /tiles/{set}/{z}/{x}/{y}.mvt}, {@code /tiles/WebMercatorQuad/{z}/{y}/{x}} or the
     * collection's, matched on the path as routing sees it; else empty.
     */
    Optional<Target> parse(PathContainer path) {
        PathPattern.PathMatchInfo m = DATASET.matchAndExtract(path);
        if (m != null) {
            return target(TileSet.ALL, m.getUriVariables());
        }
        m = XYZ.matchAndExtract(path);
        if (m != null && !m.getUriVariables().get("set").equals(TileMatrixSets.ID)) {
            return target(m.getUriVariables().get("set"), m.getUriVariables());
        }
        m = COLLECTION.matchAndExtract(path);
        if (m != null && !m.getUriVariables().get("set").equals(TileSet.ALL)) {
            return target(m.getUriVariables().get("set"), m.getUriVariables());
        }
        return Optional.empty();
    }

    private Optional<Target> target(String set, Map<String, String> v) {
        return target(set, v.get("z"), v.get("x"), v.get("y"));
    }

    private Optional<Target> target(String set, String z, String x, String y) {
        Optional<TileSet> s = cache.set(set);
        int zoom = small(z);
        int col = small(x);
        int row = small(y);
        if (s.isEmpty() || zoom < 0 || zoom > TileCoord.MAX_ZOOM || col < 0 || row < 0 || col >= 1 << zoom || row >= 1 << zoom) {
            return Optional.empty();
        }
        return Optional.of(new Target(s.get(), new TileCoord(zoom, col, row)));
    }

    /** A plain decimal of up to seven digits, else -1. */
    private static int small(String s) {
        if (s.isEmpty() || s.length() > 7) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The tile answer: 304 when the client has it, 204 when empty, else the bytes; always ETag and Cache-Control. */
    static void write(Tile tile, HttpServletRequest request, HttpServletResponse response, String cacheControl) throws IOException {
        response.setHeader("ETag", tile.etag());
        response.setHeader("Cache-Control", cacheControl);
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "ETag");
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(tile.etag()) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        if (tile.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setContentType(TilesController.MVT.toString());
        response.setContentLength(tile.bytes().length);
        if (tile.bytes().length > response.getBufferSize()) {
            // one write to the socket instead of one per 8 KB buffer
            response.setBufferSize(tile.bytes().length);
        }
        response.getOutputStream().write(tile.bytes());
    }
}
