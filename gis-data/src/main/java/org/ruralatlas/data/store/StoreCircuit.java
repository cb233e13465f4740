package org.ruralatlas.data.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the data store answers, known without asking it on each request: a probe runs on a
 * thread of its own every {@code interval}, and at once when a request saw the store fail. Once a
 * probe finds the store away, {@link #check} refuses every request immediately (a {@link
 * StoreUnavailableException}) instead of letting each one wait for a connection, until a probe
 * succeeds again. A probe that runs longer than {@code probeTimeout} counts as a failure, so a
 * store that hangs is as away as one that refuses.
 *
 * <p>Ours rather than a library's: resilience4j's breaker is request-driven (it opens on a failure
 * rate and lets trial requests through when half open, each of which would wait for the absent
 * database); here no request ever waits on a store known to be away, and recovery is noticed by
 * the probe within one interval.
 *
 * <p>Reads may have somewhere else to go: while a streaming standby serves them ({@code
 * readsElsewhere}), {@link #read} lets them through even with the primary away, so a stopped
 * primary costs readers nothing and only writes are refused.
 */
public final class StoreCircuit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCircuit.class);

    /** Why and since when the store is away. */
    public record Outage(Instant since, String reason) {}

    private final Runnable probe;
    private final BooleanSupplier readsElsewhere;
    private final long intervalMillis;
    private final long probeTimeoutNanos;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile Outage outage;
    private volatile long probeStarted;
    private volatile boolean probing;
    private volatile boolean running = true;

    /**
     * @param probe asks the store whether it answers; throws (a {@link FeatureStoreException}) when it does not
     * @param interval time between probes
     * @param probeTimeout longest a probe may take before the store counts as away
     */
    public StoreCircuit(Runnable probe, Duration interval, Duration probeTimeout) {
        this(probe, interval, probeTimeout, () -> false);
    }

    /**
     * The same, for a store whose reads may be served elsewhere while it is away.
     *
     * @param readsElsewhere true while another copy of the data (a standby) serves reads
     */
    public StoreCircuit(Runnable probe, Duration interval, Duration probeTimeout, BooleanSupplier readsElsewhere) {
        this.probe = probe;
        this.readsElsewhere = readsElsewhere;
        this.intervalMillis = interval.toMillis();
        this.probeTimeoutNanos = probeTimeout.toNanos();
        this.thread = new Thread(this::loop, "store-probe");
        this.thread.setDaemon(true);
    }

    /** Starts probing; the store is taken as available until a probe says otherwise. */
    public StoreCircuit start() {
        thread.start();
        return this;
    }

    /** Throws {@link StoreUnavailableException} at once when the store is away. */
    public void check() {
        Optional<Outage> o = outage();
        if (o.isPresent()) {
            throw new StoreUnavailableException(
                    "the data store is unavailable: " + o.get().reason());
        }
    }

    /** Throws {@link StoreUnavailableException} at once when the store is away and no standby serves reads. */
    public void checkRead() {
        if (!readsElsewhere.getAsBoolean()) {
            check();
        }
    }

    /** Whether a read can be served now: the store answers, or a standby serves reads. */
    public boolean readable() {
        return available() || readsElsewhere.getAsBoolean();
    }

    /** Runs a call to the store when it is not known to be away; a call that fails has it probed at once. */
    public <T> T through(Supplier<T> call) {
        check();
        return watched(call);
    }

    /** Runs a read when the store is not known to be away or a standby serves reads; a failure has the store probed at once. */
    public <T> T read(Supplier<T> call) {
        checkRead();
        return watched(call);
    }

    private <T> T watched(Supplier<T> call) {
        try {
            return call.get();
        } catch (FeatureStoreException e) {
            suspect();
            throw e;
        }
    }

    /** The current outage, if the store is away (or a probe has hung past its timeout). */
    public Optional<Outage> outage() {
        Outage o = outage;
        if (o == null && probing && System.nanoTime() - probeStarted > probeTimeoutNanos) {
            return Optional.of(new Outage(
                    Instant.now(),
                    "the store has not answered a probe for "
                            + Duration.ofNanos(System.nanoTime() - probeStarted).toMillis() + " ms"));
        }
        return Optional.ofNullable(o);
    }

    public boolean available() {
        return outage().isEmpty();
    }

    /** A request saw the store fail: probe now rather than at the next interval. */
    public void suspect() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** True while the probing thread runs (it stops only when closed). */
    public boolean probing() {
        return thread.isAlive();
    }

    private void loop() {
        while (running) {
            probeStarted = System.nanoTime();
            probing = true;
            try {
                probe.run();
                probing = false;
                Outage ended = outage;
                if (ended != null) {
                    outage = null;
                    LOG.info(
                            "the data store answers again, after {} s away",
                            Duration.between(ended.since(), Instant.now()).toSeconds());
                }
            } catch (RuntimeException e) {
                probing = false;
                if (outage == null && running) {
                    outage = new Outage(Instant.now(), e.getMessage());
                    LOG.warn(
                            "the data store is unavailable ({}); data requests get 503 until it answers again",
                            e.getMessage());
                }
            }
            synchronized (wake) {
                try {
                    wake.wait(intervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
