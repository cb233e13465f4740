package org.ruralatlas.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administration endpoints ({@code ruralatlas.admin.*}, {@code RURALATLAS_ADMIN_TOKEN}).
 *
 * @param token the bearer token that {@code /admin/…} requests (and the actuator's details)
 *     must carry; unset or shorter than 16 characters, administration is off and every
 *     {@code /admin/…} request is refused with 403
 */
@ConfigurationProperties("ruralatlas.admin")
public record AdminProperties(String token) {

    /** Shorter tokens are guessable: they turn administration off rather than on. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public boolean enabled() {
        return token != null && token.length() >= MIN_TOKEN_LENGTH;
    }
}
