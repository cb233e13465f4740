package org.ruralatlas.server.error;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request RuralAtlas refuses, with the HTTP status, the parameter at fault (null when the
 * problem is not one parameter's), a sentence for the client and any header the answer needs
 * ({@code Retry-After}, {@code Content-Range}).
 */
public class ApiException extends RuntimeException {

    /** Retry-After of a 429 or 503 that gives no time of its own. */
    public static final long DEFAULT_RETRY_SECONDS = 5;

    private final HttpStatus status;
    private final String parameter;
    private final Map<String, String> headers;

    /** A refusal; a 429 or 503 made this way still says when to come back ({@value #DEFAULT_RETRY_SECONDS} s). */
    public ApiException(HttpStatus status, String parameter, String detail) {
        this(
                status,
                parameter,
                detail,
                status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE
                        ? Map.of(HttpHeaders.RETRY_AFTER, Long.toString(DEFAULT_RETRY_SECONDS))
                        : Map.of());
    }

    private ApiException(HttpStatus status, String parameter, String detail, Map<String, String> headers) {
        // a refusal, not a fault: no stack trace is ever logged or sent, so none is taken (a hostile client makes many)
        super(detail, null, false, false);
        this.status = status;
        this.parameter = parameter;
        this.headers = Map.copyOf(headers);
    }

    /** 429 or 503: come back later; the answer carries {@code Retry-After} in whole seconds (at least 1). */
    public static ApiException retryLater(HttpStatus status, long seconds, String detail) {
        return new ApiException(
                status, null, detail, Map.of(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds))));
    }

    public static ApiException badParameter(String parameter, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, parameter, detail);
    }

    /** A CQL2 filter that cannot be used: 400 naming its parameter, e.g. {@code filter: expected ')' … at character 37}. */
    public static ApiException badFilter(org.ruralatlas.data.filter.BadFilterException e) {
        return badParameter(e.parameter(), e.parameter() + ": " + e.getMessage());
    }

    /** 413: the request asks for more than the server gives in one answer. */
    public static ApiException tooLarge(String parameter, String detail) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, parameter, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, null, detail);
    }

    /** 405 for a path that takes only the methods in {@code allow} (its {@code Allow} header, e.g. {@code GET,HEAD,OPTIONS}). */
    public static ApiException methodNotAllowed(String allow, String detail) {
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, null, detail, Map.of(HttpHeaders.ALLOW, allow));
    }

    /** 409: the request clashes with something under way (named in the detail). */
    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, null, detail);
    }

    /** 412: the precondition in {@code header} (If-Match, If-None-Match, …) does not hold; the answer names the current ETag. */
    public static ApiException preconditionFailed(String header, String etag, String detail) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, header, detail, Map.of(HttpHeaders.ETAG, etag));
    }

    /** 416 for a file of {@code length} bytes: RFC 9110 §15.5.17 asks for {@code Content-Range: bytes *}{@code /length}. */
    public static ApiException rangeNotSatisfiable(long length) {
        return new ApiException(
                HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                "Range",
                "no part of the requested range lies within the " + length + " bytes of the file",
                Map.of(HttpHeaders.CONTENT_RANGE, "bytes */" + length));
    }

    public HttpStatus status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }

    /** Headers the answer carries besides the problem itself. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Seconds for {@code Retry-After}; 0 when the answer has none. */
    public long retryAfterSeconds() {
        String s = headers.get(HttpHeaders.RETRY_AFTER);
        return s == null ? 0 : Long.parseLong(s);
    }
}
