package org.ruralatlas.server.tiles;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fair use of {@code /tiles/offline/plan} ({@code ruralatlas.tiles.offline-plan.*}): one plan walks
 * up to 100,000 tiles' cache entries, so each client (IP address) may ask {@code burst} at once and
 * then {@code requestsPerMinute} on average. The viewer asks one to estimate an area, one to save
 * it (or resume it) and one to update it, so a person never comes near the default.
 *
 * @param requestsPerMinute plans a client may ask per minute, on average
 * @param burst plans a client may ask at once before the per-minute rate applies; 0 turns the
 *     limit off
 */
@ConfigurationProperties("ruralatlas.tiles.offline-plan")
public record OfflinePlanProperties(
        @DefaultValue("6") int requestsPerMinute,
        @DefaultValue("12") int burst) {

    public OfflinePlanProperties {
        if (requestsPerMinute < 1 || burst < 0) {
            throw new IllegalArgumentException(
                    "ruralatlas.tiles.offline-plan: requests-per-minute must be at least 1, burst not negative");
        }
    }
}
