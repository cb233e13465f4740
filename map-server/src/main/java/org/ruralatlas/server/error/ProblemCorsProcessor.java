package org.ruralatlas.server.error;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, refusing as problem+json (Spring writes a bare "Invalid CORS request"). */
public final class ProblemCorsProcessor extends DefaultCorsProcessor {

    @Override
    protected void rejectRequest(ServerHttpResponse response) throws IOException {
        response.setStatusCode(HttpStatus.FORBIDDEN);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody()
                .write(Problems.json(Problems.of(
                        HttpStatus.FORBIDDEN,
                        "This cross-origin request is not allowed: pages of any origin may read (GET, HEAD), nothing more.",
                        null,
                        null)));
        response.flush();
    }
}
