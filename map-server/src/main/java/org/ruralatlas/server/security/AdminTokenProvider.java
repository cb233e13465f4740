package org.ruralatlas.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Accepts the configured {@code ruralatlas.admin.token} as the administrator ({@code ROLE_ADMIN}).
 * The comparison is of SHA-256 digests with {@link MessageDigest#isEqual}, so its time tells
 * nothing about the token, not even its length. Other providers (accounts' API tokens) can
 * stand beside it in the same chain.
 */
@Component
public class AdminTokenProvider implements AuthenticationProvider {

    static final String ADMIN = "ADMIN";

    private final AdminProperties admin;
    private final byte[] digest;

    public AdminTokenProvider(AdminProperties admin) {
        this.admin = admin;
        this.digest = admin.enabled() ? sha256(admin.token()) : null;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!admin.enabled()) {
            throw new DisabledException("administration is off");
        }
        String given = ((BearerToken) authentication).token();
        if (given == null || !MessageDigest.isEqual(sha256(given), digest)) {
            throw new BadCredentialsException("the bearer token is not valid");
        }
        BearerToken accepted = BearerToken.accepted("admin", List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN)));
        accepted.setDetails(Caller.adminToken());
        return accepted;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
