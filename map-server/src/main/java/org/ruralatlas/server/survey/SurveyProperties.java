package org.ruralatlas.server.survey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Citizen satisfaction surveys ({@code ruralatlas.surveys.*}): how much friction and how many
 * responses the public endpoint accepts.
 *
 * @param path SQLite file of the responses when the embedded GeoPackage serves (PostGIS keeps them
 *     in its own table); unset: beside the GeoPackage ({@code <file>.surveys.sqlite}; for the
 *     sample's copy, in the run's temporary folder)
 * @param difficulty proof-of-work: leading zero bits of SHA-256(challenge:nonce) a response must show;
 *     each bit doubles the work. Default 17: about 0.6 s on average in desktop Chromium (215,000
 *     hashes/s measured with Web Crypto), a few seconds on a low-end phone; 0 turns the work off
 * @param perIpPerHour responses (accepted or not) one client address may send per hour
 * @param perCommunePerHour responses one commune may receive per hour, a ceiling against spread-out floods
 * @param challengeTtl how long a challenge may be used, once
 * @param trustedProxies addresses of reverse proxies whose X-Forwarded-For names the client
 */
@ConfigurationProperties("ruralatlas.surveys")
public record SurveyProperties(
        Path path,
        Integer difficulty,
        Integer perIpPerHour,
        Integer perCommunePerHour,
        Duration challengeTtl,
        List<String> trustedProxies) {

    public SurveyProperties {
        difficulty = difficulty == null ? 17 : difficulty;
        perIpPerHour = perIpPerHour == null ? 10 : perIpPerHour;
        perCommunePerHour = perCommunePerHour == null ? 600 : perCommunePerHour;
        challengeTtl = challengeTtl == null ? Duration.ofMinutes(10) : challengeTtl;
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (difficulty < 0 || difficulty > 30) {
            throw new IllegalArgumentException("ruralatlas.surveys.difficulty must be between 0 and 30 bits");
        }
        if (perIpPerHour < 1 || perCommunePerHour < 1) {
            throw new IllegalArgumentException("ruralatlas.surveys rate limits must be at least 1 per hour");
        }
    }
}
