package org.ruralatlas.data.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQL {@code LIKE} patterns that find, in a dictionary of folded words, every word a typed word
 * may match: the word itself as a prefix ({@code phuc%}), and
 * when typos are forgiven each string one edit away as a prefix ({@code phu_c%}, {@code p_uc%},
 * {@code puc%}, {@code hpuc%}, …). A word within one edit of the typed word, or starting with
 * something that is, matches one of them: what the server's word matching can accept, and more.
 */
public final class WordPatterns {

    private WordPatterns() {}

    /**
     * The patterns for {@code word} (letters and digits only, as folding leaves a word), typos
     * forgiven when it has at least {@code typosFrom} letters; no two alike.
     */
    public static List<String> of(String word, int typosFrom) {
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isLetterOrDigit(word.charAt(i))) {
                throw new IllegalArgumentException("not a folded word: " + word);
            }
        }
        Set<String> patterns = new LinkedHashSet<>();
        patterns.add(word + "%");
        int q = word.length();
        if (q >= typosFrom) {
            for (int i = 0; i <= q; i++) {
                String head = word.substring(0, i);
                patterns.add(head + "_" + word.substring(i) + "%"); // a letter inserted
                if (i < q) {
                    String tail = word.substring(i + 1);
                    patterns.add(head + tail + "%"); // deleted
                    patterns.add(head + "_" + tail + "%"); // replaced
                }
                if (i + 1 < q) {
                    patterns.add(head + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2) + "%"); // swapped
                }
            }
        }
        return List.copyOf(patterns);
    }

    /**
     * True when {@code word} matches {@code pattern} (one of {@link #of}) as SQL {@code LIKE} reads
     * it: {@code _} one character, a final {@code %} anything, every other character itself.
     */
    public static boolean like(String pattern, String word) {
        int p = 0;
        int w = 0;
        while (p < pattern.length()) {
            int pc = pattern.codePointAt(p);
            if (pc == '%' && p == pattern.length() - 1) {
                return true;
            }
            if (w >= word.length()) {
                return false;
            }
            int wc = word.codePointAt(w);
            if (pc != '_' && pc != wc) {
                return false;
            }
            p += Character.charCount(pc);
            w += Character.charCount(wc);
        }
        return w == word.length();
    }

    /** True when one of {@code patterns} matches {@code word} ({@link #like}). */
    public static boolean matchesAny(List<String> patterns, String word) {
        for (String pattern : patterns) {
            if (like(pattern, word)) {
                return true;
            }
        }
        return false;
    }
}
