package org.ruralatlas.data.account;

import java.time.Instant;
import java.util.List;

/**
 * Someone who may write: a name, a role and, for an editor, the 2025 province codes (two digits,
 * Decision 19/2025/QĐ-TTg) its writes must stay inside; for a reviewer, those whose proposals from
 * the public it judges (a reviewer without provinces judges none). A disabled account keeps its history but
 * no token of it is accepted.
 */
public record Account(String name, Role role, List<String> provinces, Instant created, boolean disabled) {

    /** Names people and scripts can type and logs can show: letters, digits, '.', '_', '-', 1 to 64. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public Account {
        provinces = List.copyOf(provinces);
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException(
                    "an account name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        for (String p : provinces) {
            if (!p.matches("[0-9]{2}")) {
                throw new IllegalArgumentException(
                        "province codes are the two-digit 2025 codes (e.g. 24), not '" + p + "'");
            }
        }
        if (role == Role.EDITOR && provinces.isEmpty()) {
            throw new IllegalArgumentException("an editor needs at least one province (--provinces 24,26)");
        }
        if (role == Role.ADMIN && !provinces.isEmpty()) {
            throw new IllegalArgumentException(
                    "only editors and reviewers are scoped to provinces; an admin writes everywhere");
        }
    }

    /** True when this account may write a feature whose province is {@code provinceCode} (null: none known). */
    public boolean covers(String provinceCode) {
        return role == Role.ADMIN || role == Role.EDITOR && provinceCode != null && provinces.contains(provinceCode);
    }
}
