package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** WAL positions as PostgreSQL writes them, and which failures of a read are its standby's. */
class ReplicasTest {

    @Test
    void walPositionsReadAndWriteAsPostgresqlDoes() {
        assertThat(Replicas.parse("0/0")).isZero();
        assertThat(Replicas.parse("16/B374D848")).isEqualTo(0x16B374D848L);
        assertThat(Replicas.format(0x16B374D848L)).isEqualTo("16/B374D848");
        // the order of positions is the order of the numbers, across the high word
        assertThat(Replicas.parse("1/0")).isGreaterThan(Replicas.parse("0/FFFFFFF8"));
        assertThatThrownBy(() -> Replicas.parse("B374D848")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInsertPositionPastAPageHeaderIsTheEndOfTheRecordBeforeIt() {
        long page = 8192;
        long segment = 16L << 20;
        // past the short header of a page: the last record ended on the page boundary
        assertThat(Replicas.endOfLastRecord(5 * page + 24, page, segment)).isEqualTo(5 * page);
        // past the long header of a segment's first page
        assertThat(Replicas.endOfLastRecord(3 * segment + 40, page, segment)).isEqualTo(3 * segment);
        // 40 bytes into any other page, or anywhere else, is where a record ended
        assertThat(Replicas.endOfLastRecord(5 * page + 40, page, segment)).isEqualTo(5 * page + 40);
        assertThat(Replicas.endOfLastRecord(5 * page + 1000, page, segment)).isEqualTo(5 * page + 1000);
    }

    @Test
    void aStandbyThatCannotBeReachedOrConflictsWithRecoveryIsAtFaultNotABadRead() {
        assertThat(ReadRoute.standbyFault(new SQLException("connection refused", "08001")))
                .isTrue();
        assertThat(ReadRoute.standbyFault(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(ReadRoute.standbyFault(new SQLException("the database system is shutting down", "57P03")))
                .isTrue();
        assertThat(ReadRoute.standbyFault(
                        new SQLException("canceling statement due to conflict with recovery", "40001")))
                .isTrue();
        assertThat(ReadRoute.standbyFault(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(ReadRoute.standbyFault(new SQLException("wrapped", "XX000", new SQLException("gone", "08006"))))
                .isTrue();
        // the read's own failures: the same on the primary
        assertThat(ReadRoute.standbyFault(new SQLException("canceling statement due to statement timeout", "57014")))
                .isFalse();
        assertThat(ReadRoute.standbyFault(new SQLException("division by zero", "22012")))
                .isFalse();
        assertThat(ReadRoute.standbyFault(new SQLException("no state"))).isFalse();
    }

    @Test
    void aStandbyThatDoesNotAnswerServesNoReadsAndIsNotWaitedFor() {
        DataSource refusing = (DataSource) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection to 127.0.0.1:1 refused", "08001");
                });
        try (Replicas r = new Replicas(
                        refusing,
                        List.of(new Replicas.Standby("127.0.0.1:1/atlas", refusing)),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(2))
                .start()) {
            assertThat(r.usable(0)).isFalse();
            assertThat(r.status().get(0).usable()).isFalse();
            assertThat(r.status().get(0).reason()).contains("refused");
            assertThat(r.lagSeconds(0)).isNaN();
            long start = System.nanoTime();
            r.awaitReplay(Replicas.parse("0/1000"));
            // no standby serves reads, so no write waits the 2 s for one
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
            assertThat(r.alive()).isTrue();
        }
        assertThat(Replicas.NONE.size()).isZero();
        assertThat(Replicas.NONE.alive()).isTrue();
    }
}
