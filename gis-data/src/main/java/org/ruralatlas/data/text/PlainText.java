package org.ruralatlas.data.text;

/**
 * The one rule for text that reaches a store, from a query parameter or a feature's property: no
 * NUL, no other control character except tab, line feed and carriage return, no lone UTF-16
 * surrogate. PostgreSQL refuses a NUL in any text value and a lone surrogate cannot be written as
 * UTF-8; nothing legitimate needs the other controls.
 */
public final class PlainText {

    private PlainText() {}

    public static boolean acceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
