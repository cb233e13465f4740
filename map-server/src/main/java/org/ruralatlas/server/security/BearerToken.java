package org.ruralatlas.server.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * {@code Authorization: Bearer <token>} (RFC 6750): before authentication it holds the token;
 * once a provider accepted it, the principal and its authorities ({@code ROLE_ADMIN} for the
 * configured admin token; hashed API tokens of accounts later), and no token any more.
 */
public final class BearerToken extends AbstractAuthenticationToken {

    private final String principal;
    private String token;

    private BearerToken(String token, String principal, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.token = token;
        this.principal = principal;
        setAuthenticated(principal != null);
    }

    /** An unauthenticated token, as the client sent it. */
    public static BearerToken of(String token) {
        return new BearerToken(token, null, List.of());
    }

    /** An accepted token: who it stands for and what they may do. */
    public static BearerToken accepted(String principal, Collection<? extends GrantedAuthority> authorities) {
        return new BearerToken(null, principal, authorities);
    }

    /**
     * The token of an {@code Authorization} header with the Bearer scheme, whatever its case
     * (RFC 9110 §11.1: schemes are case-insensitive), or empty for no header or another scheme.
     */
    public static Optional<String> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = h.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The token as sent; null once accepted. */
    public String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    @Override
    public void eraseCredentials() {
        super.eraseCredentials();
        token = null;
    }
}
