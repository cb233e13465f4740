package org.ruralatlas.server.security;

import org.ruralatlas.data.text.PlainText;

/**
 * The text of query parameters, names and values alike, on every route, by {@link PlainText}'s rule: no NUL,
 * no other control character except tab, line feed and carriage return, no lone UTF-16
 * surrogate. PostgreSQL refuses a NUL in any text value (the statement fails, which looked like
 * "data store unavailable") and a lone surrogate cannot be written as UTF-8; nothing legitimate
 * needs the other controls. Checked at the edge by {@link EdgeFirewall}, so no store ever sees them.
 */
public final class ParameterText {

    private ParameterText() {}

    public static boolean acceptable(String text) {
        return PlainText.acceptable(text);
    }

    /** Header values: anything but control characters other than tab (the connector refuses most of them already). */
    static boolean acceptableHeader(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
