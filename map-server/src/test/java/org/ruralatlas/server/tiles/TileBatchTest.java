package org.ruralatlas.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.tiles.TileCoord;

/** The tiles of a batch, without a server: single tiles and runs of rows in the order written, and every refusal. */
class TileBatchTest {

    @Test
    void readsTilesAndRunsOfRowsInTheOrderWritten() {
        assertThat(TileBatch.parse("12/3262/1780-1782,0/0/0,20/1048575/1048575,12/3262/1779")
                        .tiles())
                .containsExactly(
                        new TileCoord(12, 3262, 1780),
                        new TileCoord(12, 3262, 1781),
                        new TileCoord(12, 3262, 1782),
                        new TileCoord(0, 0, 0),
                        new TileCoord(20, 1048575, 1048575),
                        new TileCoord(12, 3262, 1779));
    }

    @Test
    void holdsAtMost256Tiles() {
        assertThat(TileBatch.parse("10/5/0-255").tiles()).hasSize(256);
        assertThat(TileBatch.parse("10/5/0-127,10/6/0-127").tiles()).hasSize(256);
        assertThatThrownBy(() -> TileBatch.parse("10/5/0-255,0/0/0"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.parameter()).isEqualTo("tiles"))
                .hasMessageContaining("at most 256");
        // a run is counted before it is listed: a whole zoom-20 column costs nothing to refuse
        assertThatThrownBy(() -> TileBatch.parse("20/0/0-1048575")).hasMessageContaining("at most 256");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ",",
                "0/0/0,",
                "0/0",
                "0/0/0/0",
                "21/0/0",
                "1/2/0",
                "1/0/2",
                "1/0/1-0",
                "1/0/-1",
                "1/0/0-",
                "-1/0/0",
                "+1/0/0",
                "a/b/c",
                "1/0x1/0",
                "99999999999/0/0",
                "1/0/0-1-1",
                " 1/0/0",
                "١/0/0"
            })
    void refusesAnythingElseNamingTiles(String text) {
        assertThatThrownBy(() -> TileBatch.parse(text))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.parameter()).isEqualTo("tiles"));
    }
}
