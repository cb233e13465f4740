package org.ruralatlas.data.text;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Folding of Vietnamese names for matching: NFC or NFD input, either tone-mark placement
 * (Hoà/Hòa, Thuỷ/Thủy), any case, with or without diacritics, and đ/Đ all fold to the same key.
 */
public final class VietnameseText {

    private VietnameseText() {}

    /**
     * Lower-case key that keeps every letter's diacritics but not where the tone mark sits: the tone
     * of each word moves to the word's end, so Hoà and Hòa, Thuỷ and Thủy give one key, while
     * Quảng and Quang stay apart.
     */
    public static String toneInsensitive(String text) {
        if (text == null) {
            return "";
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        String decomposed = ascii(lower) ? lower : Normalizer.normalize(lower, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        char tone = 0;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (isTone(c)) {
                tone = c;
            } else if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
                out.append(c);
            } else {
                if (tone != 0) {
                    out.append(tone);
                    tone = 0;
                }
                if (!Character.isWhitespace(c)) {
                    out.append(c);
                } else if (out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                    out.append(' '); // a run of white space is one space
                }
            }
        }
        if (tone != 0) {
            out.append(tone);
        }
        return out.toString();
    }

    /**
     * Whether every character is ASCII, which every folding here leaves as it is (NFD, marks, đ)
     * or maps letter by letter (case): search folds the ids and codes of thousands of candidates
     * per query, and skipping the normaliser for them is most of its cost.
     */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTone(char c) {
        return c == '\u0300' || c == '\u0301' || c == '\u0303' || c == '\u0309' || c == '\u0323';
    }

    /**
     * Accent-insensitive form (CQL2 {@code ACCENTI}): the text decomposed (NFD), every combining
     * diacritical mark (U+0300 to U+036F: Vietnamese tones, circumflex, breve, horn) dropped, and
     * đ/Đ written d/D; case is kept. NFC and NFD input, and either tone-mark placement, give the
     * same result (Hoà, Hòa and Hoa all give Hoa). The PostgreSQL function {@code
     * ruralatlas.accenti} (migration V9) computes exactly this, so that filters give the same
     * answers in both stores and can use an index.
     */
    public static String accentInsensitive(String text) {
        if (ascii(text)) {
            return text;
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= '\u0300' && c <= '\u036F') {
                continue;
            }
            out.append(c == 'đ' ? 'd' : c == 'Đ' ? 'D' : c);
        }
        return out.toString();
    }

    /**
     * Case-insensitive form (CQL2 {@code CASEI}): Unicode full upper-case mapping, then full
     * lower-case mapping, locale-independent. Two texts that differ only in case give the same
     * result, also where case folding is not one letter to one letter (ß and SS, final ς and σ).
     * The PostgreSQL function {@code ruralatlas.casei} (migration V9) does the same with ICU.
     */
    public static String caseInsensitive(String text) {
        if (ascii(text)) {
            return text.toLowerCase(Locale.ROOT);
        }
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * Key for search: {@link #caseInsensitive case-} and {@link #accentInsensitive accent-insensitive}
     * (the same folding as the filters' {@code CASEI(ACCENTI(…))}), runs of white space collapsed
     * to one space and trimmed. Null gives the empty key.
     */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String folded = caseInsensitive(accentInsensitive(text));
        StringBuilder out = new StringBuilder(folded.length());
        boolean space = false;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * The words of a name for search: {@link #fold folded}, split at anything that is not a letter
     * or digit ("Hoà-Bình (TP.)" gives hoa, binh, tp), in order, empty words dropped.
     */
    public static java.util.List<String> words(String text) {
        String folded = fold(text);
        java.util.List<String> words = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean letter = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (letter && start < 0) {
                start = i;
            } else if (!letter && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
        }
        return words;
    }
}
