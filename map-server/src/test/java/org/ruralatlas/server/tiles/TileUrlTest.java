package org.ruralatlas.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.web.RequestPaths;
import org.ruralatlas.tiles.TileSet;
import org.springframework.mock.web.MockHttpServletRequest;

/** The tile URL grammar, without a server: every form it takes, every refusal with the parameter it names. */
class TileUrlTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    private static final Map<String, TileSet> SETS = Map.of(
            TileSet.ALL,
            new TileSet(TileSet.ALL, CATALOG.collections()),
            "farms",
            TileSet.of(CATALOG.require("farms")),
            "tourism",
            TileSet.of(CATALOG.require("tourism")));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/tiles/WebMercatorQuad/5/14/25|all 5/25/14",
                "/tiles/WebMercatorQuad/0/0/0|all 0/0/0",
                "/tiles/WebMercatorQuad/20/1048575/0|all 20/0/1048575",
                "/tiles/WebMercatorQuad/05/014/0025|all 5/25/14",
                "/collections/farms/tiles/WebMercatorQuad/10/450/815|farms 10/815/450",
                "/tiles/farms/10/815/450.mvt|farms 10/815/450",
                "/tiles/all/3/1/2.mvt|all 3/1/2"
            })
    void readsEveryForm(String path, String tile) {
        assertThat(describe(TileUrl.parse(segments(path), SETS))).isEqualTo(tile);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/tiles/WebMercatorQuad/ten/1/1|400|tileMatrix",
                "/tiles/WebMercatorQuad/3/x/1|400|tileRow",
                "/tiles/WebMercatorQuad/3/1/1x|400|tileCol",
                "/tiles/WebMercatorQuad/+3/1/1|400|tileMatrix",
                "/tiles/WebMercatorQuad/-/1/1|400|tileMatrix",
                "/tiles/WebMercatorQuad/3/1/1.5|400|tileCol",
                "/tiles/WebMercatorQuad/\u0663/0/0|400|tileMatrix",
                "/tiles/farms/3/0/.mvt|400|tileRow",
                "/tiles/farms/3/a/0.mvt|400|tileCol",
                "/tiles/WebMercatorQuad/21/0/0|404|tileMatrix",
                "/tiles/WebMercatorQuad/-1/0/0|404|tileMatrix",
                "/tiles/WebMercatorQuad/99999999999999999999/0/0|404|tileMatrix",
                "/tiles/WebMercatorQuad/3/8/0|404|tileRow",
                "/tiles/WebMercatorQuad/3/0/-1|404|tileCol",
                "/tiles/WebMercatorQuad/3/0/99999999999|404|tileCol",
                "/tiles/farms/3/8/0.mvt|404|tileCol",
                "/tiles/WorldCRS84Quad/3/0/0|404|tileMatrixSetId",
                "/tiles/offline/3/0/0|404|tileMatrixSetId",
                "/collections/farms/tiles/WorldCRS84Quad/3/0/0|404|tileMatrixSetId",
                "/collections/nowhere/tiles/WebMercatorQuad/3/0/0|404|collectionId",
                "/collections/all/tiles/WebMercatorQuad/3/0/0|404|collectionId",
                "/collections/reported_province_figures/tiles/WebMercatorQuad/3/0/0|404|collectionId",
                "/tiles/nowhere/3/0/0.mvt|404|collectionId",
                "/tiles/WebMercatorQuad/3/0/0.mvt|404|collectionId"
            })
    void refusesNamingTheParameter(String path, int status, String parameter) {
        assertThat(TileUrl.isTileUrl(segments(path))).isTrue();
        assertThatThrownBy(() -> TileUrl.parse(segments(path), SETS)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().value()).isEqualTo(status);
            assertThat(e.parameter()).isEqualTo(parameter);
        });
    }

    @ParameterizedTest
    @CsvSource({
        "/tiles",
        "/tiles/WebMercatorQuad",
        "/tiles/offline",
        "/tiles/WebMercatorQuad/3/0",
        "/tiles/WebMercatorQuad/3/0/0/1",
        "/collections/farms/tiles",
        "/collections/farms/tiles/WebMercatorQuad",
        "/collections/farms/items/3/0/0/1",
        "/collections/farms/tiles/WebMercatorQuad/3/0/0/1",
        "/collections/communes/items/07330/history",
        "/tile/WebMercatorQuad/3/0/0"
    })
    void otherRoutesAreNotTileUrls(String path) {
        assertThat(TileUrl.isTileUrl(segments(path))).isFalse();
    }

    /** The endpoint reads the path as routing does: any spelling routing accepts is the same tile; an empty segment is no tile URL. */
    @Test
    void readsThePathAsRoutingDoes() {
        assertThat(describe(TileUrl.parse(routed("/%74iles/WebMercatorQuad/5/14/25"), SETS)))
                .isEqualTo("all 5/25/14");
        assertThat(describe(TileUrl.parse(routed("/tiles/WebMercatorQuad/5/1%34/25"), SETS)))
                .isEqualTo("all 5/25/14");
        assertThat(describe(TileUrl.parse(routed("/tiles/WebMercatorQuad;v=2/5/14/25"), SETS)))
                .isEqualTo("all 5/25/14");
        assertThat(describe(TileUrl.parse(routed("/collections/%66arms/tiles/WebMercatorQuad/10/450/815"), SETS)))
                .isEqualTo("farms 10/815/450");
        assertThat(describe(TileUrl.parse(routed("/tiles/farms/10/815/450%2Emvt"), SETS)))
                .isEqualTo("farms 10/815/450");
        assertThat(TileUrl.isTileUrl(routed("/tiles/WebMercatorQuad/5/14/25/"))).isFalse();
        assertThat(TileUrl.isTileUrl(routed("/tiles/WebMercatorQuad/5//25"))).isFalse();
        assertThat(TileUrl.isTileUrl(routed("/tiles/WebMercatorQuad/5/14/"))).isFalse();
        assertThat(TileUrl.isTileUrl(routed("/"))).isFalse();
    }

    private static List<String> segments(String path) {
        return Arrays.asList(path.substring(1).split("/", -1));
    }

    private static List<String> routed(String uri) {
        return TileEndpoint.segments(RequestPaths.of(new MockHttpServletRequest("GET", uri)));
    }

    private static String describe(TileUrl url) {
        return url.set().id() + " " + url.tile().z() + "/" + url.tile().x() + "/"
                + url.tile().y();
    }
}
