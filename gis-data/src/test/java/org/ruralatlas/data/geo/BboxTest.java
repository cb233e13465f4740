package org.ruralatlas.data.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Envelope;

class BboxTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "105.47,20.63,105.82,20.96; 105.47; 20.63; 105.82; 20.96",
                "105.47,20.63,0,105.82,20.96,100; 105.47; 20.63; 105.82; 20.96",
                " 1 , 2 , 3 , 4 ; 1; 2; 3; 4"
            })
    void parsesFourAndSixNumbers(String text, double minx, double miny, double maxx, double maxy) {
        assertThat(Bbox.parse(text)).isEqualTo(new Bbox(minx, miny, maxx, maxy));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1,2,3",
                "1,2,3,4,5",
                "a,b,c,d",
                "1,4,3,2",
                "1,2,9,3,4,0",
                "NaN,1,2,3",
                "1,2,3,Infinity",
                "-181,0,0,1",
                "0,-91,1,1",
                "0,0,181,1",
                "1,,2,3"
            })
    void rejectsMalformedOrInvertedBoxes(String text) {
        assertThatThrownBy(() -> Bbox.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bbox");
    }

    @Test
    void aBoxWithMinxAboveMaxxCrossesTheAntimeridianAsTwoEnvelopes() {
        Bbox box = Bbox.parse("177,65,-177,70");
        assertThat(box.crossesAntimeridian()).isTrue();
        assertThat(box.envelopes()).containsExactly(new Envelope(177, 180, 65, 70), new Envelope(-180, -177, 65, 70));
        assertThat(Bbox.parse("105,20,106,21").envelopes()).containsExactly(new Envelope(105, 106, 20, 21));
    }
}
