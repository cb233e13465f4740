package org.ruralatlas.server.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ruralatlas.data.account.Role;

/**
 * The RuralAtlas caller that the identity provider's claims describe ({@link OidcProperties}): the
 * role in {@code role-claim}, an editor's provinces in {@code provinces-claim}, the name
 * {@code oidc:} and {@code name-claim} (else {@code sub}). One mapping for the bearer tokens
 * ({@link OidcTokenProvider}) and the viewer's sign-in ({@link OidcLogin}); without a RuralAtlas
 * role there is no caller, who would have no rights anyway.
 */
final class OidcClaims {

    private OidcClaims() {}

    static Optional<Caller> caller(OidcProperties oidc, Map<String, Object> claims) {
        Optional<Role> role = Role.of(String.valueOf(claims.get(oidc.roleClaim())));
        if (role.isEmpty()) {
            return Optional.empty();
        }
        Object given = claims.get(oidc.nameClaim());
        String name =
                given == null || given.toString().isBlank() ? String.valueOf(claims.get("sub")) : given.toString();
        return Optional.of(new Caller(OidcTokenProvider.PREFIX + name, role.get(), provinces(oidc, claims), false));
    }

    /** The provinces claim's 2025 province codes (two digits); anything else in the claim is left out. */
    private static List<String> provinces(OidcProperties oidc, Map<String, Object> claims) {
        Object claim = claims.get(oidc.provincesClaim());
        List<String> values = claim instanceof Collection<?> c
                ? c.stream().map(String::valueOf).toList()
                : claim == null ? List.of() : Arrays.asList(claim.toString().split("[\\s,]+"));
        return values.stream().filter(v -> v.matches("[0-9]{2}")).distinct().toList();
    }
}
