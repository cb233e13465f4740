package org.ruralatlas.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordMatchTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "hoa, hoa, EXACT",
                "ho, hoa, PREFIX",
                "h, hoa, PREFIX",
                "nguyen, nguyen, EXACT",
                "nguyne, nguyen, FUZZY", // swapped neighbours
                "ngyen, nguyen, FUZZY", // a letter left out
                "nguyenn, nguyen, FUZZY", // a letter too many
                "nguxen, nguyen, FUZZY", // a wrong letter
                "thanb, thanh, FUZZY",
                "nguy, nguyen, PREFIX",
                "nguv, nguyen, FUZZY_PREFIX", // an unfinished word with a typo
                "ngyuen, nguyenxa, FUZZY_PREFIX",
                "hao, hoa, null", // short words: no typos forgiven
                "hoa, hoai, PREFIX",
                "hoai, hoa, FUZZY",
                "bac, bach, PREFIX",
                "thanh, thinh, FUZZY",
                "thanh, tranh, FUZZY",
                "quang, quynh, null",
                "minh, manh, FUZZY",
                "xyzw, hoa, null"
            })
    void matchesExactlyByPrefixOrWithOneTypo(String query, String word, WordMatch expected) {
        assertThat(WordMatch.of(query, word)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "abc, abc, true",
        "abc, abd, true",
        "abc, acb, true",
        "abc, ab, true",
        "ab, abc, true",
        "abc, xbc, true",
        "abc, bac, true",
        "abc, cab, false",
        "abcd, ab, false",
        "abc, axc, true",
        "abcd, abdc, true",
        "abcd, badc, false",
        "'', a, true",
        "a, '', true",
        "'', ab, false"
    })
    void oneEditIsOneInsertionDeletionSubstitutionOrSwap(String a, String b, boolean within) {
        assertThat(WordMatch.withinOneEdit(a, b)).isEqualTo(within);
        assertThat(WordMatch.withinOneEdit(b, a)).isEqualTo(within);
    }
}
