package org.ruralatlas.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A produced tile: its MVT bytes (empty when it has no features) and a strong ETag from their
 * SHA-256, so an unchanged tile keeps its tag across restarts and cache levels.
 */
public record Tile(byte[] bytes, String etag) {

    public static Tile of(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Tile(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }
}
