package org.ruralatlas.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VietnameseTextTest {

    @ParameterizedTest
    @CsvSource({
        "Phúc Hoà, phuc hoa", "Phúc Hòa, phuc hoa", "PHUC HOA, phuc hoa", "phuc  hoa , phuc hoa",
        "Đắk Ơ, dak o", "đăk ơ, dak o", "Thuỷ, thuy", "Thủy, thuy"
    })
    void foldsCaseDiacriticsAndDStroke(String text, String key) {
        assertThat(VietnameseText.fold(text)).isEqualTo(key);
        assertThat(VietnameseText.fold(Normalizer.normalize(text, Normalizer.Form.NFD)))
                .isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"Phúc Hoà, Phúc Hòa", "Thuỷ, Thủy", "HOÀ, hòa", "Khánh Hoà, Khánh Hòa"})
    void toneMarkPlacementDoesNotMatter(String a, String b) {
        assertThat(VietnameseText.toneInsensitive(a)).isEqualTo(VietnameseText.toneInsensitive(b));
        assertThat(VietnameseText.toneInsensitive(Normalizer.normalize(a, Normalizer.Form.NFD)))
                .isEqualTo(VietnameseText.toneInsensitive(b));
    }

    @ParameterizedTest
    @CsvSource({"Quảng Minh, Quang Minh", "Vân Sơn, Văn Sơn", "Hoà, Hoá"})
    void differentLettersOrTonesStayApart(String a, String b) {
        assertThat(VietnameseText.toneInsensitive(a)).isNotEqualTo(VietnameseText.toneInsensitive(b));
    }

    @org.junit.jupiter.api.Test
    void splitsFoldedWordsAtPunctuation() {
        assertThat(VietnameseText.words("  Hoà-Bình (TP.)  Đắk\u00a0Ơ "))
                .containsExactly("hoa", "binh", "tp", "dak", "o");
        assertThat(VietnameseText.words(Normalizer.normalize("Thuỷ Nguyên, VN-DTOR-0017", Normalizer.Form.NFD)))
                .containsExactly("thuy", "nguyen", "vn", "dtor", "0017");
        assertThat(VietnameseText.words(" ,. ")).isEmpty();
        assertThat(VietnameseText.words(null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void toneInsensitiveMakesEachRunOfWhiteSpaceOneSpace() {
        assertThat(VietnameseText.toneInsensitive(" Hoà \t Bình\n\n Xã  "))
                .isEqualTo(VietnameseText.toneInsensitive("hoà bình xã"));
        assertThat(VietnameseText.toneInsensitive("á  b")).isEqualTo(VietnameseText.toneInsensitive("á b"));
        assertThat(VietnameseText.toneInsensitive("á  b")).hasSize(4);
    }

    /** The foldings as they read before their ASCII shortcut: the shortcut must change no answer. */
    @org.junit.jupiter.api.Test
    void asciiShortcutsGiveWhatTheFullFoldingsGive() {
        java.util.Random random = new java.util.Random(35);
        String alphabet = "aAzZ09 -_.,\t\n\u00a0đĐ\u0300\u0301ồÀßς\u2028";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(
                        n % 2 == 0 ? (char) random.nextInt(0x80) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            String accenti = Normalizer.normalize(t, Normalizer.Form.NFD)
                    .replaceAll("[\u0300-\u036f]", "")
                    .replace('đ', 'd')
                    .replace('Đ', 'D');
            assertThat(VietnameseText.accentInsensitive(t)).as(t).isEqualTo(accenti);
            assertThat(VietnameseText.caseInsensitive(t))
                    .as(t)
                    .isEqualTo(t.toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT));
            assertThat(VietnameseText.toneInsensitive(t))
                    .as(t)
                    .doesNotContain("  ")
                    .isEqualTo(VietnameseText.toneInsensitive(Normalizer.normalize(t, Normalizer.Form.NFD)));
        }
    }
}
