package org.ruralatlas.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.DiskTiles;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.HttpStatus;

/** The seeding job registry, with a tile producer that takes its time and a clock the test moves. */
class SeedJobsTest {

    @TempDir
    Path dir;

    final AtomicInteger produced = new AtomicInteger();
    final MovableClock clock = new MovableClock();
    TileCache cache;
    TileSet tourism;
    TileSet farms;

    @BeforeEach
    void open() {
        LayerCatalog catalog = LayerCatalog.load();
        tourism = TileSet.of(catalog.require("tourism"));
        farms = TileSet.of(catalog.require("farms"));
        cache = new TileCache(
                (set, tile, g) -> {
                    produced.incrementAndGet();
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new byte[0];
                },
                new DiskTiles(dir),
                1 << 20,
                2,
                1 << 20,
                List.of(tourism, farms),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        cache.close();
    }

    SeedJobs jobs(long maxTiles, int queued) {
        return new SeedJobs(cache, 2, new SeedingProperties(maxTiles, 1, queued, Duration.ofHours(1)), clock);
    }

    static TileArea area(double minx, double miny, double maxx, double maxy, int from, int to) {
        return new TileArea(new Envelope(minx, maxx, miny, maxy), null, from, to);
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %d ms", millis).isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void aJobRunsToItsEndAndIsForgottenAnHourAfterIt() throws Exception {
        try (SeedJobs jobs = jobs(1_000_000, 4)) {
            SeedJobs.Job job = jobs.start(tourism, area(105.8, 21.0, 105.9, 21.1, 0, 8), "bbox");
            await(() -> job.state() == SeedJobs.State.FINISHED, 30_000);
            assertThat(job.status().get("tilesDone")).isEqualTo(job.status().get("tilesAtMost"));
            clock.advance(Duration.ofMinutes(59));
            assertThat(jobs.list()).extracting(SeedJobs.Job::id).containsExactly(job.id());
            clock.advance(Duration.ofMinutes(2));
            assertThat(jobs.list()).isEmpty();
            assertThat(jobs.get(job.id())).isEmpty();
        }
    }

    @Test
    void aCancelledJobStopsAtOnceAndProducesNothingMore() throws Exception {
        try (SeedJobs jobs = jobs(10_000_000, 4)) {
            SeedJobs.Job job = jobs.start(tourism, area(102, 8, 110, 23.5, 0, 16), "Vietnam");
            await(() -> produced.get() > 20, 30_000);
            long cancelled = System.nanoTime();
            assertThat(jobs.cancel(job.id())).isPresent();
            await(() -> job.state() == SeedJobs.State.CANCELLED, 5_000);
            long took = (System.nanoTime() - cancelled) / 1_000_000;
            int after = produced.get();
            Thread.sleep(300);
            assertThat(produced.get())
                    .as("no tile produced after the job ended")
                    .isEqualTo(after);
            assertThat((long) job.status().get("tilesDone"))
                    .isLessThan((long) job.status().get("tilesAtMost"));
            assertThat(took).as("ms from DELETE to cancelled").isLessThan(2_000);
        }
    }

    @Test
    void aSecondJobOverTheSameTilesIsRefusedNamingTheFirstAndOthersAreNot() throws Exception {
        try (SeedJobs jobs = jobs(10_000_000, 4)) {
            SeedJobs.Job first = jobs.start(tourism, area(105, 20, 107, 22, 0, 16), "first");
            assertThatThrownBy(() -> jobs.start(tourism, area(106, 21, 108, 23, 10, 12), "overlapping"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                        assertThat(e.getMessage()).contains("seeding job " + first.id());
                    });
            // another set, other zooms or a box apart: no clash
            assertThat(jobs.start(farms, area(106, 21, 108, 23, 10, 12), "farms")
                            .state())
                    .isEqualTo(SeedJobs.State.QUEUED);
            assertThat(jobs.start(tourism, area(106, 21, 108, 23, 17, 17), "deeper")
                            .state())
                    .isEqualTo(SeedJobs.State.QUEUED);
            assertThat(jobs.start(tourism, area(100, 8, 101, 9, 0, 16), "apart").state())
                    .isEqualTo(SeedJobs.State.QUEUED);
            jobs.list().forEach(j -> jobs.cancel(j.id()));
        }
    }

    @Test
    void aJobBeyondTheMaximumIsRefusedBeforeItStartsNamingZooms() {
        try (SeedJobs jobs = jobs(100_000, 4)) {
            assertThatThrownBy(() -> jobs.start(tourism, area(-180, -85, 180, 85, 0, 14), "world"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                        assertThat(e.parameter()).isEqualTo("zooms");
                    });
            assertThat(jobs.list()).isEmpty();
            assertThat(produced.get()).isZero();
        }
    }

    @Test
    void jobsWaitOnABoundedQueueAndAQueuedOneCancelledNeverRuns() throws Exception {
        try (SeedJobs jobs = jobs(10_000_000, 1)) {
            SeedJobs.Job running = jobs.start(tourism, area(105, 20, 106, 21, 0, 16), "running");
            await(() -> running.state() == SeedJobs.State.RUNNING, 5_000);
            SeedJobs.Job queued = jobs.start(tourism, area(100, 8, 101, 9, 0, 16), "queued");
            assertThatThrownBy(() -> jobs.start(farms, area(100, 8, 101, 9, 0, 16), "one too many"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.retryAfterSeconds()).isPositive();
                    });
            jobs.cancel(queued.id());
            assertThat(queued.state()).isEqualTo(SeedJobs.State.CANCELLED);
            jobs.cancel(running.id());
            await(() -> running.state() == SeedJobs.State.CANCELLED, 5_000);
            assertThat(queued.status()).doesNotContainKey("tilesDone");
        }
    }

    /** A clock that moves only when told. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-30T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
