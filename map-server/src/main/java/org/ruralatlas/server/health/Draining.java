package org.ruralatlas.server.health;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ruralatlas.server.error.Problems;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * New requests while the server drains get 503 with {@code Retry-After} and {@code Connection:
 * close}. On stop, Spring Boot makes readiness REFUSING_TRAFFIC first, then Tomcat's graceful
 * shutdown closes the listening socket (new connections are refused) and waits for requests in
 * flight; but a load balancer's kept-alive connection may still carry a new request in that time,
 * which would otherwise start work the stop then cuts. Requests already past this filter (a
 * streaming download) finish. Health is left alone, so readiness says OUT_OF_SERVICE itself.
 */
final class Draining extends OncePerRequestFilter
        implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private volatile boolean draining;
    private volatile boolean accepted;

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            accepted = true;
            draining = false;
        } else if (accepted) {
            // refusing after having accepted: the context is closing
            draining = true;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !draining || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        response.setHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "this server is stopping; send the request again (another server, or this one once restarted)",
                        null,
                        request));
    }
}
