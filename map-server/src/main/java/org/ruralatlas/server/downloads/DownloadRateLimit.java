package org.ruralatlas.server.downloads;

import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fair use: each client (by IP address, as the connector sees it; behind a proxy set
 * {@code server.forward-headers-strategy}) may start {@code burst} downloads at once and then
 * {@code requests-per-minute} on average: a token bucket per client. Beyond that, 429 with
 * {@code Retry-After} saying when the next download may start. Catalogue pages are not counted.
 */
@Component
public class DownloadRateLimit {

    private static final int MAX_CLIENTS = 100_000;

    private final double capacity;
    private final double perNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public DownloadRateLimit(DownloadProperties props) {
        this.capacity = props.burst();
        this.perNano = props.requestsPerMinute() / (double) TimeUnit.MINUTES.toNanos(1);
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /** Takes one download from the client's allowance, or refuses with 429. */
    public void take(HttpServletRequest request) {
        if (capacity == 0) {
            return;
        }
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            // clients whose buckets have refilled are indistinguishable from new ones: forget them
            buckets.values().removeIf(b -> refilled(b, now) >= capacity);
        }
        Bucket b = buckets.computeIfAbsent(request.getRemoteAddr(), k -> new Bucket(capacity, now));
        long waitNanos;
        synchronized (b) {
            long at = Math.max(b.at, System.nanoTime());
            b.tokens = refilled(b, at);
            b.at = at;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            waitNanos = (long) Math.ceil((1 - b.tokens) / perNano);
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        throw ApiException.retryLater(HttpStatus.TOO_MANY_REQUESTS, seconds,
                "download rate limit reached for this client; the next download may start in " + seconds + " s");
    }

    private double refilled(Bucket b, long now) {
        return Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perNano);
    }
}
