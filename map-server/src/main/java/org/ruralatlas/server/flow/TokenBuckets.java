package org.ruralatlas.server.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-key rate limits (a client, a commune): a token bucket per key holding up to
 * {@code capacity} tokens and refilled at {@code refills} per {@code period}, in memory. Used for
 * download fair use and survey abuse limits, so both say "come back in n seconds" the same way.
 * Idle keys are forgotten once their bucket would be full again, which is the same as new.
 */
public final class TokenBuckets implements Allowance {

    private static final long MAX_KEYS = 200_000;

    private final double capacity;
    private final double perNano;
    private final Cache<String, Bucket> buckets;

    /** A capacity of 0 turns the limit off. */
    public TokenBuckets(int capacity, int refills, Duration period) {
        if (capacity < 0 || refills <= 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs capacity >= 0 and a positive refill rate");
        }
        this.capacity = capacity;
        this.perNano = refills / (double) period.toNanos();
        long fullAfter = (long) Math.ceil(Math.max(1, capacity) / perNano);
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofNanos(fullAfter))
                .maximumSize(MAX_KEYS)
                .build();
    }

    @Override
    public long take(String key) {
        if (capacity == 0) {
            return 0;
        }
        Bucket b = buckets.get(key, k -> new Bucket(capacity, System.nanoTime()));
        synchronized (b) {
            b.refill(System.nanoTime(), capacity, perNano);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            long waitNanos = (long) Math.ceil((1 - b.tokens) / perNano);
            return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1));
        }
    }

    @Override
    public void giveBack(String key) {
        Bucket b = buckets.getIfPresent(key);
        if (b != null) {
            synchronized (b) {
                b.tokens = Math.min(capacity, b.tokens + 1);
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        void refill(long now, double capacity, double perNano) {
            if (now > at) {
                tokens = Math.min(capacity, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
