package org.ruralatlas.data.change;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a store listens for changes on: a daemon running the store's loop until the feed
 * is closed, which tells the loop to stop, interrupts it and waits for it.
 */
public final class FeedThread implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(FeedThread.class);

    private final Thread thread;
    private volatile boolean running = true;

    private FeedThread(String name, Consumer<FeedThread> loop) {
        this.thread = new Thread(
                () -> {
                    loop.accept(this);
                    if (running) {
                        LOG.error("{} stopped while still wanted: changes are no longer heard, health is DOWN", name);
                    }
                },
                name);
        this.thread.setDaemon(true);
    }

    /** Starts {@code loop}, which should return soon after {@link #running()} turns false. */
    public static FeedThread start(String name, Consumer<FeedThread> loop) {
        FeedThread feed = new FeedThread(name, loop);
        feed.thread.start();
        return feed;
    }

    /** For the loop: false once the feed is closed (or its thread interrupted), time to return. */
    public boolean running() {
        return running && !thread.isInterrupted();
    }

    /** False once the thread has ended, whether closed or stopped by an interrupt or an error. */
    @Override
    public boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
