package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.geo.Bbox;

class TileCoordTest {

    @Test
    void theWorldTileCoversWebMercator() {
        Bbox b = new TileCoord(0, 0, 0).bounds();
        assertThat(b.minx()).isEqualTo(-180);
        assertThat(b.maxx()).isEqualTo(180);
        assertThat(b.maxy()).isCloseTo(TileCoord.MAX_LATITUDE, within(1e-9));
        assertThat(b.miny()).isCloseTo(-TileCoord.MAX_LATITUDE, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource({
        // worked by hand with the slippy-map formula: x = floor((lon+180)/360·2^z), y = floor((1 − ln(tan φ + sec
        // φ)/π)/2·2^z)
        "10, 105.85, 21.03, 813, 450",
        "14, 106.55, 21.38, 13041, 7195",
        "0, 105.0, 16.0, 0, 0"
    })
    void findsTheTileOfAPlace(int z, double lon, double lat, int x, int y) {
        TileCoord t = TileCoord.containing(z, lon, lat);
        assertThat(t).isEqualTo(new TileCoord(z, x, y));
        assertThat(t.bounds().envelopes().get(0).contains(lon, lat)).isTrue();
        assertThat(t.parent()
                        .bounds()
                        .envelopes()
                        .get(0)
                        .contains(t.bounds().envelopes().get(0)))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 0", "21, 0, 0", "1, 2, 0", "1, 0, 2", "3, -1, 0", "3, 0, 8"})
    void refusesTilesOutsideTheGrid(int z, int x, int y) {
        assertThatThrownBy(() -> new TileCoord(z, x, y)).isInstanceOf(IllegalArgumentException.class);
    }
}
