package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The one language rule: ?lang= first, then Accept-Language by q-value, Vietnamese by default; nothing fails. */
class LanguageTest {

    private static String of(String lang, String header) {
        return Language.of(lang, header).getLanguage();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en;q=0.3, vi;q=0.9 | vi",
                "vi;q=0.3, en;q=0.9 | en",
                "en | en",
                "en-GB,en;q=0.8 | en",
                "EN-us | en",
                "vi-VN | vi",
                "fr, de;q=0.8 | vi",
                "fr, en;q=0.5 | en",
                "fr;q=1, en;q=0.001, vi;q=0 | en",
                "zh-Hant-TW, en;q=0.2 | en",
                "* | vi",
                "en;q=0.5, * | vi",
                "*, en | vi",
                "vi;q=0, * | en",
                "en;q=0 | vi",
                "en;q=0, * | vi",
                "en;q=0.5, vi;q=0.5 | en",
                "vi;q=0.5, en;q=0.5 | vi",
                "en; q=0.9 ;level=1 | en",
                "'' | vi",
            })
    void acceptLanguageByPreference(String header, String expected) {
        assertThat(of(null, header)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "malformed: {0}")
    @ValueSource(
            strings = {
                ",,,",
                ";;;",
                ";;;,,,=",
                ";",
                "=",
                ";q=1",
                "en;q=abc, vi",
                "en;q=1.5",
                "en;q=-1",
                "en;q=",
                "en;;;",
                "q=0.9",
                "é",
                "en-",
                "-en",
                "en;q=0.3, garbage!!, vi;q=0.9",
                "\t",
                "en;q=0.5;q=0.9, vi;q=0.7"
            })
    void malformedHeadersNeverFail(String header) {
        assertThat(of(null, header)).isIn("vi", "en");
    }

    @Test
    void aHugeHeaderIsNoProblem() {
        assertThat(of(null, "x".repeat(10_000) + ", en")).isEqualTo("en");
        assertThat(of(null, "en;q=0.1, ".repeat(5_000) + "vi")).isEqualTo("vi");
    }

    @Test
    void aMalformedItemIsSkippedAndTheOthersStillCount() {
        assertThat(of(null, "en;q=abc, vi;q=0.1")).isEqualTo("vi");
        assertThat(of(null, "vi;q=abc, en;q=0.1")).isEqualTo("en");
        assertThat(of(null, "!!, en")).isEqualTo("en");
    }

    @Test
    void langParameterComesFirst() {
        assertThat(of("en", "vi")).isEqualTo("en");
        assertThat(of("vi", "en")).isEqualTo("vi");
        assertThat(of("EN-gb", null)).isEqualTo("en");
        assertThat(of(" en ", null)).isEqualTo("en");
    }

    @Test
    void anUnknownLangParameterLeavesTheChoiceToTheHeader() {
        assertThat(of("fr", "en")).isEqualTo("en");
        assertThat(of("", "en")).isEqualTo("en");
        assertThat(of("english", null)).isEqualTo("vi");
        assertThat(of("<script>", "en;q=0.2")).isEqualTo("en");
    }

    @Test
    void noPreferenceIsVietnamese() {
        assertThat(Language.of(null, null)).isEqualTo(Language.VI);
    }

    @Test
    void theResolverReadsTheRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Accept-Language", "en;q=0.3, vi;q=0.9");
        assertThat(new Language().resolveLocale(request)).isEqualTo(Language.VI);
        request.setParameter("lang", "en");
        assertThat(new Language().resolveLocale(request)).isEqualTo(Locale.ENGLISH);
    }
}
