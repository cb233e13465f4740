package org.ruralatlas.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.edit.EditRefusedException;
import org.ruralatlas.data.store.FeatureStoreException;

/** A failed job tells its importer what went wrong without the database's internals. */
class ImportJobsTest {

    @Test
    void aStoreFailureSaysNothingWasWrittenAndNoSqlOrRelation() throws Exception {
        ImportJobs.Job job = failWith(() -> new FeatureStoreException(
                "importing into farms failed: ERROR: deadlock detected\n  Detail: Process 27238 waits for ShareLock on"
                        + " transaction 794\n  Where: while inserting index tuple (78,78) in relation \"farms_cells\""
                        + "\nSQL statement \"INSERT INTO \"ruralatlas\".\"farms_cells\" …\""));
        assertThat(job.state).isEqualTo(ImportJobs.State.FAILED);
        assertThat(job.error)
                .contains("nothing was written")
                .doesNotContain("ERROR", "Process", "farms_cells", "INSERT", "ruralatlas");
    }

    @Test
    void aFaultSaysNothingWasWrittenAndNotWhatItWas() throws Exception {
        ImportJobs.Job job = failWith(() -> new IllegalStateException("org.postgresql.jdbc.PgConnection@1f2e closed"));
        assertThat(job.error).contains("nothing was written").doesNotContain("postgresql", "PgConnection");
    }

    @Test
    void theDatabasesRefusalOfTheValuesIsSaidAsItWas() throws Exception {
        ImportJobs.Job job =
                failWith(() -> new EditRefusedException("the database refused the values: value too long"));
        assertThat(job.error).isEqualTo("the database refused the values: value too long");
    }

    private static ImportJobs.Job failWith(Supplier<RuntimeException> failure) throws InterruptedException {
        CountDownLatch cleaned = new CountDownLatch(1);
        try (ImportJobs jobs = new ImportJobs()) {
            ImportJobs.Job job = jobs.start(
                    "farms",
                    "someone",
                    progress -> {
                        throw failure.get();
                    },
                    cleaned::countDown);
            assertThat(cleaned.await(10, TimeUnit.SECONDS)).isTrue();
            return job;
        }
    }
}
