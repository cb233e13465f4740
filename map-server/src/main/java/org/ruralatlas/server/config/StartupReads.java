package org.ruralatlas.server.config;

import java.time.Duration;
import java.util.function.Supplier;
import org.ruralatlas.data.store.StoreBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a server makes while it starts wait for a busy pool instead of failing the start: a request may wait
 * only the configured connection timeout (half a second by default), but a start on a loaded machine, with
 * the other start-up work holding the pool's connections, can need longer. Only a busy pool is waited for; a
 * database that cannot be reached fails the start at once, with its reason.
 */
public final class StartupReads {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReads.class);

    /** How long a start waits for connections, in all. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private StartupReads() {}

    /** The value of {@code read}, tried again while the store is busy, for {@link #PATIENCE} at most. */
    public static <T> T patiently(String what, Supplier<T> read) {
        return patiently(what, read, PATIENCE);
    }

    static <T> T patiently(String what, Supplier<T> read, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StoreBusyException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LOG.info("{} at start: the database's connections are busy ({}); trying again", what, attempt);
                try {
                    Thread.sleep(Math.min(1000, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
