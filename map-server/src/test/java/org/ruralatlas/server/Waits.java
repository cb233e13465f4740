package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waits of the tests that watch a change arrive (a write reaching every server, a standby, a tile). */
final class Waits {

    private Waits() {}

    /**
     * Milliseconds from {@code since} (the write's answer or commit) to the sending of the first
     * check that holds; fails when a check sent 2 s after still does not.
     */
    static long millisUntil(long since, BooleanSupplier check) throws InterruptedException {
        while (true) {
            long sent = System.nanoTime();
            if (check.getAsBoolean()) {
                return (sent - since) / 1_000_000;
            }
            assertThat((sent - since) / 1_000_000)
                    .as("still not seen by a request sent this many ms after the write")
                    .isLessThan(2000);
            Thread.sleep(10);
        }
    }

    /**
     * Asks {@code probe} every 20 ms until {@code done} holds of its answer, and returns that
     * answer; fails after {@code seconds}, saying {@code what} was awaited and the last answer.
     */
    static <T> T until(String what, int seconds, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            T answer = probe.get();
            if (done.test(answer)) {
                return answer;
            }
            assertThat(System.nanoTime()).as("%s: %s", what, answer).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
