package org.ruralatlas.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** What the server logs while a test runs: errors, and anything logged with a stack trace. */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> incidents = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    LogCapture() {
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.ERROR)
                || e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.INFO)) {
            incidents.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                    + (e.getThrowableProxy() != null
                            ? " (" + e.getThrowableProxy().getClassName() + ")"
                            : ""));
        }
    }

    /** Errors and stack traces logged so far. */
    List<String> incidents() {
        return List.copyOf(incidents);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
