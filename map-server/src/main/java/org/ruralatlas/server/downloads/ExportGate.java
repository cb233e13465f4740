package org.ruralatlas.server.downloads;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Turnstile;
import org.ruralatlas.server.web.RequestPaths;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@code max-concurrent-exports} exports run at once (a whole-layer file being produced, a
 * filtered download being written); the others wait their turn in arrival order, up to the queue
 * timeout, then get 503 with Retry-After. Serving an already produced file needs no turn. As a
 * filter on {@code /downloads/}, it also returns any turn a request still holds when it ends, so
 * that no failure path can leak one.
 */
@Component
public class ExportGate extends OncePerRequestFilter {

    private static final String HELD = ExportGate.class.getName() + ".held";
    /** As routing sees the path: {@code /%64ownloads/…} is a download too. */
    private static final RequestMatcher DOWNLOADS = RequestPaths.pattern("/downloads/**");

    private final Turnstile turnstile;

    public ExportGate(DownloadProperties props) {
        this.turnstile = new Turnstile(props.exportPermits(), props.queueTimeout());
    }

    /** A turn to export; close it to hand it on (once; later closes do nothing). */
    public final class Turn implements AutoCloseable {
        private final HttpServletRequest request;
        private boolean open = true;

        private Turn(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public synchronized void close() {
            if (open) {
                open = false;
                turnstile.leave();
                if (request != null) {
                    request.removeAttribute(HELD);
                }
            }
        }
    }

    /** Waits for a turn in arrival order; 503 with Retry-After when the queue timeout passes first. */
    public Turn enter(HttpServletRequest request) {
        if (!turnstile.enter()) {
            throw ApiException.retryLater(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    10,
                    "every export slot is busy and the queue did not move in time; retry shortly");
        }
        Turn turn = new Turn(request);
        if (request != null) {
            request.setAttribute(HELD, turn);
        }
        return turn;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !DOWNLOADS.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(HELD) instanceof Turn turn) {
                turn.close();
            }
        }
    }
}
