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
        String decomposed = Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
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
                out.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        if (tone != 0) {
            out.append(tone);
        }
        return out.toString().replaceAll(" +", " ");
    }

    private static boolean isTone(char c) {
        return c == '\u0300' || c == '\u0301' || c == '\u0303' || c == '\u0309' || c == '\u0323';
    }

    /** Lower-case ASCII key: diacritics removed, đ → d, runs of white space collapsed. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean space = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == 'đ' || c == 'Đ') {
                c = 'd';
            }
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString().toLowerCase(Locale.ROOT);
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
