package org.ruralatlas.server.security;

import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who makes the current request, once a bearer token was accepted: an account, or the configured
 * admin token ({@value #ADMIN_TOKEN} in the audit). What handlers ask before they write.
 */
public record Caller(String name, Role role, List<String> provinces, boolean account) {

    /** How the audit names writes made with {@code ruralatlas.admin.token}. */
    public static final String ADMIN_TOKEN = "admin token";

    static Caller of(Account a) {
        return new Caller(a.name(), a.role(), a.provinces(), true);
    }

    static Caller adminToken() {
        return new Caller(ADMIN_TOKEN, Role.ADMIN, List.of(), false);
    }

    /** The caller of this request; empty when anonymous. */
    public static Optional<Caller> current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && a.getDetails() instanceof Caller c
                ? Optional.of(c)
                : Optional.empty();
    }

    /** True when this caller may write where {@code provinceCode} governs (null: nowhere known, which only an admin may). */
    public boolean covers(String provinceCode) {
        return role == Role.ADMIN || role == Role.EDITOR && provinceCode != null && provinces.contains(provinceCode);
    }

    /** True when this caller may judge the public's proposals where {@code provinceCode} governs: an admin, or a reviewer of it. */
    public boolean reviews(String provinceCode) {
        return role == Role.ADMIN || role == Role.REVIEWER && provinceCode != null && provinces.contains(provinceCode);
    }
}
