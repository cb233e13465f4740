package org.ruralatlas.server.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No zombie: an {@link Error} (an OutOfMemoryError above all) that ends any thread stops the
 * whole process with exit code {@value #EXIT_CODE}, so that a supervisor (systemd, Kubernetes)
 * restarts it, instead of a process that stays up with its poller, change feed or housekeepers
 * dead and answers nothing. It tries a clean stop for a few seconds (the scratch folder deleted,
 * pools closed), then halts. An exception that ends a thread is logged, and the workers' health
 * says DOWN if it was one of them. Start the JVM with {@code -XX:+ExitOnOutOfMemoryError} too:
 * it also covers an OutOfMemoryError that some code catches.
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {

    /** The exit code of a process stopped by an Error. */
    public static final int EXIT_CODE = 70;

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {}

    /** Makes this the handler of every thread that has none of its own. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors());
    }

    /**
     * For an Error caught where it cannot end its thread (a request, a task): stops the process as
     * if the thread had died of it, when the handler is installed (the jar's main; not in tests).
     */
    public static void fatal(Throwable error) {
        if (Thread.getDefaultUncaughtExceptionHandler() instanceof FatalErrors f) {
            f.uncaughtException(Thread.currentThread(), error);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        if (!(e instanceof Error)) {
            LOG.error("thread {} stopped: {}", thread.getName(), e.toString(), e);
            return;
        }
        try {
            LOG.error(
                    "RuralAtlas stops (exit code {}): thread {} died of {}",
                    EXIT_CODE,
                    thread.getName(),
                    e.toString(),
                    e);
        } catch (Throwable logging) {
            // too far gone to log: stop all the same
        }
        try {
            Thread exit = new Thread(() -> System.exit(EXIT_CODE), "fatal-exit");
            exit.setDaemon(true);
            exit.start();
            exit.join(5000);
        } catch (Throwable stuck) {
            // no memory for a thread, or interrupted: halt at once
        }
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
