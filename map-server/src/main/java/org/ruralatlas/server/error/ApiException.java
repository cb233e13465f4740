package org.ruralatlas.server.error;

import org.springframework.http.HttpStatus;

/**
 * A request RuralAtlas refuses, with the HTTP status, the parameter at fault (null when the
 * problem is not one parameter's) and a sentence for the client.
 */
public class ApiException extends RuntimeException {

    /** Retry-After of a 429 or 503 that gives no time of its own. */
    public static final long DEFAULT_RETRY_SECONDS = 5;

    private final HttpStatus status;
    private final String parameter;
    private final long retryAfterSeconds;

    /** A refusal; a 429 or 503 made this way still says when to come back ({@value #DEFAULT_RETRY_SECONDS} s). */
    public ApiException(HttpStatus status, String parameter, String detail) {
        this(status, parameter, detail, status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE
                ? DEFAULT_RETRY_SECONDS : 0);
    }

    private ApiException(HttpStatus status, String parameter, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 or 503: come back later; the answer carries {@code Retry-After} in whole seconds (at least 1). */
    public static ApiException retryLater(HttpStatus status, long seconds, String detail) {
        return new ApiException(status, null, detail, Math.max(1, seconds));
    }

    public static ApiException badParameter(String parameter, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, parameter, detail);
    }

    /** 413: the request asks for more than the server gives in one answer. */
    public static ApiException tooLarge(String parameter, String detail) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, parameter, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }

    /** Seconds for {@code Retry-After}; 0 when the answer has none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
