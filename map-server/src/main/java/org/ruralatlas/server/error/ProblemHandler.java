package org.ruralatlas.server.error;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Set;
import org.ruralatlas.data.filter.BadFilterException;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the server as RFC 9457 {@code application/problem+json}, naming the parameter
 * at fault; no stack trace ever does. Spring's own errors (unknown path, wrong method, unreadable
 * input) take the same form through {@link ResponseEntityExceptionHandler}. A browser that asks
 * for HTML gets the same problem as a page in its language instead ({@link ProblemPages}), with
 * the same status and headers.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** What a client is told when the data store cannot answer, and when to come back. */
    public static final String STORE_AWAY = "The data store could not answer; try again shortly.";

    public static final long STORE_RETRY_SECONDS = 5;
    private static final String INTERNAL = "An internal error occurred.";

    private final ProblemPages pages;

    public ProblemHandler(ProblemPages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return answer(Problems.of(e, request), headers, request);
    }

    /**
     * The store could not answer: 503 with Retry-After. While the store is known to be away its
     * circuit has said so once in the log, so requests refused meanwhile log nothing more; another
     * failure is one line (the stack trace at debug level), not a page per request.
     */
    @ExceptionHandler(FeatureStoreException.class)
    ResponseEntity<Object> store(FeatureStoreException e, HttpServletRequest request) {
        return api(storeAway(e, request), request);
    }

    /** The refusal a store failure gets, logged as above; for whatever answers before Spring MVC too (the tile endpoint). */
    public static ApiException storeAway(FeatureStoreException e, HttpServletRequest request) {
        if (!(e instanceof StoreUnavailableException)) {
            LOG.error("store failure on {}: {}", request.getRequestURI(), e.getMessage());
            LOG.debug("store failure on {}", request.getRequestURI(), e);
        }
        return ApiException.retryLater(HttpStatus.SERVICE_UNAVAILABLE, STORE_RETRY_SECONDS, STORE_AWAY);
    }

    /** The refusal any other failure gets (500, no detail of it), logged with its stack trace; for answers before MVC too. */
    public static ApiException internal(RuntimeException e, HttpServletRequest request) {
        LOG.error("unexpected failure on {}", request.getRequestURI(), e);
        return new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, null, INTERNAL);
    }

    /**
     * A filter that fails while running (an overflow met in some row): 400 naming the parameter,
     * as when it fails while being read. After the response has begun (a long page, a streamed
     * download) nothing can be answered any more: the body ends where it was, unfinished (the
     * items' GeoJSON is left unclosed, so no client takes it for a whole document), as for any
     * failure after the response started.
     */
    @ExceptionHandler(BadFilterException.class)
    ResponseEntity<Object> badFilter(
            BadFilterException e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        if (response.isCommitted()) {
            LOG.info("filter refused after the response started on {}: {}", request.getRequestURI(), e.getMessage());
            return null;
        }
        return api(ApiException.badFilter(e), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(
            Exception e, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        if (org.springframework.web.util.DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the client went away mid-response (a closed tab, a cancelled download): nothing to answer
            LOG.debug("client disconnected during {}: {}", request.getRequestURI(), e.getMessage());
            return null;
        }
        if (response.isCommitted()) {
            // the body was already streaming: the status is sent, the client sees a truncated body
            LOG.error("failure after the response started on {}", request.getRequestURI(), e);
            return null;
        }
        LOG.error("unexpected failure on {}", request.getRequestURI(), e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            // out of memory (or worse) while answering: the process is no longer sound; stop it so it is restarted
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                FatalErrors.fatal(t);
            }
        }
        return answer(
                Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, null, request), new HttpHeaders(), request);
    }

    /** {@code Allow} lists what the path answers, as OPTIONS does: HEAD with GET, and OPTIONS (Spring lists only the mappings). */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Set<HttpMethod> allowed =
                new LinkedHashSet<>(e.getSupportedHttpMethods() == null ? Set.of() : e.getSupportedHttpMethods());
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setAllow(allowed);
        return super.handleHttpRequestMethodNotSupported(e, h, status, request);
    }

    /** A path nothing serves: said in the server's words, with the path as the problem's instance, not Spring's "No static resource". */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException e,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        if (!(request instanceof ServletWebRequest web)) {
            return super.handleNoResourceFoundException(e, headers, status, request);
        }
        return answer(
                Problems.of(
                        HttpStatus.NOT_FOUND,
                        "nothing is served at this path; the landing page (/) links to what is",
                        null,
                        web.getRequest()),
                headers,
                web.getRequest());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && !h.containsHeader(HttpHeaders.RETRY_AFTER)) {
            // Spring's own 503 (an async request that timed out): every 503 says when to come back
            h.set(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_SECONDS));
        }
        if (body instanceof ProblemDetail p && request instanceof ServletWebRequest web) {
            return answer(p, h, web.getRequest());
        }
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body instanceof ProblemDetail p ? Problems.body(p) : body, h, status);
    }

    /** The one way a problem is answered: a page when the request asks for HTML, else problem+json; the same status and headers either way. */
    private ResponseEntity<Object> answer(ProblemDetail p, HttpHeaders headers, HttpServletRequest request) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        byte[] page = pages.page(p, request);
        if (page != null) {
            Problems.PAGE_HEADERS.forEach(h::put);
            return new ResponseEntity<>(page, h, HttpStatusCode.valueOf(p.getStatus()));
        }
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (Problems.negotiated(request)) {
            h.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        }
        return new ResponseEntity<>(Problems.body(p), h, HttpStatusCode.valueOf(p.getStatus()));
    }
}
