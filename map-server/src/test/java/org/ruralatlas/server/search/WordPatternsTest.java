package org.ruralatlas.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.search.WordPatterns;

/**
 * The database's search (PostGIS) asks its dictionary for the words that match any of {@link
 * WordPatterns}: every word {@link WordMatch} accepts must be among them, or PostGIS would find
 * less than the embedded store's index. Tried on every word one edit (or one edit and more letters)
 * away from many typed words, over a small alphabet so that edits collide often.
 */
class WordPatternsTest {

    private static final String LETTERS = "abnhgu0";

    @Test
    void everyWordThatMatchesIsFoundByAPattern() {
        Random random = new Random(17);
        int matched = 0;
        for (int n = 0; n < 3_000; n++) {
            String typed = word(random, 1 + random.nextInt(7));
            List<Pattern> patterns = WordPatterns.of(typed, WordMatch.FUZZY_MIN_LENGTH).stream()
                    .map(WordPatternsTest::regex)
                    .toList();
            for (int m = 0; m < 40; m++) {
                String candidate =
                        edited(random, typed) + (random.nextBoolean() ? "" : word(random, random.nextInt(3)));
                boolean found =
                        patterns.stream().anyMatch(p -> p.matcher(candidate).matches());
                if (WordMatch.of(typed, candidate) != null) {
                    matched++;
                    assertThat(found).as(typed + " matches " + candidate).isTrue();
                }
            }
        }
        assertThat(matched).isGreaterThan(10_000);
    }

    /** {@link WordPatterns#like}, as the embedded index counts a word's matches, reads a pattern as SQL LIKE does. */
    @Test
    void likeReadsAPatternAsSqlDoes() {
        Random random = new Random(18);
        int agreed = 0;
        for (int n = 0; n < 2_000; n++) {
            String typed = word(random, 1 + random.nextInt(6));
            for (String like : WordPatterns.of(typed, WordMatch.FUZZY_MIN_LENGTH)) {
                Pattern regex = regex(like);
                for (int m = 0; m < 10; m++) {
                    String candidate =
                            edited(random, typed) + (random.nextBoolean() ? "" : word(random, random.nextInt(3)));
                    assertThat(WordPatterns.like(like, candidate))
                            .as(like + " ~ " + candidate)
                            .isEqualTo(regex.matcher(candidate).matches());
                    agreed++;
                }
            }
        }
        assertThat(agreed).isGreaterThan(50_000);
        // _ is one character, also outside the BMP, as PostgreSQL counts them
        assertThat(WordPatterns.like("_a%", "\uD840\uDC00ab")).isTrue();
        assertThat(WordPatterns.like("_a%", "\uD840\uDC00")).isFalse();
        assertThat(WordPatterns.like("ab", "ab")).isTrue();
        assertThat(WordPatterns.like("ab", "abc")).isFalse();
        assertThat(List.of("ab", "ba", "ca", "bb", "aa", "cc"))
                .filteredOn(w -> WordPatterns.matchesAny(List.of("a%", "_a%"), w))
                .as("a word matched by either pattern, once")
                .containsExactly("ab", "ba", "ca", "aa");
    }

    @Test
    void shortWordsForgiveNoTypoAndPatternsAreFew() {
        assertThat(WordPatterns.of("hoa", WordMatch.FUZZY_MIN_LENGTH)).containsExactly("hoa%");
        List<String> nguyen = WordPatterns.of("nguyen", WordMatch.FUZZY_MIN_LENGTH);
        assertThat(nguyen)
                .contains("nguyen%", "ngyuen%", "nguyn%", "ngu_en%", "_nguyen%", "nguyen_%")
                .doesNotHaveDuplicates()
                .hasSizeLessThan(4 * 6 + 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WordPatterns.of("a%", 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One random edit, or none. */
    private static String edited(Random random, String w) {
        int i = random.nextInt(w.length() + 1);
        String c = word(random, 1);
        return switch (random.nextInt(5)) {
            case 0 -> w;
            case 1 -> w.substring(0, i) + c + w.substring(i);
            case 2 -> i < w.length() ? w.substring(0, i) + w.substring(i + 1) : w;
            case 3 -> i < w.length() ? w.substring(0, i) + c + w.substring(i + 1) : w;
            default -> i + 1 < w.length() ? w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2) : w;
        };
    }

    private static String word(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return b.toString();
    }

    /** SQL LIKE as a regular expression: _ one character, % any. */
    private static Pattern regex(String like) {
        StringBuilder b = new StringBuilder();
        for (char c : like.toCharArray()) {
            b.append(c == '_' ? "." : c == '%' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }
}
