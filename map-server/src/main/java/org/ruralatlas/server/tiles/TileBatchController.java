package org.ruralatlas.server.tiles;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.ruralatlas.server.ogcapi.KnownTags;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.tiles.Tile;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many tiles in one answer, for saving an area for offline use: a phone on a rural connection pays
 * a round trip per request, and a province is over a thousand tiles. The answer is
 * {@code multipart/mixed} (RFC 2046), one part per tile asked, in the order asked, each exactly
 * what the tile's own URL answers: {@code Content-Location} (that URL), {@code ETag},
 * {@code Content-Length}, and the Mapbox Vector Tile, or no body for an empty tile (its URL's 204).
 * Tiles are written as they come from the cache (made when missing), so memory holds one at a
 * time. The first is read before anything is written: a store that cannot make it is a 503 as
 * for a single tile; one that fails later cuts the answer, and the client asks again for what it
 * did not get. With {@code known} (the ETags the client holds, one per tile, empty for none) a
 * tile still so tagged is a part with {@code Status: 304} and no body, as its URL would answer
 * {@code If-None-Match}: updating a saved area checks a thousand tiles in a few dozen requests.
 */
@RestController
public class TileBatchController {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TileCache cache;
    private final TileFreshness freshness;

    public TileBatchController(TileCache cache, TileFreshness freshness) {
        this.cache = cache;
        this.freshness = freshness;
    }

    @QueryParameters({"tiles", "known"})
    @GetMapping("/tiles/offline/tiles")
    public ResponseEntity<StreamedBody> batch(@RequestParam Map<String, String> params) {
        List<TileCoord> tiles = TileBatch.parse(params.get("tiles")).tiles();
        List<String> known = KnownTags.parse(params.get("known"), tiles.size(), "tiles");
        TileSet set = cache.set(TileSet.ALL).orElseThrow();
        freshness.await(set);
        Tile first = cache.get(set, tiles.get(0));
        String boundary = "ruralatlas-" + HexFormat.of().formatHex(bytes());
        String base = Urls.base();
        StreamedBody body = out -> {
            for (int i = 0; i < tiles.size(); i++) {
                Tile tile = i == 0 ? first : cache.get(set, tiles.get(i));
                part(
                        out,
                        boundary,
                        base,
                        tiles.get(i),
                        tile,
                        KnownTags.unquoted(tile.etag()).equals(known.get(i)));
            }
            out.write(("--" + boundary + "--").getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("multipart", "mixed", Map.of("boundary", boundary)))
                .cacheControl(CacheControl.noStore())
                .body(body);
    }

    /** A boundary's random part: no tile's bytes will hold it (RFC 2046). */
    private static byte[] bytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }

    /** One tile's part: its URL, ETag, length and bytes (none for an empty tile, or one the client holds: 304). */
    private static void part(
            OutputStream out, String boundary, String base, TileCoord t, Tile tile, boolean notModified)
            throws java.io.IOException {
        byte[] bytes = tile.isEmpty() || notModified ? new byte[0] : tile.bytes();
        StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
        head.append("Content-Location: ")
                .append(base)
                .append("/tiles/WebMercatorQuad/")
                .append(t.z())
                .append('/')
                .append(t.y())
                .append('/')
                .append(t.x())
                .append("\r\n");
        if (notModified) {
            head.append("Status: 304\r\n");
        } else if (bytes.length > 0) {
            head.append("Content-Type: ").append(TileEndpoint.MVT).append("\r\n");
        }
        head.append("ETag: ").append(tile.etag()).append("\r\n");
        head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write(CRLF);
    }
}
