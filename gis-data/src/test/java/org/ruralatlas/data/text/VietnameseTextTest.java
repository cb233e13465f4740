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
}
