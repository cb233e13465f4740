package org.ruralatlas.server.imports;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.ruralatlas.data.edit.EditConflictException;
import org.ruralatlas.data.edit.EditRefusedException;
import org.ruralatlas.data.imports.ImportReport;
import org.ruralatlas.data.store.FeatureStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The imports this server runs, one at a time in the order they came (a GeoPackage takes one
 * writer at a time anyway, and a PostGIS import holds one connection and one transaction), with
 * their progress and, when done, their report. Kept in this server's memory only, and honestly
 * so: an import's whole effect is one transaction, so when the server dies its job dies with it
 * and the store is as before; the last {@value #KEPT} finished jobs stay readable.
 */
@Component
public class ImportJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    static final int KEPT = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a job stands. */
    public enum State {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        REJECTED,
        FAILED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One import: whose, into which layer, how far, and how it ended. */
    public static final class Job {
        final String id;
        final String layer;
        final String actor;
        final Instant created = Instant.now();
        final AtomicLong rowsRead = new AtomicLong();
        volatile State state = State.QUEUED;
        volatile ImportReport report;
        volatile String error;

        Job(String id, String layer, String actor) {
            this.id = id;
            this.layer = layer;
            this.actor = actor;
        }

        public String id() {
            return id;
        }
    }

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruralatlas-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();

    /** Queues {@code work} (given the job's progress counter) and returns its job at once. */
    public Job start(String layer, String actor, Function<LongConsumer, ImportReport> work, Runnable cleanup) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        Job job = new Job(HexFormat.of().formatHex(random), layer, actor);
        synchronized (jobs) {
            jobs.put(job.id, job);
            jobs.values().removeIf(j -> jobs.size() > KEPT && j.state != State.QUEUED && j.state != State.RUNNING);
        }
        runner.execute(() -> {
            job.state = State.RUNNING;
            try {
                ImportReport report = work.apply(job.rowsRead::set);
                job.report = report;
                job.state = report.written() ? State.SUCCEEDED : State.REJECTED;
            } catch (RuntimeException e) {
                LOG.warn("import {} into {} failed", job.id, layer, e);
                job.error = failure(e);
                job.state = State.FAILED;
            } finally {
                cleanup.run();
            }
        });
        return job;
    }

    /**
     * What the job says of a failure: the database's refusal of the caller's values as it was refused, and for
     * anything else (the store away, a deadlock tried too often, a fault) only that nothing was written: the
     * message of those carries SQL, relation names and process ids, which stay in the log.
     */
    static String failure(RuntimeException e) {
        if (e instanceof EditRefusedException || e instanceof EditConflictException) {
            return String.valueOf(e.getMessage());
        }
        return e instanceof FeatureStoreException
                ? "The data store could not complete the import, and nothing was written; try again shortly."
                : "An internal error occurred, and nothing was written.";
    }

    public Optional<Job> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
