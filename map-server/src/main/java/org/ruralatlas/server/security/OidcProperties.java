package org.ruralatlas.server.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A province's own identity provider ({@code ruralatlas.oidc.*}): bearer JWTs it issues are
 * accepted beside RuralAtlas's own tokens, with the role and provinces its claims give. Off while
 * {@code issuer-uri} is unset.
 *
 * @param issuerUri the issuer ({@code iss}); its keys are found through its OpenID configuration
 * @param audience when set, a token must name it in {@code aud}
 * @param roleClaim the claim that holds {@code editor}, {@code reviewer} or {@code admin}
 * @param provincesClaim the claim that holds an editor's 2025 province codes (a list, or one string
 *     separated by spaces or commas)
 * @param nameClaim the claim that names the person in the audit (then {@code sub})
 * @param clockSkew how far the issuer's clock may differ from ours when checking expiry
 * @param clientId with {@code issuer-uri}, the viewer offers sign-in through the identity provider
 *     (authorization-code flow with PKCE, {@link OidcLogin}) as this client; unset, no such route exists
 * @param clientSecret that client's secret (sent by HTTP Basic to the token endpoint)
 * @param providerName how the viewer names the identity provider ("Sign in with …"; default: the issuer's host)
 */
@ConfigurationProperties("ruralatlas.oidc")
public record OidcProperties(
        URI issuerUri,
        String audience,
        String roleClaim,
        String provincesClaim,
        String nameClaim,
        Duration clockSkew,
        String clientId,
        String clientSecret,
        String providerName) {

    public OidcProperties {
        roleClaim = roleClaim == null ? "ruralatlas_role" : roleClaim;
        provincesClaim = provincesClaim == null ? "ruralatlas_provinces" : provincesClaim;
        nameClaim = nameClaim == null ? "preferred_username" : nameClaim;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("ruralatlas.oidc.clock-skew cannot be negative");
        }
        if (clientId != null && (issuerUri == null || clientSecret == null || clientSecret.isEmpty())) {
            throw new IllegalArgumentException(
                    "ruralatlas.oidc.client-id needs ruralatlas.oidc.issuer-uri and ruralatlas.oidc.client-secret");
        }
        providerName = providerName == null && issuerUri != null ? issuerUri.getHost() : providerName;
    }

    /** Whether the viewer signs in through the identity provider: an issuer and a client of it. */
    public boolean login() {
        return enabled() && clientId != null;
    }

    public boolean enabled() {
        return issuerUri != null;
    }
}
