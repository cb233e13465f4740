package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.IssuedToken;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The administrator's accounts ({@code /admin/accounts}, behind the ADMIN role like every
 * {@code /admin} route): list them, add one ({@code {"name", "role", "provinces"}}; the answer
 * carries its first API token, once), disable or enable one ({@code PATCH {"disabled": true}}),
 * which stops its tokens and sessions at once, and give one a new sign-in password
 * ({@code POST /admin/accounts/{name}/password}). Accounts are never deleted: the audit names them.
 */
@RestController
public class AccountAdminController {

    private final AccountStore accounts;
    private final AccountProperties properties;
    private final Passwords passwords;

    public AccountAdminController(AccountStore accounts, AccountProperties properties, Passwords passwords) {
        this.accounts = accounts;
        this.properties = properties;
        this.passwords = passwords;
    }

    @GetMapping("/admin/accounts")
    public ResponseEntity<Map<String, Object>> list() {
        return AccountAnswers.private_(ResponseEntity.ok())
                .body(Map.of(
                        "accounts",
                        accounts.accounts().stream()
                                .map(AccountAdminController::listed)
                                .toList()));
    }

    @PostMapping("/admin/accounts")
    public ResponseEntity<Map<String, Object>> add(HttpServletRequest request) {
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), AccountAnswers.MAX_BODY);
        if (!body.isObject()) {
            throw ApiException.badParameter("body", "the body must be a JSON object");
        }
        for (String member : body.propertyNames()) {
            if (!List.of("name", "role", "provinces").contains(member)) {
                throw ApiException.badParameter(
                        member, "unknown member " + member + "; an account takes name, role and provinces");
            }
        }
        String name = body.path("name").isString() ? body.path("name").asString() : "";
        if (!name.matches(Account.NAME_PATTERN)) {
            throw ApiException.badParameter(
                    "name", "name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Role role = Role.of(body.path("role").isString() ? body.path("role").asString() : "")
                .orElseThrow(() -> ApiException.badParameter("role", "role is admin, reviewer or editor"));
        List<String> provinces = new ArrayList<>();
        JsonNode given = body.path("provinces");
        if (!given.isMissingNode()) {
            if (!given.isArray()) {
                throw ApiException.badParameter(
                        "provinces", "provinces is a list of two-digit 2025 province codes, e.g. [\"24\", \"26\"]");
            }
            given.forEach(p -> provinces.add(p.isString() ? p.asString() : "?"));
        }
        Account account;
        try {
            account = new Account(name, role, provinces, Instant.now(), false);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("provinces", e.getMessage());
        }
        if (!accounts.add(account)) {
            throw ApiException.conflict("an account " + name + " exists already");
        }
        IssuedToken first = accounts.issue(name, "first token", Instant.now().plus(properties.tokenLifetime()));
        Map<String, Object> out = listed(account);
        out.put("token", AccountAnswers.created(first));
        return AccountAnswers.private_(ResponseEntity.created(URI.create(Urls.base() + "/admin/accounts/" + name)))
                .body(out);
    }

    @PatchMapping("/admin/accounts/{name}")
    public ResponseEntity<Map<String, Object>> change(@PathVariable String name, HttpServletRequest request) {
        JsonNode body = JsonBodies.read(
                request,
                List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/merge-patch+json")),
                AccountAnswers.MAX_BODY);
        if (!body.isObject() || body.size() != 1 || !body.path("disabled").isBoolean()) {
            throw ApiException.badParameter("disabled", "the body is {\"disabled\": true} or {\"disabled\": false}");
        }
        if (!accounts.setDisabled(name, body.path("disabled").asBoolean())) {
            throw ApiException.notFound("no account " + name);
        }
        return AccountAnswers.private_(ResponseEntity.ok())
                .body(listed(accounts.account(name).orElseThrow()));
    }

    /**
     * A new password for browser sign-in, chosen by the server (20 random characters) and shown in
     * this answer only; the one before stops at once. Sessions already open are not ended (disable the
     * account for that).
     */
    @PostMapping("/admin/accounts/{name}/password")
    public ResponseEntity<Map<String, Object>> resetPassword(@PathVariable String name) {
        String password = passwords.reset(name).orElseThrow(() -> ApiException.notFound("no account " + name));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("password", password);
        return AccountAnswers.private_(ResponseEntity.ok()).body(out);
    }

    private static Map<String, Object> listed(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("role", a.role().id());
        m.put("provinces", a.provinces());
        m.put("created", a.created().toString());
        m.put("disabled", a.disabled());
        return m;
    }
}
