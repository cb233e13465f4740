package org.ruralatlas.server.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.ApiToken;
import org.ruralatlas.data.account.IssuedToken;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** What the account routes share: how a token is asked for and shown, and that none of it is cached. */
final class AccountAnswers {

    /** The largest body an account route takes. */
    static final int MAX_BODY = 4096;

    private AccountAnswers() {}

    /** A token for {@code name} as the body asks: a label and a lifetime up to the configured one. */
    static IssuedToken issue(AccountStore accounts, AccountProperties properties, String name, JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.badParameter("body", "the body must be a JSON object");
        }
        for (String member : body.propertyNames()) {
            if (!member.equals("label") && !member.equals("expiresInDays")) {
                throw ApiException.badParameter(
                        member, "unknown member " + member + "; a token takes label and expiresInDays");
            }
        }
        JsonNode label = body.path("label");
        if (!label.isMissingNode()
                && !(label.isString()
                        && label.asString().length() <= 100
                        && ParameterText.acceptable(label.asString()))) {
            throw ApiException.badParameter(
                    "label", "label must be a text of at most 100 characters without control characters");
        }
        long maxDays = Math.max(1, properties.tokenLifetime().toDays());
        JsonNode days = body.path("expiresInDays");
        if (!days.isMissingNode()
                && !(days.isIntegralNumber()
                        && days.canConvertToLong()
                        && days.asLong() >= 1
                        && days.asLong() <= maxDays)) {
            throw ApiException.badParameter(
                    "expiresInDays", "expiresInDays must be a whole number from 1 to " + maxDays);
        }
        Duration lifetime = days.isMissingNode() ? properties.tokenLifetime() : Duration.ofDays(days.asLong());
        return accounts.issue(
                name,
                label.isMissingNode() ? "" : label.asString(),
                Instant.now().plus(lifetime));
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
}
