package org.ruralatlas.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.server.security.RequestPaths;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.mock.web.MockHttpServletRequest;

/** The fast path reads the tile URL as routing does: any spelling routing accepts, it serves; anything else it leaves to the controller. */
class TileFastPathTest {

    @Test
    void parsesEverySpellingRoutingAccepts() {
        LayerCatalog catalog = LayerCatalog.load();
        TileCache cache = new TileCache((s, t, g) -> new byte[0], null, 0, 1, 1 << 20,
                List.of(new TileSet(TileSet.ALL, catalog.collections()), TileSet.of(catalog.require("farms"))), new SimpleMeterRegistry());
        TileFastPath path = new TileFastPath(cache, null, "no-cache");
        assertThat(target(path, "/tiles/WebMercatorQuad/5/14/25")).isEqualTo("all 5/25/14");
        assertThat(target(path, "/%74iles/WebMercatorQuad/5/14/25")).isEqualTo("all 5/25/14");
        assertThat(target(path, "/tiles/WebMercatorQuad/5/1%34/25")).isEqualTo("all 5/25/14");
        assertThat(target(path, "/tiles/farms/10/815/450.mvt")).isEqualTo("farms 10/815/450");
        assertThat(target(path, "/collections/%66arms/tiles/WebMercatorQuad/10/450/815")).isEqualTo("farms 10/815/450");
        assertThat(target(path, "/collections/all/tiles/WebMercatorQuad/10/450/815")).isNull();
        assertThat(target(path, "/tiles/WebMercatorQuad/5/14/99")).isNull();
        assertThat(target(path, "/tiles/roads/10/815/450.mvt")).isNull();
        assertThat(target(path, "/tiles/WebMercatorQuad/21/0/0")).isNull();
        cache.close();
    }

    private static String target(TileFastPath path, String uri) {
        return path.parse(RequestPaths.of(new MockHttpServletRequest("GET", uri)))
                .map(t -> t.set().id() + " " + t.tile().z() + "/" + t.tile().x() + "/" + t.tile().y()).orElse(null);
    }
}
