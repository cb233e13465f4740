package org.ruralatlas.data.account;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account may do: {@code editor} writes features inside its provinces, {@code reviewer}
 * will judge the public's proposals, {@code admin} does everything, accounts included.
 */
public enum Role {
    ADMIN,
    REVIEWER,
    EDITOR;

    /** The name in the store and in the API: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
