package org.ruralatlas.tiles;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fills the disk cache of a tile set over an area ahead of users, with a fixed number of
 * threads and at most twice that many tiles in flight, so that a job of any size runs in
 * bounded memory; reports progress about once a second.
 */
public final class TileSeeder {

    /** Where a job stands: tiles done of an upper bound, how many were produced (the rest were on disk), tiles per second. */
    public record Progress(long done, long upperBound, long produced, double perSecond, boolean finished) {}

    private final TileCache cache;
    private final int threads;

    public TileSeeder(TileCache cache, int threads) {
        this.cache = cache;
        this.threads = Math.max(1, threads);
    }

    public Progress seed(TileSet set, TileArea area, Consumer<Progress> progress) {
        return seed(set, area, progress, () -> false);
    }

    /**
     * Seeds until done or until {@code stop} says so (checked before each tile is handed out):
     * then no new tile starts, the ones in flight (at most twice the threads) finish, and the
     * last progress is not {@code finished}.
     */
    public Progress seed(TileSet set, TileArea area, Consumer<Progress> progress, BooleanSupplier stop) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Semaphore inFlight = new Semaphore(threads * 2);
        AtomicLong done = new AtomicLong();
        AtomicLong produced = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long total = area.upperBound();
        long lastReport = start;
        boolean stopped = false;
        try {
            for (TileCoord t : area.tiles()) {
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        if (cache.seed(set, t)) {
                            produced.incrementAndGet();
                        }
                        done.incrementAndGet();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L) {
                    lastReport = now;
                    progress.accept(new Progress(done.get(), total, produced.get(), rate(done.get(), start), false));
                }
            }
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            pool.shutdownNow();
            awaitInFlight(pool);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Progress last = new Progress(done.get(), total, produced.get(), rate(done.get(), start), !stopped);
        progress.accept(last);
        return last;
    }

    /**
     * Interrupted (its job's executor shut down), the seed still returns only once the tiles in
     * flight are written or given up, so no tile is written after it: the cache or its folder may
     * be closed or deleted next.
     */
    private static void awaitInFlight(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pool.isTerminated() && System.nanoTime() < end) {
            try {
                pool.awaitTermination(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static double rate(long done, long start) {
        double secs = (System.nanoTime() - start) / 1e9;
        return secs > 0 ? done / secs : 0;
    }
}
