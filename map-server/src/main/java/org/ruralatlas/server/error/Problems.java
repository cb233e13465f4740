package org.ruralatlas.server.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem answers written straight to the servlet response, for filters that answer
 * before Spring MVC (and so before {@link ProblemHandler}) sees the request.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** Writes the problem; {@code retryAfterSeconds} above 0 adds {@code Retry-After}. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
            long retryAfterSeconds) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.resetBuffer();
        response.setStatus(status.value());
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
