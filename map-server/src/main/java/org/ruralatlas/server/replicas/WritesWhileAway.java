package org.ruralatlas.server.replicas;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.ProblemHandler;
import org.ruralatlas.server.error.ProblemPages;
import org.ruralatlas.server.error.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the primary is known to be away, a request that may write (any method but GET, HEAD,
 * OPTIONS and TRACE) gets 503 with Retry-After at once, before authentication (whose accounts are
 * on the primary too) and before any pool waits for a connection that will not come: reads go on
 * from a standby, writes have nowhere to go. A write already under way when the primary goes
 * fails in its transaction and gets the same 503, having written nothing.
 */
final class WritesWhileAway extends OncePerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final StoreCircuit circuit;
    private final ProblemPages pages;

    WritesWhileAway(StoreCircuit circuit, ProblemPages pages) {
        this.circuit = circuit;
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod()) || circuit.available();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiException refused = ApiException.retryLater(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemHandler.STORE_RETRY_SECONDS,
                "the primary database is away: nothing can be written now (reads go on); try again shortly");
        Problems.send(request, response, refused, pages);
    }
}
