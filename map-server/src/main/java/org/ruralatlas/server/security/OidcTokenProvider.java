package org.ruralatlas.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Accepts a bearer JWT of the configured identity provider ({@link OidcProperties}): signed with
 * one of the keys the issuer publishes (an unsigned token, {@code alg: none}, or one signed by any
 * other key is refused), from that issuer, unexpired, for the configured audience. Its claims give
 * the role and an editor's provinces; one without a RuralAtlas role is refused rather than taken
 * for a reader, who needs no token. The caller is named {@code oidc:<name>} in the audit, so that
 * no one at the identity provider can pass for a RuralAtlas account of the same name. The issuer's
 * keys are fetched at the first token, not at start, so a server starts while its identity
 * provider is away; while it cannot be reached, tokens get 503, as while the accounts cannot be
 * read. Asked after the accounts' tokens and before the admin token.
 */
@Component
@Order(1)
public class OidcTokenProvider implements AuthenticationProvider {

    /** How the audit names callers of the identity provider: this, then their name. */
    public static final String PREFIX = "oidc:";

    private final OidcProperties oidc;
    private final Supplier<JwtDecoder> decoder;

    public OidcTokenProvider(OidcProperties oidc) {
        this.oidc = oidc;
        this.decoder = SingletonSupplier.of(this::decoder);
    }

    private JwtDecoder decoder() {
        String issuer = oidc.issuerUri().toString();
        NimbusJwtDecoder d = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtTimestampValidator(oidc.clockSkew()));
        checks.add(new JwtIssuerValidator(issuer));
        if (oidc.audience() != null) {
            checks.add(new JwtClaimValidator<Collection<String>>(
                    "aud", aud -> aud != null && aud.contains(oidc.audience())));
        }
        d.setJwtValidator(new DelegatingOAuth2TokenValidator<>(checks));
        return d;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String given = ((BearerToken) authentication).token();
        if (!oidc.enabled()
                || given == null
                || given.chars().filter(c -> c == '.').count() != 2) {
            throw new BadCredentialsException("not a token of the identity provider");
        }
        Jwt jwt;
        try {
            jwt = decoder.get().decode(given);
        } catch (BadJwtException e) {
            throw new BadCredentialsException("the identity provider's token is not valid: " + e.getMessage());
        } catch (JwtException | org.springframework.web.client.RestClientException | IllegalArgumentException e) {
            throw new InternalAuthenticationServiceException("the identity provider cannot be reached now", e);
        }
        Caller caller = OidcClaims.caller(oidc, jwt.getClaims())
                .orElseThrow(() -> new BadCredentialsException(
                        "the identity provider's token gives no RuralAtlas role in " + oidc.roleClaim()));
        BearerToken accepted = BearerToken.accepted(
                caller.name(),
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().name())));
        accepted.setDetails(caller);
        return accepted;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
