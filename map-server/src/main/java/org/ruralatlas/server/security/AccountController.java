package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.IssuedToken;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A signed-in caller's own account: who it is ({@code GET /account}), its password ({@code POST
 * /account/password}) and its API tokens, which it creates (the secret is in that answer only),
 * lists and revokes. The admin token is no account
 * and has no tokens to manage. Nothing here is cached anywhere.
 */
@RestController
public class AccountController {

    private final AccountStore accounts;
    private final AccountProperties properties;
    private final Passwords passwords;
    private final SignInLimits limits;
    private final SignedInSessions sessions;

    public AccountController(
            AccountStore accounts,
            AccountProperties properties,
            Passwords passwords,
            SignInLimits limits,
            SignedInSessions sessions) {
        this.accounts = accounts;
        this.properties = properties;
        this.passwords = passwords;
        this.limits = limits;
        this.sessions = sessions;
    }

    @GetMapping("/account")
    public ResponseEntity<Map<String, Object>> whoAmI() {
        Caller c = caller();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", c.name());
        body.put("role", c.role().id());
        body.put("provinces", c.provinces());
        body.put("account", c.account());
        return AccountAnswers.private_(ResponseEntity.ok()).body(body);
    }

    @GetMapping("/account/tokens")
    public ResponseEntity<Map<String, Object>> tokens() {
        String name = account();
        return AccountAnswers.private_(ResponseEntity.ok())
                .body(Map.of(
                        "tokens",
                        accounts.tokens(name).stream()
                                .map(AccountAnswers::listed)
                                .toList()));
    }

    /** {@code {"label": "…", "expiresInDays": 30}}, both optional; 201 with the secret, once. */
    @PostMapping("/account/tokens")
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
        String name = account();
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), AccountAnswers.MAX_BODY);
        IssuedToken issued = AccountAnswers.issue(accounts, properties, name, body);
        return AccountAnswers.private_(ResponseEntity.created(URI.create(
                        Urls.base() + "/account/tokens/" + issued.token().id())))
                .body(AccountAnswers.created(issued));
    }

    @DeleteMapping("/account/tokens/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable String tokenId) {
        if (!accounts.revoke(account(), tokenId)) {
            throw ApiException.notFound("no usable token " + tokenId + " of this account");
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code {"currentPassword": "…", "newPassword": "…"}}: the account chooses its own password
     * ({@link Passwords#weakness}: 422 naming {@code newPassword}). The current one must be given
     * (403 naming {@code currentPassword} when wrong, rate-limited as signing in is: 429). 204; the
     * account's other sessions end, on every server ({@link SignedInSessions}), the one that asked
     * (when a session asked) stays signed in.
     */
    @PostMapping("/account/password")
    public ResponseEntity<Void> changePassword(HttpServletRequest request) {
        String name = account();
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), AccountAnswers.MAX_BODY);
        String current = password(body, "currentPassword");
        String chosen = password(body, "newPassword");
        Passwords.weakness(chosen, name).ifPresent(why -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "newPassword", why);
        });
        limits.take(name, request.getRemoteAddr());
        if (passwords.check(name, current).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "currentPassword", "the current password is wrong");
        }
        limits.giveBack(name, request.getRemoteAddr());
        if (chosen.equals(current)) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "newPassword", "the new password is the current one");
        }
        if (!passwords.change(name, chosen)) {
            throw ApiException.notFound("no account " + name);
        }
        sessions.passwordChanged(name, SignedInSession.byCookie(request) ? request.getSession(false) : null);
        return ResponseEntity.noContent()
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .build();
    }

    private static String password(JsonNode body, String member) {
        JsonNode v = body.path(member);
        if (!v.isString() || v.asString().isEmpty() || v.asString().length() > 200) {
            throw ApiException.badParameter(member, member + " is a string of 1 to 200 characters");
        }
        return v.asString();
    }

    private static Caller caller() {
        return Caller.current()
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authorization", "no account"));
    }

    /** The caller's account name; the admin token has none. */
    private static String account() {
        Caller c = caller();
        if (!c.account()) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "Authorization",
                    "this caller (the configured admin token, or a person of the identity provider) is no account "
                            + "of RuralAtlas and has no tokens or password here; "
                            + "make an account with: java -jar ruralatlas.jar account add --admin NAME");
        }
        return c.name();
    }
}
