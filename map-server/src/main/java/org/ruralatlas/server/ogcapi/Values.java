package org.ruralatlas.server.ogcapi;

import org.ruralatlas.data.catalog.PropertySpec;

/**
 * A property's value as the pages write it: the catalogue's title for a coded value (Phường for
 * {@code phuong}) in the reader's language, Có/Yes and Không/No for a boolean, "—" for none;
 * never {@code null}, {@code true} or a raw code.
 */
public final class Values {

    public static final String NONE = "—";

    private Values() {}

    public static String of(PropertySpec property, Object value, Words words) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Boolean b) {
            return words.get(b ? "value.yes" : "value.no");
        }
        return property.valueTitle(value, words.lang());
    }
}
