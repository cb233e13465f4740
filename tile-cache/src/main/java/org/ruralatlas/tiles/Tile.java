package org.ruralatlas.tiles;

import org.ruralatlas.data.io.Sha256;

/**
 * A produced tile: its MVT bytes (empty when it has no features) and a strong ETag from their
 * SHA-256, so an unchanged tile keeps its tag across restarts and cache levels.
 */
public record Tile(byte[] bytes, String etag) {

    public static Tile of(byte[] bytes) {
        return new Tile(bytes, "\"" + Sha256.hex(bytes, 16) + "\"");
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
