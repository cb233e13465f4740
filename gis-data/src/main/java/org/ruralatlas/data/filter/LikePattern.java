package org.ruralatlas.data.filter;

import java.util.regex.Pattern;

/**
 * A CQL2 LIKE pattern as SQL's LIKE reads it: {@code %} any run of characters (line breaks
 * too), {@code _} exactly one character (a code point), {@code \} makes the next character
 * literal, everything else matches itself, case and accents included. PostgreSQL's LIKE has the
 * same rules with its default escape, so the pattern is bound there unchanged.
 */
final class LikePattern {

    private LikePattern() {}

    /** Refuses a pattern that ends with a lone escape, which PostgreSQL would reject at run time. */
    static void check(String pattern) {
        int i = 0;
        while (i < pattern.length()) {
            if (pattern.charAt(i) == '\\') {
                if (i + 1 == pattern.length()) {
                    throw BadFilterException.invalid(
                            "the LIKE pattern '" + pattern + "' ends with the escape character \\");
                }
                i += Character.charCount(pattern.codePointAt(i + 1));
            }
            i++;
        }
    }

    /** The pattern as a Java regular expression matching whole texts. */
    static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                if (c == '\\') {
                    c = pattern.codePointAt(i);
                    i += Character.charCount(c);
                }
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
