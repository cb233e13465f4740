package org.ruralatlas.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.StoreBusyException;

/**
 * A start waits for a busy pool (HikariCP's timeout with no driver failure behind it), and only for that: a
 * database that cannot be reached, or any other failure, fails the start at once; a pool busy past the
 * patience fails it too.
 */
class StartupReadsTest {

    private static RuntimeException pool(Throwable cause) {
        SQLTransientConnectionException e = new SQLTransientConnectionException(
                "postgis - Connection is not available, request timed out after 511ms (total=2, active=2)");
        if (cause != null) {
            e.initCause(cause);
        }
        return FeatureStoreException.of("version of farms", e);
    }

    @Test
    void aBusyPoolIsWaitedForUntilItAnswers() {
        AtomicInteger tries = new AtomicInteger();
        String version = StartupReads.patiently("the version of farms", () -> {
            if (tries.incrementAndGet() < 4) {
                throw pool(null);
            }
            return "7";
        });
        assertThat(version).isEqualTo("7");
        assertThat(tries).hasValue(4);
    }

    @Test
    void anUnreachableDatabaseFailsTheStartAtOnce() {
        RuntimeException refused = pool(new ConnectException("Connection refused"));
        assertThat(refused).isNotInstanceOf(StoreBusyException.class).isInstanceOf(FeatureStoreException.class);
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> StartupReads.patiently("the version of farms", () -> {
                    tries.incrementAndGet();
                    throw refused;
                }))
                .isSameAs(refused);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aPoolBusyPastThePatienceFailsTheStart() {
        AtomicInteger tries = new AtomicInteger();
        long started = System.nanoTime();
        assertThatThrownBy(() -> StartupReads.patiently(
                        "the version of farms",
                        () -> {
                            tries.incrementAndGet();
                            throw pool(null);
                        },
                        Duration.ofMillis(300)))
                .isInstanceOf(StoreBusyException.class)
                .hasMessageContaining("request timed out");
        assertThat(tries.get()).isGreaterThan(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
