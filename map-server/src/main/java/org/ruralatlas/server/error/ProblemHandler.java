package org.ruralatlas.server.error;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the server as RFC 9457 {@code application/problem+json}, naming the parameter
 * at fault; no stack trace ever does. Spring's own errors (unknown path, wrong method, unreadable
 * input) take the same form through {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    /** What a client is told when the data store cannot answer, and when to come back. */
    public static final String STORE_AWAY = "The data store could not answer; try again shortly.";
    public static final long STORE_RETRY_SECONDS = 5;

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.status().getReasonPhrase());
        p.setInstance(URI.create(request.getRequestURI()));
        if (e.parameter() != null) {
            p.setProperty("parameter", e.parameter());
        }
        if (e.retryAfterSeconds() > 0) {
            return ResponseEntity.status(p.getStatus()).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
        }
        return problem(p);
    }

    /** Tomcat refuses a query string it cannot split into parameters (e.g. "=x", bad %-escapes). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ProblemDetail> malformedQuery(RuntimeException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query string is malformed: every parameter needs a name, and %-escapes must be valid UTF-8.");
        p.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        p.setInstance(URI.create(request.getRequestURI()));
        return problem(p);
    }

    /**
     * The store could not answer: 503 with Retry-After. While the store is known to be away its
     * circuit has said so once in the log, so requests refused meanwhile log nothing more; another
     * failure is one line (the stack trace at debug level), not a page per request.
     */
    @ExceptionHandler(FeatureStoreException.class)
    ResponseEntity<ProblemDetail> store(FeatureStoreException e, HttpServletRequest request) {
        if (!(e instanceof StoreUnavailableException)) {
            LOG.error("store failure on {}: {}", request.getRequestURI(), e.getMessage());
            LOG.debug("store failure on {}", request.getRequestURI(), e);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, STORE_AWAY);
        p.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        p.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(p.getStatus()).header(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) {
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
                org.ruralatlas.server.FatalErrors.fatal(t);
            }
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An internal error occurred.");
        p.setTitle(HttpStatus.INTERNAL_SERVER_ERROR.getReasonPhrase());
        return problem(p);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value() && !h.containsHeader(HttpHeaders.RETRY_AFTER)) {
            // Spring's own 503 (an async request that timed out): every 503 says when to come back
            h.set(HttpHeaders.RETRY_AFTER, Long.toString(STORE_RETRY_SECONDS));
        }
        return new ResponseEntity<>(body, h, status);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
