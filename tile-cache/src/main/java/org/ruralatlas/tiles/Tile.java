package org.ruralatlas.tiles;

import org.ruralatlas.data.io.Sha256;

/**
 * A produced tile: its MVT bytes (empty when it has no features) and a strong ETag from their
 * SHA-256, so an unchanged tile keeps its tag across restarts and cache levels. {@code settled}
 * is false for a tile read from a shared disk level so soon after a change that another server
 * may have written it from the data before the change ({@link TileCache}): good to serve, not to
 * be promised unchanging for a version.
 */
public record Tile(byte[] bytes, String etag, boolean settled) {

    public static Tile of(byte[] bytes) {
        return of(bytes, true);
    }

    public static Tile of(byte[] bytes, boolean settled) {
        return new Tile(bytes, "\"" + Sha256.hex(bytes, 16) + "\"", settled);
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
