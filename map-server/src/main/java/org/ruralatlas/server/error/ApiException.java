package org.ruralatlas.server.error;

import org.springframework.http.HttpStatus;

/**
 * A request RuralAtlas refuses, with the HTTP status, the parameter at fault (null when the
 * problem is not one parameter's) and a sentence for the client.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String parameter;
    private final long retryAfterSeconds;

    public ApiException(HttpStatus status, String parameter, String detail) {
        this(status, parameter, detail, 0);
    }

    private ApiException(HttpStatus status, String parameter, String detail, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: the client sent too many requests; it may try again after {@code seconds} (Retry-After). */
    public static ApiException tooManyRequests(String detail, long seconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, null, detail, seconds);
    }

    /** Seconds for a Retry-After header; 0 when there is none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
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
}
