package org.ruralatlas.server.survey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed-window counter per key (a hashed client address, a commune): at most {@code limit}
 * events per window, in memory. Windows start at a key's first event; idle keys are forgotten.
 */
final class RateLimit {

    private final int limit;
    private final Cache<String, AtomicInteger> windows;
    private final Duration window;

    RateLimit(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        this.windows = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(200_000).build();
    }

    /** Counts an event; false when the key has used up its window (the event is then not counted). */
    boolean tryAcquire(String key) {
        AtomicInteger n = windows.get(key, k -> new AtomicInteger());
        while (true) {
            int used = n.get();
            if (used >= limit) {
                return false;
            }
            if (n.compareAndSet(used, used + 1)) {
                return true;
            }
        }
    }

    /** Gives back an event counted by {@link #tryAcquire} that did not happen after all. */
    void release(String key) {
        AtomicInteger n = windows.getIfPresent(key);
        if (n != null) {
            n.updateAndGet(v -> Math.max(0, v - 1));
        }
    }

    long retryAfterSeconds() {
        return window.toSeconds();
    }
}
