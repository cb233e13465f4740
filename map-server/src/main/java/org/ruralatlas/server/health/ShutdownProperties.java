package org.ruralatlas.server.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stopping behind a load balancer ({@code ruralatlas.shutdown.*}).
 *
 * @param drainDelay how long a stopping server keeps its socket open with readiness OUT_OF_SERVICE,
 *     answering new requests 503 with Retry-After while requests in flight go on, before the
 *     graceful shutdown closes it: long enough for the balancer's health check to notice (two of
 *     its intervals); 0 closes the socket at once
 */
@ConfigurationProperties("ruralatlas.shutdown")
public record ShutdownProperties(@DefaultValue("0s") Duration drainDelay) {

    public ShutdownProperties {
        if (drainDelay.isNegative() || drainDelay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(
                    "ruralatlas.shutdown.drain-delay must be between 0 and 5 minutes, not " + drainDelay);
        }
    }
}
