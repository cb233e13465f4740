package org.ruralatlas.server.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The last resort, so that every start-up failure ends in one "RuralAtlas cannot start" line and
 * no stack trace: the deepest cause's own words. Failures that Spring Boot's analyzers know (a
 * bad setting, a port in use) carry one of Spring Boot's exceptions; those are left to them.
 */
public class AnyStartupFailureAnalyzer extends AbstractFailureAnalyzer<Throwable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, Throwable cause) {
        Throwable deepest = rootFailure;
        for (Throwable t = rootFailure; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("org.springframework.boot.")) {
                return null;
            }
            deepest = t;
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return new FailureAnalysis(
                message + " (" + deepest.getClass().getSimpleName() + ")",
                "the log above says more; start with --debug for every detail",
                rootFailure);
    }
}
