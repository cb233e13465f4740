package org.ruralatlas.server.flow;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bounded number of turns handed out in arrival order, each caller waiting at most a timeout:
 * the admission control shared by data requests ({@link DataRequestGate}) and exports, so both
 * queue fairly and answer "busy" the same way.
 */
public final class Turnstile {

    private final Semaphore permits;
    private final long timeoutMillis;

    public Turnstile(int turns, Duration timeout) {
        this.permits = new Semaphore(turns, true);
        this.timeoutMillis = timeout.toMillis();
    }

    /** Waits for a turn; false when the timeout passed first (or the thread was interrupted). */
    public boolean enter() {
        try {
            return permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands a turn taken by {@link #enter()} on to the next caller. */
    public void leave() {
        permits.release();
    }
}
