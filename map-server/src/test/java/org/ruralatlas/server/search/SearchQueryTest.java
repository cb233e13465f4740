package org.ruralatlas.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.text.VietnameseText;

class SearchQueryTest {

    /** How the tone key was written before, with a regular expression: the loop must read the same. */
    private static final Pattern PUNCTUATION = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    @Test
    void toneKeyKeepsLettersMarksAndDigitsAndMakesEveryOtherRunOneSpace() {
        assertThat(SearchQuery.toneKey("  Hoà-Bình (TP.)  Đắk\u00a0Ơ "))
                .isEqualTo(SearchQuery.toneKey("hòa bình tp đắk ơ"))
                .isEqualTo(VietnameseText.toneInsensitive("hòa bình tp đắk ơ"));
        assertThat(SearchQuery.toneKey("Hoà")).isEqualTo(SearchQuery.toneKey("Hòa"));
        assertThat(SearchQuery.toneKey(" ,. ")).isEmpty();
        String alphabet =
                "aZ09 -_.,;\t\n\u00a0đĐ\u0300\u0301\u0323ồÀß²Ⅻ\u20dd\u0903\u2028\ud835\udc00\ud83d\ude00\ud800";
        Random random = new Random(35);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            String expected = PUNCTUATION
                    .matcher(VietnameseText.toneInsensitive(t))
                    .replaceAll(" ")
                    .strip();
            assertThat(SearchQuery.toneKey(t)).as(t).isEqualTo(expected);
        }
    }
}
