package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

class TileAreaTest {

    @Test
    void walksEveryTileOfTheBoxZoomByZoom() {
        TileArea area = new TileArea(new Envelope(105.0, 107.0, 20.0, 22.0), null, 5, 8);
        List<TileCoord> tiles = new ArrayList<>();
        area.tiles().forEach(tiles::add);
        assertThat(tiles).hasSize((int) area.upperBound()).doesNotHaveDuplicates();
        assertThat(tiles.get(0).z()).isEqualTo(5);
        assertThat(tiles.get(tiles.size() - 1).z()).isEqualTo(8);
        assertThat(tiles).contains(TileCoord.containing(8, 106.0, 21.0), TileCoord.containing(5, 105.0, 22.0));
    }

    @Test
    void aShapeLeavesOutTheTilesItMisses() {
        // a thin diagonal triangle: most tiles of its box miss it
        var triangle = new GeometryFactory().createPolygon(new Coordinate[] {
            new Coordinate(105, 20), new Coordinate(107, 22), new Coordinate(106.9, 22), new Coordinate(105, 20)
        });
        TileArea area = new TileArea(triangle.getEnvelopeInternal(), triangle, 10, 10);
        long n = 0;
        for (TileCoord t : area.tiles()) {
            n++;
            assertThat(area.covers(t)).isTrue();
        }
        assertThat(n).isPositive().isLessThan(area.upperBound() / 3);
    }

    @Test
    void refusesABadZoomRange() {
        assertThatThrownBy(() -> new TileArea(new Envelope(0, 1, 0, 1), null, 9, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TileArea(new Envelope(0, 1, 0, 1), null, 0, 21))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
