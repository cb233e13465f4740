package org.ruralatlas.server.tiles;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.server.config.WebConfiguration;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.ProblemCorsProcessor;
import org.ruralatlas.server.error.ProblemHandler;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.QueryParameterCheck;
import org.ruralatlas.server.web.RequestPaths;
import org.ruralatlas.tiles.Tile;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;

/**
 * The one entry point of tiles: every request whose path is shaped as a tile URL ({@link TileUrl})
 * is answered here, good or bad, before Spring MVC (a cached tile is a map lookup and a write:
 * through MVC it cost a third more). GET and HEAD get the tile (304 when the client has it, 204
 * when empty, else the bytes; always a strong ETag and Cache-Control); OPTIONS gets {@code Allow};
 * other methods 405; every refusal is problem+json naming the parameter at fault, 503 with
 * Retry-After when the store cannot produce a missing tile (cached tiles are served all the same).
 * Query parameters are refused as on every route (tile URLs take only {@code v}, the data version); CORS is the server's one
 * policy ({@link WebConfiguration#readsFromAnyOrigin}). It runs right after the security chain,
 * whose firewall has refused odd path spellings, and reads the path as routing does.
 */
public final class TileEndpoint implements Filter {

    static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final String ALLOW = "GET,HEAD,OPTIONS";

    /** Methods HTTP defines that tiles refuse with 405; any other method is left to the servlet. */
    /** The one query parameter of a tile URL: the data version its tileset gave ({@link TileVersions}), any value accepted. */
    private static final Set<String> VERSION = Set.of("v");

    private static final Set<String> REFUSED_METHODS = Set.of("POST", "PUT", "DELETE", "PATCH", "TRACE");

    private final TileCache cache;
    private final TileFreshness freshness;
    private final TileVersions versions;
    private final String cacheControl;
    private final String versionedCacheControl;
    private final Map<String, TileSet> sets = new HashMap<>();
    private final CorsConfiguration cors = WebConfiguration.readsFromAnyOrigin();
    private final CorsProcessor corsProcessor = new ProblemCorsProcessor();

    /**
     * @param cacheControl for tile URLs without a data version, or with one that is not current
     * @param versionedCacheControl for tile URLs whose {@code v} is the set's current data version ({@link TileVersions})
     */
    public TileEndpoint(
            TileCache cache,
            TileFreshness freshness,
            TileVersions versions,
            String cacheControl,
            String versionedCacheControl) {
        this.cache = cache;
        this.freshness = freshness;
        this.versions = versions;
        this.cacheControl = cacheControl;
        this.versionedCacheControl = versionedCacheControl;
        cache.sets().forEach(s -> sets.put(s.id(), s));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        List<String> segments = segments(RequestPaths.of(request));
        String method = request.getMethod();
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (!TileUrl.isTileUrl(segments) || !(read || "OPTIONS".equals(method) || REFUSED_METHODS.contains(method))) {
            // another route's path, or a method HTTP does not define here: the servlet answers (501)
            chain.doFilter(req, res);
            return;
        }
        Tile tile;
        String control;
        try {
            // in the order Spring MVC would refuse: the method, the origin, the query parameters, then the path's
            // values
            if (!read && !"OPTIONS".equals(method)) {
                throw ApiException.methodNotAllowed(ALLOW, method + " is not served on tiles; they take " + ALLOW);
            }
            if (!corsProcessor.processRequest(cors, request, response)) {
                return; // refused as problem+json
            }
            if (!read) {
                if (!CorsUtils.isPreFlightRequest(request)) {
                    response.setHeader("Allow", ALLOW);
                }
                return;
            }
            if (request.getQueryString() != null) {
                QueryParameterCheck.check(request.getParameterMap(), VERSION);
            }
            TileUrl url = TileUrl.parse(segments, sets);
            String v = request.getParameter("v");
            String before = v == null ? null : versions.of(url.set());
            freshness.await(url.set());
            tile = cache.get(url.set(), url.tile());
            // immutable only if the version was current all along (a change applied meanwhile may have made this tile
            // older
            // than v) and the tile is settled (not read from a shared tile folder so soon after a change that another
            // server may have put one from before it there)
            control =
                    v != null && !v.isEmpty() && v.equals(before) && v.equals(versions.of(url.set())) && tile.settled()
                            ? versionedCacheControl
                            : cacheControl;
        } catch (ApiException e) {
            refuse(request, response, e);
            return;
        } catch (FeatureStoreException e) {
            refuse(request, response, ProblemHandler.storeAway(e, request));
            return;
        } catch (RuntimeException e) {
            refuse(request, response, ProblemHandler.internal(e, request));
            return;
        }
        write(tile, control, request, response);
    }

    /** The refusal, keeping the CORS headers already set (a page of any origin may read why). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiException e)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        e.headers().forEach(response::setHeader);
        Problems.write(response, Problems.of(e, request));
    }

    /** The path's segments as routing reads them (%-decoded, without {@code ;} parameters); null when one is empty. */
    static List<String> segments(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        List<String> segments = new ArrayList<>(7);
        boolean separator = false;
        for (PathContainer.Element e : elements) {
            if (e instanceof PathContainer.PathSegment s) {
                segments.add(s.valueToMatch());
                separator = false;
            } else if (separator || segments.size() > 7) {
                return null;
            } else {
                separator = true;
            }
        }
        return separator || segments.isEmpty() ? null : segments;
    }

    /** The tile answer: 304 when the client has it, 204 when empty, else the bytes; always ETag and Cache-Control. */
    private static void write(Tile tile, String cacheControl, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("ETag", tile.etag());
        response.setHeader("Cache-Control", cacheControl);
        Conditional conditional = Conditional.tagged(tile.etag(), null);
        switch (conditional.evaluate(request)) {
            case NOT_MODIFIED -> {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            case PRECONDITION_FAILED -> {
                refuse(request, response, conditional.preconditionFailed(request));
                return;
            }
            case PROCEED -> {}
        }
        if (tile.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setContentType(MVT);
        response.setContentLength(tile.bytes().length);
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        if (tile.bytes().length > response.getBufferSize()) {
            // one write to the socket instead of one per 8 KB buffer
            response.setBufferSize(tile.bytes().length);
        }
        response.getOutputStream().write(tile.bytes());
    }
}
