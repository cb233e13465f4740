package org.ruralatlas.data.filter;

import java.util.Locale;

/** Function names to enum constants, as CQL2 spells them in either encoding (any case). */
final class Names {

    private Names() {}

    /** The constant {@code prefix + NAME} of {@code type} named by {@code function}, or null. */
    static <E extends Enum<E>> E constant(Class<E> type, String prefix, String function) {
        String upper = function.toUpperCase(Locale.ROOT);
        if (!upper.startsWith(prefix)) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(upper.substring(prefix.length()))) {
                return e;
            }
        }
        return null;
    }
}
