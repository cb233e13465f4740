package org.ruralatlas.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store's circuit with a probe the test controls: refuses at once while away, lets through once back. */
class StoreCircuitTest {

    private static void await(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void awayItRefusesAtOnceWithoutCallingTheStoreAndBackItLetsThrough() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        try (StoreCircuit circuit = new StoreCircuit(
                        () -> {
                            if (!up.get()) {
                                throw new FeatureStoreException("connection refused");
                            }
                        },
                        Duration.ofMillis(50),
                        Duration.ofSeconds(2))
                .start()) {
            assertThat(circuit.<Integer>through(calls::incrementAndGet)).isEqualTo(1);
            up.set(false);
            await(() -> !circuit.available(), 2000);
            assertThat(circuit.outage())
                    .get()
                    .extracting(StoreCircuit.Outage::reason)
                    .isEqualTo("connection refused");
            long start = System.nanoTime();
            assertThatThrownBy(() -> circuit.through(calls::incrementAndGet))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("connection refused");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(50);
            assertThat(calls.get()).as("the store is not called while away").isEqualTo(1);
            up.set(true);
            await(circuit::available, 2000);
            assertThat(circuit.through(calls::incrementAndGet)).isEqualTo(2);
        }
    }

    @Test
    void aFailedCallHasTheStoreProbedAtOnce() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        AtomicInteger probes = new AtomicInteger();
        try (StoreCircuit circuit = new StoreCircuit(
                        () -> {
                            probes.incrementAndGet();
                            if (!up.get()) {
                                throw new FeatureStoreException("gone");
                            }
                        },
                        Duration.ofHours(1),
                        Duration.ofSeconds(2))
                .start()) {
            await(() -> probes.get() == 1, 2000);
            up.set(false);
            assertThatThrownBy(() -> circuit.through(() -> {
                        throw new FeatureStoreException("a query failed");
                    }))
                    .hasMessage("a query failed");
            // the interval is an hour: only the failure can have woken the probe
            await(() -> !circuit.available(), 2000);
            assertThat(circuit.available()).isFalse();
            assertThat(probes.get()).isEqualTo(2);
        }
    }

    @Test
    void aProbeThatHangsCountsAsAway() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        try (StoreCircuit circuit = new StoreCircuit(
                        () -> {
                            if (probes.incrementAndGet() > 1) {
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        Duration.ofMillis(20),
                        Duration.ofMillis(200))
                .start()) {
            await(() -> probes.get() >= 2, 2000);
            await(() -> !circuit.available(), 2000);
            assertThat(circuit.outage())
                    .get()
                    .extracting(StoreCircuit.Outage::reason)
                    .asString()
                    .contains("has not answered a probe");
            release.countDown();
            await(circuit::available, 2000);
            assertThat(circuit.available()).isTrue();
        }
    }
}
