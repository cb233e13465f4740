package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.HttpStatus;

/** Which Range headers get parts of a 1,000-byte file, which the whole file, and which a 416 without it. */
class ByteRangesTest {

    @Test
    void partsOfTheFileForRangesWithinIt() {
        assertThat(ByteRanges.served("bytes=0-99", 1000)).isTrue();
        assertThat(ByteRanges.served("bytes=900-", 1000)).isTrue();
        assertThat(ByteRanges.served("bytes=-100", 1000)).isTrue();
        assertThat(ByteRanges.served("bytes=0-1,10-20", 1000)).isTrue();
        assertThat(ByteRanges.served("bytes=990-5000", 1000)).isTrue();
    }

    @Test
    void theWholeFileForNoneOtherUnitsMalformedOrMoreThanTheFile() {
        assertThat(ByteRanges.served(null, 1000)).isFalse();
        assertThat(ByteRanges.served("items=0-9", 1000)).isFalse();
        assertThat(ByteRanges.served("bytes=a-b", 1000)).isFalse();
        assertThat(ByteRanges.served("bytes=0-,0-", 1000)).isFalse();
        assertThat(ByteRanges.served("bytes=0-9,5000-6000", 1000)).isFalse();
    }

    @Test
    void a416WithContentRangeWhenNoRangeLiesInTheFile() {
        for (String range : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=2000-,3000-"}) {
            assertThatThrownBy(() -> ByteRanges.served(range, 1000))
                    .as(range)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
                        assertThat(e.headers()).containsEntry("Content-Range", "bytes */1000");
                    });
        }
        assertThatThrownBy(() -> ByteRanges.served("bytes=0-", 0)).isInstanceOf(ApiException.class);
    }
}
