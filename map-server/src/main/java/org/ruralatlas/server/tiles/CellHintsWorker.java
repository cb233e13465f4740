package org.ruralatlas.server.tiles;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ruralatlas.tiles.PostgisCellHints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the cells' missing hints in the background on PostGIS ({@link PostgisCellHints}): a pass soon after start
 * (a database upgraded past V22 has them all to name) and then at a steady interval (deletes and moves leave a few),
 * each costing what is left to name, usually one probe of an empty index. A failure is logged once and tried again
 * at the next pass; the tiles stay right meanwhile, only slower to make.
 */
public final class CellHintsWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CellHintsWorker.class);

    private final List<PostgisCellHints> hints;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;

    CellHintsWorker(List<PostgisCellHints> hints, Duration first, Duration every) {
        this.hints = List.copyOf(hints);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cell-hints");
            t.setDaemon(true);
            return t;
        });
        if (!this.hints.isEmpty()) {
            thread.scheduleWithFixedDelay(this::pass, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One pass over every layer's unnamed cells; returns how many it named. */
    public long pass() {
        long total = 0;
        for (PostgisCellHints h : hints) {
            try {
                long start = System.nanoTime();
                long named = h.nameAll();
                if (named > 0) {
                    LOG.info(
                            "named the feature of {} cells of one {} feature for their tiles in {} ms",
                            named,
                            h.layer().id(),
                            (System.nanoTime() - start) / 1_000_000);
                }
                total += named;
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) {
                    LOG.warn(
                            "naming the cells of one {} feature failed ({}); trying again later",
                            h.layer().id(),
                            e.getMessage());
                }
                failing = true;
            }
        }
        return total;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
