package org.ruralatlas.data.ntm;

import java.util.Map;

/** An OCOP product (One Commune One Product) a farm makes, with its star rating (3 to 5). */
public record OcopProduct(String id, String name, Integer stars) {

    static OcopProduct of(Map<?, ?> m) {
        return new OcopProduct(
                m.get("id") == null ? null : m.get("id").toString(),
                m.get("name") == null ? null : m.get("name").toString(),
                m.get("stars") instanceof Number n ? n.intValue() : null);
    }
}
