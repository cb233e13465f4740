package org.ruralatlas.server.downloads;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Allowance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fair use: each client (by IP address, as the connector sees it; behind a proxy set
 * {@code server.forward-headers-strategy}) may start {@code burst} downloads at once and then
 * {@code requests-per-minute} on average: a token bucket per client. Beyond that, 429 with
 * {@code Retry-After} saying when the next download may start. Catalogue pages are not counted.
 * On PostGIS the buckets are shared by every server of the database (a burst spread over the
 * replicas behind a load balancer counts once).
 */
@Component
public class DownloadRateLimit {

    private final Allowance buckets;

    public DownloadRateLimit(DownloadProperties props, Cluster cluster) {
        this.buckets = cluster.allowance(
                "downloads", props.burst(), Math.max(1, props.requestsPerMinute()), Duration.ofMinutes(1));
    }

    /** Takes one download from the client's allowance, or refuses with 429. */
    public void take(HttpServletRequest request) {
        long seconds = buckets.take(request.getRemoteAddr());
        if (seconds > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    seconds,
                    "download rate limit reached for this client; the next download may start in " + seconds + " s");
        }
    }
}
