package org.ruralatlas.server.error;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as problem+json instead of its HTML page: what the container refuses
 * before any filter runs (a malformed request line or path, an encoded {@code /} or NUL, an
 * over-long request line (414) or headers (431), a bad {@code Host}, {@code CONNECT}) and any
 * {@code sendError} without a body. Says only the status's meaning: never the server's name,
 * the request echoed back, or a stack trace.
 */
public class ProblemReportValve extends ErrorReportValve {

    /** Tomcat's message (in its locale) when the request line and headers overflow its buffer. */
    private static final String TOO_LARGE =
            StringManager.getManager("org.apache.coyote.http11").getString("iib.requestheadertoolarge.error");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (status == 400 && throwable != null && TOO_LARGE.equals(throwable.getMessage())) {
            // Tomcat says 400 for both; RFC 9110 and RFC 6585 have their own statuses
            status = request.getRequestURI() == null ? 414 : 431;
            response.setStatus(status);
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        byte[] json = Problems.json(Problems.of(HttpStatusCode.valueOf(status), detail(status), null, null));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(json, StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer has begun: nothing more to say
        }
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 ->
                "The request is malformed (request line, path, headers or Host) and was refused before it reached RuralAtlas.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request's body is too large.";
            case 414 -> "The request line (path and query) is too long.";
            case 431 -> "The request's headers are too large.";
            case 500 -> "An internal error occurred.";
            case 501 -> "This method is not implemented here.";
            case 505 -> "This HTTP version is not supported.";
            default -> "The request could not be served.";
        };
    }
}
