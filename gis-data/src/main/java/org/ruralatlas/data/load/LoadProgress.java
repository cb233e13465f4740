package org.ruralatlas.data.load;

import java.io.PrintStream;
import java.util.Locale;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.store.postgis.PostgisWriter;

/**
 * The loader's progress on stderr: while a layer loads, its rows read and rows per second at
 * most every two seconds; when it is in its table, the total, the time and how many rows were
 * new or changed. A long load is never silent.
 */
final class LoadProgress implements PostgisWriter.Progress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private long start;
    private long lastPrinted;

    LoadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void read(Layer layer, long rows) {
        long now = System.nanoTime();
        if (rows == 0) {
            start = now;
            lastPrinted = now;
        } else if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            out.printf(Locale.ROOT, "load %s: %,d rows read, %,.0f rows/s%n", layer.id(), rows, rows / seconds(now));
        }
    }

    @Override
    public void loaded(Layer layer, long rows, long written) {
        double seconds = seconds(System.nanoTime());
        out.printf(
                Locale.ROOT,
                "load %s: %,d rows in %.1f s, %,.0f rows/s; %,d new or changed%n",
                layer.id(),
                rows,
                seconds,
                rows / seconds,
                written);
    }

    private double seconds(long now) {
        return Math.max(1e-3, (now - start) / 1e9);
    }
}
