package org.ruralatlas.server.proposals;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Proposals from the public ({@code ruralatlas.proposals.*}). The proof of work (its difficulty,
 * a challenge's lifetime) and the trusted proxies are the survey's ({@code ruralatlas.surveys.*}).
 *
 * @param path SQLite file of the queue when the embedded GeoPackage serves (PostGIS keeps it in its
 *     own tables); unset: beside the GeoPackage ({@code <file>.proposals.sqlite})
 * @param perIpPerHour proposals (accepted or not) one client address may send per hour
 * @param perCollectionPerHour proposals one collection may receive per hour, a ceiling against spread-out floods
 */
@ConfigurationProperties("ruralatlas.proposals")
public record ProposalProperties(Path path, Integer perIpPerHour, Integer perCollectionPerHour) {

    public ProposalProperties {
        perIpPerHour = perIpPerHour == null ? 10 : perIpPerHour;
        perCollectionPerHour = perCollectionPerHour == null ? 600 : perCollectionPerHour;
        if (perIpPerHour < 1 || perCollectionPerHour < 1) {
            throw new IllegalArgumentException("ruralatlas.proposals rate limits must be at least 1 per hour");
        }
    }
}
