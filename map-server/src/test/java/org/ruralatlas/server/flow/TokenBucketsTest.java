package org.ruralatlas.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    @Test
    void aKeyTakesUpToItsCapacityThenIsToldHowLongToWait() {
        TokenBuckets limit = new TokenBuckets(3, 3, Duration.ofHours(1));
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isZero();
        // one token comes back every 20 minutes
        assertThat(limit.take("a")).isBetween(1190L, 1200L);
        assertThat(limit.take("b")).as("other keys have their own bucket").isZero();
        limit.giveBack("a");
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isPositive();
    }

    @Test
    void tokensComeBackAtTheRefillRate() throws InterruptedException {
        TokenBuckets limit = new TokenBuckets(1, 20, Duration.ofSeconds(1));
        assertThat(limit.take("a")).isZero();
        assertThat(limit.take("a")).isEqualTo(1);
        Thread.sleep(120);
        assertThat(limit.take("a")).as("a token every 50 ms").isZero();
    }

    @Test
    void aCapacityOfZeroTurnsTheLimitOff() {
        TokenBuckets off = new TokenBuckets(0, 1, Duration.ofHours(1));
        for (int i = 0; i < 100; i++) {
            assertThat(off.take("a")).isZero();
        }
    }
}
