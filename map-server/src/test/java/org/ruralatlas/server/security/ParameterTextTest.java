package org.ruralatlas.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query text: anything a person writes, Vietnamese and emoji included; no NUL, no controls, no broken UTF-16. */
class ParameterTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Bắc Ninh",
                "phúc hoà",
                "a\tb",
                "line\nbreak\r\n",
                "'; DROP TABLE farms; --",
                "\uD83D\uDE00",
                "<script>"
            })
    void takesText(String text) {
        assertThat(ParameterText.acceptable(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\u0000b", "\u0001", "\u001f", "\u007f", "\uD800", "a\uDC00", "\uD83D"})
    void refusesNulControlsAndLoneSurrogates(String text) {
        assertThat(ParameterText.acceptable(text)).isFalse();
    }
}
