package org.ruralatlas.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A file or folder the server cannot use at start (a cache folder, the temporary directory) in one sentence. */
public class FileFailureAnalyzer extends AbstractFailureAnalyzer<IOException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IOException cause) {
        String context = null;
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            if (t instanceof UncheckedIOException u
                    && u.getMessage() != null
                    && !u.getMessage().equals(String.valueOf(cause))) {
                context = u.getMessage();
            }
        }
        String problem = FileProblems.describe(cause);
        return new FailureAnalysis(
                context == null ? problem : context + ": " + problem,
                "check the folder's path and permissions, or set another with its setting",
                cause);
    }
}
