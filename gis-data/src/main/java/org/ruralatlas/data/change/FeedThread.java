package org.ruralatlas.data.change;

import java.util.function.Consumer;

/**
 * The thread a store listens for changes on: a daemon running the store's loop until the feed
 * is closed, which tells the loop to stop, interrupts it and waits for it.
 */
public final class FeedThread implements ChangeFeed {

    private final Thread thread;
    private volatile boolean running = true;

    private FeedThread(String name, Consumer<FeedThread> loop) {
        this.thread = new Thread(() -> loop.accept(this), name);
        this.thread.setDaemon(true);
    }

    /** Starts {@code loop}, which should return soon after {@link #running()} turns false. */
    public static FeedThread start(String name, Consumer<FeedThread> loop) {
        FeedThread feed = new FeedThread(name, loop);
        feed.thread.start();
        return feed;
    }

    /** False once the feed is closed (or its thread interrupted). */
    public boolean running() {
        return running && !thread.isInterrupted();
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
