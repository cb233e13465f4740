package org.ruralatlas.server.downloads;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Open-data downloads ({@code ruralatlas.downloads.*}).
 *
 * @param cacheDir where whole-layer exports are kept, one file per layer, format and data version;
 *        unset: a folder per data store under the temporary directory
 * @param cacheWholeLayers false: every download is produced afresh, as filtered ones are (for
 *        benchmarks of production throughput)
 * @param maxConcurrentExports exports produced at once (files and streamed downloads); the rest
 *        wait in arrival order; 0 means the number of processors
 * @param queueTimeout longest wait for an export turn before 503 with Retry-After
 * @param requestsPerMinute downloads each client (IP address) may start per minute, on average
 * @param burst downloads a client may start at once before the per-minute rate applies; 0 turns
 *        the rate limit off
 */
@ConfigurationProperties("ruralatlas.downloads")
public record DownloadProperties(
        Path cacheDir,
        @DefaultValue("true") boolean cacheWholeLayers,
        @DefaultValue("0") int maxConcurrentExports,
        @DefaultValue("60s") Duration queueTimeout,
        @DefaultValue("30") int requestsPerMinute,
        @DefaultValue("20") int burst) {

    public DownloadProperties {
        if (maxConcurrentExports < 0 || requestsPerMinute < 1 || burst < 0) {
            throw new IllegalArgumentException(
                    "ruralatlas.downloads: max-concurrent-exports and burst must not be negative, "
                            + "requests-per-minute must be at least 1");
        }
    }

    public int exportPermits() {
        return maxConcurrentExports > 0
                ? maxConcurrentExports
                : Runtime.getRuntime().availableProcessors();
    }
}
