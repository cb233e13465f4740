package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ruralatlas.server.error.FatalErrors;

/**
 * No zombie (issue 12, finding 10): a process whose thread dies of an Error stops with exit code
 * 70 even while other threads (a web server's) would keep it up; a thread that dies of an
 * exception is logged and the process goes on.
 */
class FatalErrorsTest {

    /** A process like the server: a non-daemon thread that would run forever, and a thread that dies. */
    public static final class Victim {
        public static void main(String[] args) throws Exception {
            FatalErrors.install();
            Thread forever = new Thread(
                    () -> {
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "poller");
            forever.start();
            Thread dying = new Thread(
                    () -> {
                        if (args[0].equals("error")) {
                            throw new OutOfMemoryError("Java heap space (simulated)");
                        }
                        throw new IllegalStateException("an ordinary failure (simulated)");
                    },
                    "postgis-changes");
            dying.start();
            dying.join();
            System.out.println("still running after the thread died");
        }
    }

    private static Process victim(String how) throws Exception {
        return new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Victim.class.getName(),
                        how))
                .redirectErrorStream(true)
                .start();
    }

    @Test
    void anErrorInAnyThreadStopsTheProcessWithExitCode70() throws Exception {
        Process p = victim("error");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isEqualTo(FatalErrors.EXIT_CODE);
        assertThat(out)
                .contains("RuralAtlas stops (exit code 70): thread postgis-changes died of java.lang.OutOfMemoryError");
    }

    @Test
    void anExceptionEndsOnlyItsThread() throws Exception {
        Process p = victim("exception");
        StringBuilder out = new StringBuilder();
        try {
            // however slowly a loaded machine starts the JVM: wait for the thread to have died, then see the process
            // live on
            var lines = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (var reader = p.inputReader()) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        out.append(line).append('\n');
                        if (line.contains("still running")) {
                            return;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            lines.get(60, TimeUnit.SECONDS);
            assertThat(p.waitFor(3, TimeUnit.SECONDS))
                    .as("stopped after its thread died")
                    .isFalse();
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.toHandle().destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(out.toString())
                .contains("thread postgis-changes stopped: java.lang.IllegalStateException")
                .contains("still running");
    }
}
