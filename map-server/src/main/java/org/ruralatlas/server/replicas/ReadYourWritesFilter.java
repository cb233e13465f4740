package org.ruralatlas.server.replicas;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.ruralatlas.data.store.postgis.PostgisFeatureStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Read your writes with standbys serving reads: a request that may have written (any method but
 * GET, HEAD, OPTIONS and TRACE) and succeeded (status below 400) is answered only once the
 * standbys in use have replayed the primary's WAL up to where it was after the request, so that
 * whoever reads next, through any replica, sees the write. Its answer is held in memory meanwhile
 * (writes answer small documents), so nothing reaches the client before the wait; the wait is
 * bounded by {@code ruralatlas.db.replica-wait}, after which a standby that has not replayed the
 * write serves no reads until it has. Any write a controller adds is covered without knowing of
 * standbys.
 */
final class ReadYourWritesFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ReadYourWritesFilter.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final PostgisFeatureStore store;

    ReadYourWritesFilter(PostgisFeatureStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            if (held.getStatus() < 400) {
                try {
                    store.awaitReplicas();
                } catch (RuntimeException e) {
                    // the write is committed: its answer goes out; only the wait for the standbys is lost
                    LOG.warn(
                            "{} {}: could not wait for the standbys to replay it: {}",
                            request.getMethod(),
                            request.getRequestURI(),
                            e.getMessage());
                }
            }
        } finally {
            held.copyBodyToResponse();
        }
    }
}
