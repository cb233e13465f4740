package org.ruralatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class WebMercatorTest {

    @Test
    void projectsLikeGdal() {
        // echo "105.85 21.03" | gdaltransform -s_srs OGC:CRS84 -t_srs EPSG:3857 → 11783168.100468 2395456.12710368
        assertThat(WebMercator.x(105.85)).isCloseTo(11783168.100468, within(0.001));
        assertThat(WebMercator.y(21.03)).isCloseTo(2395456.12710368, within(0.001));
        assertThat(WebMercator.lat(WebMercator.y(21.03))).isCloseTo(21.03, within(1e-9));
    }

    @Test
    void tileEnvelopesMatchTheGrid() {
        Envelope world = WebMercator.envelope(new TileCoord(0, 0, 0));
        assertThat(world.getMinX()).isCloseTo(-20037508.342789244, within(1e-6));
        assertThat(world.getMaxY()).isCloseTo(20037508.342789244, within(1e-6));
        Envelope ne = WebMercator.envelope(new TileCoord(1, 1, 0));
        assertThat(ne.getMinX()).isCloseTo(0, within(1e-6));
        assertThat(ne.getMinY()).isCloseTo(0, within(1e-6));
        Envelope buffered = WebMercator.buffered(new TileCoord(1, 1, 0), WebMercator.BUFFER);
        assertThat(buffered.getWidth()).isCloseTo(ne.getWidth() * (1 + 2.0 * 64 / 4096), within(1e-3));
    }

    @Test
    void aBoxTouchesItsTilesAndTheirNeighboursWithinTheBuffer() {
        TileCoord t = TileCoord.containing(14, 105.85, 21.03);
        Envelope tile = WebMercator.lonLatQueryBox(t);
        // a point inside the tile, well away from its edges: that tile only
        Envelope centre = new Envelope(tile.centre());
        assertThat(WebMercator.range(14, centre)).containsExactly(t.x(), t.y(), t.x(), t.y());
        // a point just past the east edge, within the 64-unit buffer: this tile and the next
        Envelope bounds = new Envelope(
                t.bounds().minx(),
                t.bounds().maxx(),
                t.bounds().miny(),
                t.bounds().maxy());
        double past = bounds.getMaxX() + bounds.getWidth() * 10 / 4096;
        int[] r = WebMercator.range(14, new Envelope(past, past, bounds.centre().y, bounds.centre().y));
        assertThat(r[0]).isEqualTo(t.x());
        assertThat(r[2]).isEqualTo(t.x() + 1);
    }
}
