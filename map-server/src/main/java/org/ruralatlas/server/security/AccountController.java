package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.ApiToken;
import org.ruralatlas.data.account.IssuedToken;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.CacheControl;
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
 * A signed-in caller's own account: who it is ({@code GET /account}) and its API tokens, which it
 * creates (the secret is in that answer only), lists and revokes. The admin token is no account
 * and has no tokens to manage. Nothing here is cached anywhere.
 */
@RestController
public class AccountController {

    static final int MAX_BODY = 4096;

    private final AccountStore accounts;
    private final AccountProperties properties;

    public AccountController(AccountStore accounts, AccountProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @GetMapping("/account")
    public ResponseEntity<Map<String, Object>> whoAmI() {
        Caller c = caller();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", c.name());
        body.put("role", c.role().id());
        body.put("provinces", c.provinces());
        body.put("account", c.account());
        return private_(ResponseEntity.ok()).body(body);
    }

    @GetMapping("/account/tokens")
    public ResponseEntity<Map<String, Object>> tokens() {
        String name = account();
        return private_(ResponseEntity.ok()).body(Map.of("tokens", accounts.tokens(name).stream().map(AccountController::listed).toList()));
    }

    /** {@code {"label": "…", "expiresInDays": 30}}, both optional; 201 with the secret, once. */
    @PostMapping("/account/tokens")
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request) {
        String name = account();
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), MAX_BODY);
        IssuedToken issued = issue(accounts, properties, name, body);
        return private_(ResponseEntity.created(URI.create(Urls.base() + "/account/tokens/" + issued.token().id())))
                .body(created(issued));
    }

    @DeleteMapping("/account/tokens/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable String tokenId) {
        if (!accounts.revoke(account(), tokenId)) {
            throw ApiException.notFound("no usable token " + tokenId + " of this account");
        }
        return ResponseEntity.noContent().build();
    }

    /** A token for {@code name} as the body asks: a label and a lifetime up to the configured one. */
    static IssuedToken issue(AccountStore accounts, AccountProperties properties, String name, JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badParameter("body", "the body must be a JSON object");
        }
        for (String member : body.propertyNames()) {
            if (!member.equals("label") && !member.equals("expiresInDays")) {
                throw ApiException.badParameter(member, "unknown member " + member + "; a token takes label and expiresInDays");
            }
        }
        JsonNode label = body.path("label");
        if (!label.isMissingNode() && !(label.isString() && label.asString().length() <= 100 && ParameterText.acceptable(label.asString()))) {
            throw ApiException.badParameter("label", "label must be a text of at most 100 characters without control characters");
        }
        long maxDays = Math.max(1, properties.tokenLifetime().toDays());
        JsonNode days = body.path("expiresInDays");
        if (!days.isMissingNode() && !(days.isIntegralNumber() && days.canConvertToLong() && days.asLong() >= 1 && days.asLong() <= maxDays)) {
            throw ApiException.badParameter("expiresInDays", "expiresInDays must be a whole number from 1 to " + maxDays);
        }
        Duration lifetime = days.isMissingNode() ? properties.tokenLifetime() : Duration.ofDays(days.asLong());
        return accounts.issue(name, label.isMissingNode() ? "" : label.asString(), Instant.now().plus(lifetime));
    }

    static Map<String, Object> listed(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("label", t.label());
        m.put("created", t.created().toString());
        m.put("expires", t.expires().toString());
        m.put("revoked", t.revoked() == null ? null : t.revoked().toString());
        m.put("usable", t.usable(Instant.now()));
        return m;
    }

    static Map<String, Object> created(IssuedToken issued) {
        Map<String, Object> m = listed(issued.token());
        m.put("token", issued.secret());
        m.put("note", "this token is shown once: keep it now; RuralAtlas keeps only its digest");
        return m;
    }

    static <B extends ResponseEntity.HeadersBuilder<B>> B private_(B builder) {
        return builder.cacheControl(CacheControl.noStore());
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authorization", "no account"));
    }

    /** The caller's account name; the admin token has none. */
    private static String account() {
        Caller c = caller();
        if (!c.account()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Authorization", "the configured admin token is no account and has no tokens; "
                    + "make an account with: java -jar ruralatlas.jar account add --admin NAME");
        }
        return c.name();
    }
}
