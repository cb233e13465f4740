package org.ruralatlas.server.search;

/**
 * How a query word matches a word of a name, best first. Typos are forgiven on words of four
 * letters or more only: on shorter Vietnamese syllables one edit turns a name into another name.
 */
enum WordMatch {
    EXACT(1.0),
    PREFIX(0.7),
    FUZZY(0.5),
    FUZZY_PREFIX(0.35);

    static final int FUZZY_MIN_LENGTH = 4;

    /**
     * How many words of the dictionary a typed word may stand for: beyond, its patterns match too
     * much (a digit or two, the start of every id: 101,000 words for "00" at 200,000 farms, a
     * minute of the database's time) and it stands for itself alone, in every store alike
     * ({@link org.ruralatlas.data.search.NameSearch#dictionary}).
     */
    static final int MAX_WORDS = 500;

    private final double score;

    WordMatch(double score) {
        this.score = score;
    }

    double score() {
        return score;
    }

    /** How {@code query} (a folded word as typed, maybe unfinished) matches {@code word}; null: not at all. */
    static WordMatch of(String query, String word) {
        if (word.equals(query)) {
            return EXACT;
        }
        if (word.startsWith(query)) {
            return PREFIX;
        }
        int q = query.length();
        if (q < FUZZY_MIN_LENGTH || word.length() < q - 1) {
            return null;
        }
        if (Math.abs(word.length() - q) <= 1 && withinOneEdit(query, word)) {
            return FUZZY;
        }
        for (int len = q - 1; len <= q + 1; len++) {
            if (len < word.length() && withinOneEdit(query, word.substring(0, len))) {
                return FUZZY_PREFIX;
            }
        }
        return null;
    }

    /**
     * True when one insertion, deletion, substitution or swap of neighbours (optimal string
     * alignment distance ≤ 1) turns {@code a} into {@code b}.
     */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == la && i == lb) {
            return true;
        }
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
                return true; // substitution
            }
            return i + 1 < la
                    && a.charAt(i) == b.charAt(i + 1)
                    && a.charAt(i + 1) == b.charAt(i)
                    && a.regionMatches(i + 2, b, i + 2, la - i - 2); // swap
        }
        return la < lb ? a.regionMatches(i, b, i + 1, la - i) : b.regionMatches(i, a, i + 1, lb - i);
    }
}
