package org.ruralatlas.server.search;

import java.util.List;
import java.util.Set;
import org.ruralatlas.data.text.VietnameseText;

/**
 * A validated search: the text as typed, its folded words and key, how many results, and
 * optional layer and bbox filters (null: every layer, anywhere).
 */
record SearchQuery(
        String text,
        List<String> words,
        String key,
        String toneKey,
        int limit,
        Set<String> layers,
        org.ruralatlas.data.geo.Bbox bbox) {

    static SearchQuery of(String text, int limit, Set<String> layers, org.ruralatlas.data.geo.Bbox bbox) {
        List<String> words = VietnameseText.words(text);
        return new SearchQuery(text, words, String.join(" ", words), toneKey(text), limit, layers, bbox);
    }

    /** The name with its diacritics and tone marks (wherever they sit), without punctuation: runs of anything else become one space. */
    static String toneKey(String text) {
        String folded = VietnameseText.toneInsensitive(text);
        StringBuilder key = new StringBuilder(folded.length());
        boolean gap = false;
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (!kept(c)) {
                gap = key.length() > 0;
            } else {
                if (gap) {
                    key.append(' ');
                    gap = false;
                }
                key.appendCodePoint(c);
            }
        }
        return key.toString();
    }

    /** A letter, a mark or a digit ({@code [\p{L}\p{M}\p{N}]}), tested without a regular expression: search keys thousands of names per query. */
    private static boolean kept(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (Character.isLetter(c)) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }
}
