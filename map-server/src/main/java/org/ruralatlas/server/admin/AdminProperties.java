package org.ruralatlas.server.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administration endpoints ({@code ruralatlas.admin.*}, {@code RURALATLAS_ADMIN_TOKEN}).
 *
 * @param token the bearer token that {@code /admin/…} requests must carry; unset, they are off
 */
@ConfigurationProperties("ruralatlas.admin")
public record AdminProperties(String token) {

    public boolean enabled() {
        return token != null && token.length() >= 16;
    }
}
