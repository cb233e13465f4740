package org.ruralatlas.server.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The survey's proof of work and rate limits, without a server. */
class ProofOfWorkTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private static ProofOfWork work(Clock clock) {
        return new ProofOfWork("a-secret-for-tests", 8, Duration.ofMinutes(10), clock, ledger());
    }

    /** The store's part, in memory: a set of used ids. */
    private static ChallengeLedger ledger() {
        java.util.Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return (id, expires) -> used.add(id);
    }

    @ParameterizedTest
    @CsvSource({"00ff, 8", "0fff, 4", "8000, 0", "0001, 15", "0000, 16", "01ff, 7"})
    void countsLeadingZeroBits(String hex, int bits) {
        assertThat(ProofOfWork.leadingZeroBits(java.util.HexFormat.of().parseHex(hex)))
                .isEqualTo(bits);
    }

    @Test
    void aSolvedChallengeIsAcceptedOnceForItsCommune() {
        ProofOfWork w = work(Clock.fixed(NOW, ZoneOffset.UTC));
        String c = w.challenge("07330");
        String nonce = ProofOfWork.solve(c, 8);
        assertThat(w.refuse(c, nonce, "07331")).contains("another commune");
        assertThat(w.refuse(c, nonce, "07330")).isNull();
        assertThat(w.refuse(c, nonce, "07330")).contains("already used");
    }

    @Test
    void refusesForgedExpiredAndUnsolvedChallenges() {
        ProofOfWork w = work(Clock.fixed(NOW, ZoneOffset.UTC));
        String c = w.challenge("07330");
        String[] parts = c.split("\\.");
        String longer = (Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2] + "." + parts[3];
        assertThat(w.refuse(longer, ProofOfWork.solve(longer, 8), "07330")).contains("not issued by this server");
        assertThat(new ProofOfWork(
                                "another-secret", 8, Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC), ledger())
                        .refuse(c, ProofOfWork.solve(c, 8), "07330"))
                .contains("not issued by this server");
        ProofOfWork later = work(Clock.fixed(NOW.plus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        assertThat(later.refuse(c, ProofOfWork.solve(c, 8), "07330")).contains("expired");
        String unsolved = null;
        for (int n = 0; unsolved == null; n++) {
            if (ProofOfWork.leadingZeroBits(ProofOfWork.sha256(c + ":" + n)) < 8) {
                unsolved = Integer.toString(n);
            }
        }
        assertThat(w.refuse(c, unsolved, "07330")).contains("does not solve");
        assertThat(w.refuse("garbage", "1", "07330")).contains("malformed");
        assertThat(w.refuse(null, null, "07330")).contains("required");
    }
}
