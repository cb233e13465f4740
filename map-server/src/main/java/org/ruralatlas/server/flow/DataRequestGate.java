package org.ruralatlas.server.flow;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.ProblemPages;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.web.RequestPaths;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of data requests ({@code /collections/…}, {@code /ntm/communes?codes=…}) run at once and queues the
 * rest in arrival order, as GeoServer's control-flow module does. Sixteen requests sharing two
 * cores all finish late; four at a time, first come first served, keep the same throughput and
 * a short tail (benchmark: p99 144 ms → 72 ms at 16 connections). A request that waits longer
 * than the queue timeout gets 503 with Retry-After rather than a timeout. Metadata, health and
 * static files pass freely. The path is matched as routing sees it ({@link RequestPaths}), so
 * {@code /%63ollections/…} queues like {@code /collections/…}.
 */
@Component
public class DataRequestGate extends OncePerRequestFilter {

    /** Items, records and downloads of layers; and many communes' NTM answers in one, which cost a page's work. */
    private static final RequestMatcher DATA =
            new OrRequestMatcher(RequestPaths.pattern("/collections/*/**"), RequestPaths.pattern("/ntm/communes"));
    /**
     * Searches queue in a turnstile of their own: one ranks up to thousands of candidates (about
     * 160 ms of CPU for a common word at 200,000 farms) and a search box asks at every keystroke.
     * Measured on 2 cores, sixteen searchers beside four page readers: unqueued, pages got 29-35 a
     * second (p99 0.7 s); in the data requests' turnstile searches took every permit and pages got
     * 2; in their own with two permits pages get 311 (p99 97 ms), searches 5.0 a second for 6.4.
     */
    private static final RequestMatcher SEARCH = RequestPaths.pattern("/search");
    /** Tiles have their own bounded producer pool, and a cached tile costs next to nothing. */
    private static final RequestMatcher TILES = RequestPaths.pattern("/collections/*/tiles/**");

    private final Turnstile turnstile;
    private final Turnstile searches;
    private final ProblemPages pages;

    public DataRequestGate(FlowProperties flow, ProblemPages pages) {
        this.turnstile = new Turnstile(flow.permits(), flow.queueTimeout());
        this.searches = new Turnstile(flow.searchPermits(), flow.queueTimeout());
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.GET.matches(request.getMethod()) && !HttpMethod.HEAD.matches(request.getMethod())
                || !(DATA.matches(request) || SEARCH.matches(request))
                || TILES.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Turnstile turnstile = SEARCH.matches(request) ? searches : this.turnstile;
        if (!turnstile.enter()) {
            Problems.send(
                    request,
                    response,
                    ApiException.retryLater(
                            HttpStatus.SERVICE_UNAVAILABLE, 1, "The server is busy; retry in a second."),
                    pages);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turnstile.leave();
        }
    }
}
