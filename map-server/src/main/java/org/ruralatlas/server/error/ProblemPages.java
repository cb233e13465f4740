package org.ruralatlas.server.error;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;

/**
 * A problem as a person reads it: a browser that asks for HTML ({@code f=html}, or an Accept that
 * prefers {@code text/html}) gets a page in its language instead of problem+json. Implemented
 * where the pages are ({@code ogcapi.ErrorPages}); declared here so that the problem handling
 * keeps depending on nothing of the pages.
 */
public interface ProblemPages {

    /** The page of {@code problem} (UTF-8 HTML), or null when {@code request} does not ask for HTML. */
    byte[] page(ProblemDetail problem, HttpServletRequest request);
}
