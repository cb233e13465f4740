package org.ruralatlas.server.flow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control for data requests ({@code ruralatlas.flow.*}).
 *
 * @param maxConcurrent data requests served at once; 0 means twice the number of processors
 * @param queueTimeout how long a request may wait for its turn before it gets 503 and Retry-After
 * @param maxConcurrentSearches searches served at once, in a turnstile of their own; 0 means the
 *     number of processors
 */
@ConfigurationProperties("ruralatlas.flow")
public record FlowProperties(
        @DefaultValue("0") int maxConcurrent,
        @DefaultValue("10s") Duration queueTimeout,
        @DefaultValue("0") int maxConcurrentSearches) {

    public int permits() {
        return maxConcurrent > 0 ? maxConcurrent : 2 * Runtime.getRuntime().availableProcessors();
    }

    public int searchPermits() {
        return maxConcurrentSearches > 0
                ? maxConcurrentSearches
                : Runtime.getRuntime().availableProcessors();
    }
}
