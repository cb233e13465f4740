package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A browser's signed-in session: the account's name kept in the servlet session (in memory; the
 * cookie is {@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} behind TLS: application.yml), read
 * again from the store on each request by {@link SessionFilter}, so that disabling an account ends
 * its sessions at once. Only {@code POST /session} makes a signed-in session, and, when
 * configured, the sign-in through the identity provider ({@link OidcLogin}, whose session holds
 * the caller its claims gave, and which keeps a short session for the flow's state until the
 * provider sends the browser back); nothing else does.
 *
 * <p>A cookie is sent by the browser on its own, so every write that the cookie authenticates
 * needs the session's CSRF token in {@value #CSRF_HEADER} ({@link #COOKIE_WRITES}); the cookie
 * authenticates reads and the writes that need an account, no other (a survey's answer from a
 * signed-in browser stays anonymous and needs no token). Requests with
 * {@code Authorization} (API tokens, the admin token) are not authenticated by a cookie and need
 * no CSRF token: the session is then ignored.
 */
final class SignedInSession {

    /** The session attribute holding the signed-in account's name. */
    static final String ACCOUNT = SignedInSession.class.getName() + ".account";

    /**
     * The session attribute holding a caller signed in through the identity provider ({@link OidcLogin}):
     * its {@link Caller}, as the claims gave it at sign-in (it has no account in the store).
     */
    static final String OIDC_CALLER = SignedInSession.class.getName() + ".oidc";

    static final String CSRF_HEADER = "X-CSRF-TOKEN";

    /** The CSRF token of each session, kept in the session (so another session's token is refused). */
    static final HttpSessionCsrfTokenRepository CSRF = csrf();

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * The writes a session cookie authenticates: those that need an account (features, imports,
     * the account's own, reviews of proposals, administration; signing out). Any other write (a survey's answer, signing
     * in, which makes a new session) is anonymous whatever cookie comes with it, as if there were none.
     */
    static final RequestMatcher ACCOUNT_WRITES = new OrRequestMatcher(
            SecurityConfiguration.FEATURE_WRITES,
            SecurityConfiguration.IMPORTS,
            SecurityConfiguration.OWN_ACCOUNT,
            SecurityConfiguration.PROPOSAL_REVIEWS,
            SecurityConfiguration.ADMIN,
            SecurityConfiguration.ACTUATOR,
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/session"));

    /** Every write that the session cookie authenticates: each needs the session's CSRF token. */
    static final RequestMatcher COOKIE_WRITES =
            request -> !safe(request) && ACCOUNT_WRITES.matches(request) && byCookie(request);

    private SignedInSession() {}

    /** The name of the account signed in by this request's session cookie, or null. */
    static String account(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ACCOUNT) instanceof String name ? name : null;
    }

    /** Whether the cookie authenticates this request: every read, and the writes of {@link #ACCOUNT_WRITES}. */
    static boolean authenticates(HttpServletRequest request) {
        return safe(request) || ACCOUNT_WRITES.matches(request);
    }

    private static boolean safe(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    /** The caller signed in through the identity provider by this request's session cookie, or null. */
    static Caller oidcCaller(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(OIDC_CALLER) instanceof Caller c ? c : null;
    }

    static boolean byCookie(HttpServletRequest request) {
        return account(request) != null || oidcCaller(request) != null;
    }

    /** Whether this session was signed in (by password or through the identity provider). */
    static boolean signedIn(HttpSession session) {
        return session.getAttribute(ACCOUNT) != null || session.getAttribute(OIDC_CALLER) != null;
    }

    private static HttpSessionCsrfTokenRepository csrf() {
        HttpSessionCsrfTokenRepository r = new HttpSessionCsrfTokenRepository();
        r.setHeaderName(CSRF_HEADER);
        return r;
    }

    /** The Set-Cookie that has the browser forget its session cookie (signed out, or a sign-in that ended in nothing). */
    static String expiredCookie(HttpServletRequest request) {
        String cookie = request.getServletContext().getSessionCookieConfig().getName();
        return org.springframework.http.ResponseCookie.from(cookie == null ? "JSESSIONID" : cookie, "")
                .path(request.getContextPath().isEmpty() ? "/" : request.getContextPath())
                .maxAge(0)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build()
                .toString();
    }
}
