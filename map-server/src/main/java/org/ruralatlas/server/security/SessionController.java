package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Browser sign-in ({@link SignedInSession}): {@code POST /session} with {@code {"name", "password"}}
 * starts a session (a new one: a session id known before is never kept) and answers who signed in
 * with the CSRF token its writes must carry; {@code GET /session} says who the caller is (anonymous:
 * {@code {"signedIn": false}}, and no session is made); {@code DELETE /session} signs out. A refused
 * sign-in never says whether the name or the password was wrong. Attempts are rate-limited per
 * account name and per client address (429 with {@code Retry-After}).
 */
@RestController
public class SessionController {

    private static final String REFUSED = "the account name or the password is wrong";

    private final Passwords passwords;
    private final SignInLimits limits;
    private final SignedInSessions sessions;
    private final OidcProperties oidc;

    public SessionController(Passwords passwords, SignInLimits limits, SignedInSessions sessions, OidcProperties oidc) {
        this.passwords = passwords;
        this.limits = limits;
        this.sessions = sessions;
        this.oidc = oidc;
    }

    @GetMapping("/session")
    public ResponseEntity<Map<String, Object>> whoAmI(HttpServletRequest request) {
        return AccountAnswers.private_(ResponseEntity.ok()).body(describe(request));
    }

    @PostMapping("/session")
    public ResponseEntity<Map<String, Object>> signIn(HttpServletRequest request, HttpServletResponse response) {
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), AccountAnswers.MAX_BODY);
        String name = text(body, "name");
        String password = text(body, "password");
        String account = name.matches(Account.NAME_PATTERN) ? name : "";
        String address = request.getRemoteAddr();
        limits.take(account, address);
        Optional<Account> signedIn = passwords.check(name, password);
        if (signedIn.isEmpty()) {
            return AccountAnswers.private_(ResponseEntity.status(HttpStatus.UNAUTHORIZED))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ruralatlas\"")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.body(Problems.of(HttpStatus.UNAUTHORIZED, REFUSED, null, request)));
        }
        limits.giveBack(account, address);
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        sessions.started(session, signedIn.get().name());
        SignedInSession.CSRF.saveToken(SignedInSession.CSRF.generateToken(request), request, response);
        return AccountAnswers.private_(ResponseEntity.ok()).body(signedIn(Caller.of(signedIn.get()), request));
    }

    @DeleteMapping("/session")
    public ResponseEntity<Void> signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ResponseEntity.noContent()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .header(HttpHeaders.SET_COOKIE, SignedInSession.expiredCookie(request))
                .build();
    }

    private Map<String, Object> describe(HttpServletRequest request) {
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty() && oidc.login()) {
            // the viewer offers "Sign in with …" there
            return Map.of(
                    "signedIn",
                    false,
                    "signInWith",
                    Map.of("name", oidc.providerName(), "href", request.getContextPath() + OidcLogin.START));
        }
        if (caller.isEmpty()) {
            return Map.of("signedIn", false);
        }
        return signedIn(caller.get(), request);
    }

    /** Who is signed in, what it may do, and (for a session) the CSRF token its writes carry. */
    private static Map<String, Object> signedIn(Caller c, HttpServletRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedIn", true);
        body.put("name", c.name());
        body.put("role", c.role().id());
        body.put("provinces", c.provinces());
        body.put("edits", c.role() == Role.ADMIN || c.role() == Role.EDITOR);
        // a RuralAtlas account (with a password here), not a person of the identity provider
        body.put("account", c.account());
        HttpSession session = request.getSession(false);
        CsrfToken token = session == null ? null : SignedInSession.CSRF.loadToken(request);
        if (token != null && SignedInSession.signedIn(session)) {
            body.put("csrf", Map.of("header", token.getHeaderName(), "token", token.getToken()));
        }
        return body;
    }

    private static String text(JsonNode body, String member) {
        JsonNode v = body.path(member);
        if (!v.isString() || v.asString().isEmpty() || v.asString().length() > 200) {
            throw ApiException.badParameter(member, member + " is a string of 1 to 200 characters");
        }
        return v.asString();
    }
}
