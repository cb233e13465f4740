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

    /** What is neither a letter, a mark nor a digit: compiled once (a search ranks thousands of names). */
    private static final java.util.regex.Pattern PUNCTUATION =
            java.util.regex.Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    /** The name with its diacritics and tone marks (wherever they sit), without punctuation. */
    static String toneKey(String text) {
        return PUNCTUATION
                .matcher(VietnameseText.toneInsensitive(text))
                .replaceAll(" ")
                .strip();
    }
}
