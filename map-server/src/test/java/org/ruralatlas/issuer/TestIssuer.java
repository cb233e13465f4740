package org.ruralatlas.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect issuer for the tests (Spring Authorization Server on its own port, with
 * its own RSA key): clients get access tokens (JWTs) by the client-credentials grant, carrying the
 * RuralAtlas claims their registration names; people sign in at its form for the viewer's
 * authorization-code flow ({@link #VIEWER}), their ID tokens carrying their claims. Kept outside {@code org.ruralatlas.server}, so that
 * no server under test scans it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ImportAutoConfiguration({
    org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
    org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
    org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
    org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
    org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
    org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration.class
})
public class TestIssuer {

    /** The secret of test client {@code id} (secrets must differ between clients). */
    public static String secret(String id) {
        return "issuer-test-secret-" + id;
    }

    /** Starts an issuer on a free loopback port; close the context to stop it. */
    public static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TestIssuer.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "spring.config.name=test-issuer",
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off")
                .run();
    }

    /** A server under test signs its viewer in through {@code issuer} as client {@link #VIEWER}. */
    public static void viewerSignIn(
            org.springframework.test.context.DynamicPropertyRegistry registry,
            ConfigurableApplicationContext issuer,
            String providerName) {
        registry.add("ruralatlas.oidc.issuer-uri", () -> url(issuer));
        registry.add("ruralatlas.oidc.client-id", () -> VIEWER);
        registry.add("ruralatlas.oidc.client-secret", () -> secret(VIEWER));
        registry.add("ruralatlas.oidc.provider-name", () -> providerName);
    }

    /** The issuer's URL (what its tokens say in {@code iss}). */
    public static String url(ConfigurableApplicationContext issuer) {
        return "http://127.0.0.1:" + issuer.getEnvironment().getProperty("local.server.port");
    }

    @Bean
    SecurityFilterChain issuer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // people sign in here (the generated form at /login) during the authorization-code flow
                .formLogin(Customizer.withDefaults())
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /**
     * The clients: {@code editor-24} (an editor of Bắc Ninh), {@code admin}, {@code no-role} (a
     * person of the province with no RuralAtlas role), {@code short-lived} (an editor whose tokens
     * expire after a second).
     */
    @Bean
    RegisteredClientRepository clients() {
        return new InMemoryRegisteredClientRepository(List.of(
                client("editor-24", "editor", "24", Duration.ofMinutes(5)),
                client("admin", "admin", "", Duration.ofMinutes(5)),
                client("no-role", null, "24", Duration.ofMinutes(5)),
                client("short-lived", "editor", "24", Duration.ofSeconds(1)),
                viewer(VIEWER),
                viewer("other-viewer")));
    }

    /** The RuralAtlas viewer's registration for the authorization-code flow (PKCE required). */
    public static final String VIEWER = "ruralatlas-viewer";

    /**
     * A confidential client of the authorization-code flow, PKCE required, no consent page. Its
     * redirect URI is on the loopback address, whose port the issuer leaves free (RFC 8252).
     */
    private static RegisteredClient viewer(String id) {
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(id)
                .clientSecret("{noop}" + secret(id))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/province")
                .scope("openid")
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .build();
    }

    /** The password of person {@code name} at this issuer. */
    public static String password(String name) {
        return "issuer-person-" + name;
    }

    /**
     * The people who sign in here: {@code editor24} (an editor of Bắc Ninh), {@code norole} (no
     * RuralAtlas role), {@code wrongaud} and {@code wrongiss} (editors whose ID tokens this issuer
     * makes out for another audience, or in another issuer's name).
     */
    @Bean
    org.springframework.security.core.userdetails.UserDetailsService people() {
        return new org.springframework.security.provisioning.InMemoryUserDetailsManager(
                java.util.stream.Stream.of("editor24", "norole", "wrongaud", "wrongiss")
                        .map(n -> org.springframework.security.core.userdetails.User.withUsername(n)
                                .password("{noop}" + password(n))
                                .roles("PERSON")
                                .build())
                        .toList());
    }

    private static RegisteredClient client(String id, String role, String provinces, Duration ttl) {
        ClientSettings.Builder settings = ClientSettings.builder().setting("provinces", provinces);
        if (role != null) {
            settings.setting("role", role);
        }
        return RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(id)
                .clientSecret("{noop}" + secret(id))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("ruralatlas")
                .clientSettings(settings.build())
                .tokenSettings(
                        TokenSettings.builder().accessTokenTimeToLive(ttl).build())
                .build();
    }

    /** The RuralAtlas claims of the client's registration (or, signing in, of the person), and a person's name. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> claims() {
        return context -> {
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                person(context);
                return;
            }
            ClientSettings s = context.getRegisteredClient().getClientSettings();
            context.getClaims()
                    .claim(
                            "preferred_username",
                            "staff-" + context.getRegisteredClient().getClientId());
            if (s.getSetting("role") != null) {
                context.getClaims().claim("ruralatlas_role", (String) s.getSetting("role"));
            }
            context.getClaims().claim("ruralatlas_provinces", List.of(((String) s.getSetting("provinces")).split(",")));
        };
    }

    private static void person(JwtEncodingContext context) {
        String name = context.getPrincipal().getName();
        context.getClaims().claim("preferred_username", "staff-" + name);
        if (!name.equals("norole")) {
            context.getClaims().claim("ruralatlas_role", "editor");
            context.getClaims().claim("ruralatlas_provinces", List.of("24"));
        }
        if ("id_token".equals(context.getTokenType().getValue())) {
            if (name.equals("wrongaud")) {
                context.getClaims().audience(List.of("someone-else"));
            } else if (name.equals("wrongiss")) {
                context.getClaims().issuer("http://127.0.0.1:1");
            }
        }
    }

    /** Its own tokens, for its OIDC user-info endpoint. */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration
                .jwtDecoder(keys);
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
