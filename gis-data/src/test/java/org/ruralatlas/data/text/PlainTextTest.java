package org.ruralatlas.data.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void utf8IsDecodedAndABrokenSequenceIsRefusedNotReplaced() {
        assertThat(PlainText.utf8("Hoà Bình đ".getBytes(StandardCharsets.UTF_8)))
                .contains("Hoà Bình đ");
        assertThat(PlainText.utf8(new byte[0])).contains("");
        assertThat(PlainText.utf8(new byte[] {(byte) 0xC3, 0x28})).isEmpty(); // a lead byte without its follower
        assertThat(PlainText.utf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .isEmpty(); // a surrogate
        assertThat(PlainText.utf8("Hoà".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreNotPlainText() {
        assertThat(PlainText.acceptable("a\tb\r\nc")).isTrue();
        assertThat(PlainText.acceptable("a\u0000b")).isFalse();
        assertThat(PlainText.acceptable("a\u007f")).isFalse();
        assertThat(PlainText.acceptable("\ud83c\udf3e")).isTrue();
        assertThat(PlainText.acceptable("\ud83c")).isFalse();
        assertThat(PlainText.acceptable("\udf3e x")).isFalse();
    }
}
