package org.ruralatlas.server.config;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Says why the server cannot start in one line on standard error, instead of Spring's report or
 * a stack trace: an operator with a wrong URL or an old schema reads one sentence and knows what to do.
 */
public class StartupFailureReporter implements FailureAnalysisReporter {

    @Override
    public void report(FailureAnalysis analysis) {
        String description = oneLine(analysis.getDescription());
        String action = oneLine(analysis.getAction());
        System.err.println("RuralAtlas cannot start: " + description + (action.isEmpty() ? "" : " (" + action + ")"));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
