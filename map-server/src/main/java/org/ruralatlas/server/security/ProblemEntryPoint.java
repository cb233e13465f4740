package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ruralatlas.server.error.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What a protected route answers to a request that is not allowed, as problem+json: 401 with
 * {@code WWW-Authenticate: Bearer} when credentials are missing or refused (RFC 6750 §3:
 * {@code error="invalid_token"} for a refused one); 403 when the caller is known but lacks the
 * authority, and for every administrator's request ({@code /admin/…}, the actuator beyond health)
 * while administration is off (no token could help, so asking for one would mislead).
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String REALM = "Bearer realm=\"ruralatlas\"";

    private final AdminProperties admin;
    private final RequestMatcher adminPaths;

    ProblemEntryPoint(AdminProperties admin, RequestMatcher adminPaths) {
        this.admin = admin;
        this.adminPaths = adminPaths;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (!admin.enabled() && adminPaths.matches(request)) {
            forbidden(
                    request,
                    response,
                    "administration is off: start the server with ruralatlas.admin.token ("
                            + AdminProperties.MIN_TOKEN_LENGTH + " characters or more)");
            return;
        }
        boolean refused = request.getAttribute(BearerTokenFilter.REFUSED) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, refused ? REALM + ", error=\"invalid_token\"" : REALM);
        Problems.write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        refused ? "the bearer token is not valid" : "this request needs Authorization: Bearer <token>",
                        "Authorization",
                        request));
    }

    @Override
    public void handle(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException denied)
            throws IOException {
        if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
            forbidden(
                    request,
                    response,
                    "this write is signed in by the session cookie and needs the header " + SignedInSession.CSRF_HEADER
                            + " with the session's CSRF token (from GET /session)");
            return;
        }
        forbidden(
                request,
                response,
                SecurityConfiguration.FEATURE_WRITES.matches(request)
                        ? "writing features needs an editor's or an administrator's account"
                        : "this request needs the administrator's token");
    }

    private static void forbidden(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, detail, null, request));
    }
}
