package org.ruralatlas.server.tiles;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.cluster.ClusterState;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSeeder;
import org.ruralatlas.tiles.TileSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The seeding jobs started over HTTP: run on a bounded executor ({@code jobs-at-once} running,
 * {@code queued-jobs} waiting, then 503), each at most {@code max-tiles} tiles (counted before it
 * starts: 413 naming {@code zooms}), at most one at a time over any part of the same tile set's
 * area and zooms (409 naming the job), cancellable (the job stops handing out tiles at once), and
 * forgotten {@code keep-finished} after they end. Nothing here outlives the process.
 *
 * <p>On PostGIS a tile set is seeded by one server of the database at a time: its jobs hold the
 * cluster lock {@code seed:<tile set>} (an advisory lock on the primary, released when the last of
 * them ends or the server dies), and a job started on another server meanwhile gets 409, so
 * the same job started through two replicas runs once.
 */
@Component
public class SeedJobs implements AutoCloseable {

    /** Where a job stands. */
    public enum State {
        QUEUED,
        RUNNING,
        FINISHED,
        FAILED,
        CANCELLED
    }

    /** One job: what it seeds, and how far it got. */
    public final class Job {
        private final String id;
        private final TileSet set;
        private final TileArea area;
        private final String description;
        private final Instant created;
        private volatile State state = State.QUEUED;
        private volatile boolean cancelled;
        private volatile TileSeeder.Progress progress;
        private volatile String error;
        private volatile Instant ended;
        private final Runnable task = this::run;

        private Job(String id, TileSet set, TileArea area, String description) {
            this.id = id;
            this.set = set;
            this.area = area;
            this.description = description;
            this.created = clock.instant();
        }

        public String id() {
            return id;
        }

        public State state() {
            return state;
        }

        boolean active() {
            return state == State.QUEUED || state == State.RUNNING;
        }

        /** Same tile set, overlapping box and overlapping zooms: the two would write the same tiles. */
        boolean overlaps(TileSet otherSet, TileArea other) {
            Envelope a = area.box();
            return set.id().equals(otherSet.id())
                    && a.intersects(other.box())
                    && area.minZoom() <= other.maxZoom()
                    && other.minZoom() <= area.maxZoom();
        }

        private void run() {
            if (cancelled) {
                end(State.CANCELLED);
                return;
            }
            state = State.RUNNING;
            try {
                TileSeeder.Progress last =
                        new TileSeeder(cache, threads).seed(set, area, p -> progress = p, () -> cancelled);
                progress = last;
                end(last.finished() ? State.FINISHED : State.CANCELLED);
            } catch (RuntimeException e) {
                error = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                end(State.FAILED);
            }
        }

        private void end(State s) {
            ended = clock.instant();
            state = s;
            release(set);
        }

        /** The job as its status page shows it. */
        public Map<String, Object> status() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", id);
            s.put("tileset", set.id());
            s.put("area", description);
            s.put("zooms", area.minZoom() + "-" + area.maxZoom());
            s.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
            s.put("started", created.toString());
            if (ended != null) {
                s.put("ended", ended.toString());
            }
            s.put("tilesAtMost", area.upperBound());
            TileSeeder.Progress p = progress;
            if (p != null) {
                s.put("tilesDone", p.done());
                s.put("tilesProduced", p.produced());
                s.put("tilesPerSecond", Math.round(p.perSecond() * 10) / 10.0);
            }
            if (error != null) {
                s.put("error", error);
            }
            return s;
        }
    }

    private final TileCache cache;
    private final int threads;
    private final SeedingProperties props;
    private final Clock clock;
    private final ThreadPoolExecutor runners;
    private final Cluster cluster;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** The cluster lock of each tile set this server seeds, and how many of its jobs are active. */
    private final Map<String, ClusterState.Lease> leases = new java.util.HashMap<>();

    private final Map<String, Integer> holders = new java.util.HashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Autowired
    public SeedJobs(TileCache cache, TileProperties tiles, SeedingProperties props, Cluster cluster) {
        this(cache, tiles.producerThreads(), props, Clock.systemUTC(), cluster);
    }

    SeedJobs(TileCache cache, int threads, SeedingProperties props, Clock clock) {
        this(cache, threads, props, clock, Cluster.alone());
    }

    SeedJobs(TileCache cache, int threads, SeedingProperties props, Clock clock, Cluster cluster) {
        this.cluster = cluster;
        this.cache = cache;
        this.threads = threads;
        this.props = props;
        this.clock = clock;
        AtomicLong names = new AtomicLong();
        this.runners = new ThreadPoolExecutor(
                props.jobsAtOnce(),
                props.jobsAtOnce(),
                0,
                TimeUnit.SECONDS,
                props.queuedJobs() == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(props.queuedJobs()),
                r -> {
                    Thread t = new Thread(r, "tile-seed-" + names.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Queues a job, or refuses it: 413 too big, 409 overlapping an active job, 503 queue full. */
    public synchronized Job start(TileSet set, TileArea area, String description) {
        forgetOld();
        long tiles = area.upperBound();
        if (tiles > props.maxTiles()) {
            throw ApiException.tooLarge(
                    "zooms",
                    "that area and zoom range hold up to " + tiles + " tiles; a seeding job holds at most "
                            + props.maxTiles()
                            + " (ruralatlas.tiles.seeding.max-tiles): lower the top zoom or choose a smaller area");
        }
        for (Job other : jobs.values()) {
            if (other.active() && other.overlaps(set, area)) {
                throw ApiException.conflict("seeding job " + other.id + " (" + other.description + ", zooms "
                        + other.area.minZoom() + "-"
                        + other.area.maxZoom() + ") is " + other.state.name().toLowerCase(java.util.Locale.ROOT)
                        + " over the same tiles; wait for it or cancel it: DELETE /admin/tiles/jobs/" + other.id);
            }
        }
        hold(set);
        Job job = new Job(Long.toString(ids.incrementAndGet()), set, area, description);
        try {
            runners.execute(job.task);
        } catch (RejectedExecutionException e) {
            release(set);
            throw ApiException.retryLater(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    60,
                    "every seeding slot is taken and " + props.queuedJobs() + " jobs are waiting; retry later");
        }
        jobs.put(job.id, job);
        return job;
    }

    public synchronized Optional<Job> get(String id) {
        forgetOld();
        return Optional.ofNullable(jobs.get(id));
    }

    /** Every job still remembered, newest first. */
    public synchronized List<Job> list() {
        forgetOld();
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing((Job j) -> j.created)
                .thenComparing(j -> Long.parseLong(j.id))
                .reversed());
        return all;
    }

    /** Stops a job: a queued one never starts, a running one hands out no more tiles. Ended jobs are left as they are. */
    public synchronized Optional<Job> cancel(String id) {
        Optional<Job> job = get(id);
        job.filter(Job::active).ifPresent(j -> {
            j.cancelled = true;
            if (runners.remove(j.task)) {
                j.end(State.CANCELLED);
            }
        });
        return job;
    }

    /** Counts a job of {@code set} in, taking the tile set's cluster lock for the first; 409 when another server holds it. */
    private synchronized void hold(TileSet set) {
        if (!leases.containsKey(set.id())) {
            ClusterState.Lease lease = cluster.tryLock("seed:" + set.id())
                    .orElseThrow(() -> ApiException.conflict(
                            "another server of this database is seeding " + set.id() + "; wait for its job to end"));
            leases.put(set.id(), lease);
        }
        holders.merge(set.id(), 1, Integer::sum);
    }

    /** Counts a job of {@code set} out; the last one releases the tile set's cluster lock. */
    private synchronized void release(TileSet set) {
        if (holders.merge(set.id(), -1, Integer::sum) <= 0) {
            holders.remove(set.id());
            ClusterState.Lease lease = leases.remove(set.id());
            if (lease != null) {
                lease.close();
            }
        }
    }

    private void forgetOld() {
        Instant horizon = clock.instant().minus(props.keepFinished());
        jobs.values().removeIf(j -> j.ended != null && j.ended.isBefore(horizon));
    }

    @Override
    public void close() {
        jobs.values().forEach(j -> j.cancelled = true);
        runners.shutdownNow();
        try {
            // closed means stopped: no job writes a tile after this returns
            runners.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
