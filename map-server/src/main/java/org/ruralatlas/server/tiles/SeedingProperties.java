package org.ruralatlas.server.tiles;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Seeding jobs started over HTTP ({@code ruralatlas.tiles.seeding.*}).
 *
 * @param maxTiles the most tiles one job may cover (counted from its box and zooms before it
 *     starts); Bắc Ninh at zooms 6–16 is about 60,000, the whole of Vietnam at 6–14 about 450,000
 * @param jobsAtOnce jobs that run at the same time (each with the tile producer's threads)
 * @param queuedJobs jobs that may wait for a turn; beyond, a new one is refused with 503
 * @param keepFinished how long a finished, failed or cancelled job stays listed
 */
@ConfigurationProperties("ruralatlas.tiles.seeding")
public record SeedingProperties(
        @DefaultValue("5000000") long maxTiles,
        @DefaultValue("1") int jobsAtOnce,
        @DefaultValue("8") int queuedJobs,
        @DefaultValue("1h") Duration keepFinished) {

    public SeedingProperties {
        if (maxTiles < 1 || jobsAtOnce < 1 || queuedJobs < 0 || keepFinished.isNegative()) {
            throw new IllegalArgumentException(
                    "ruralatlas.tiles.seeding: max-tiles and jobs-at-once must be at least 1, "
                            + "queued-jobs and keep-finished not negative");
        }
    }
}
