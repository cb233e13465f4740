package org.ruralatlas.data.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256: short fingerprints in hex for ETags, cache keys and folder names; whole digests for proofs of work. */
public final class Sha256 {

    private Sha256() {}

    /** The first {@code bytes} bytes of the SHA-256 of {@code data}, as lower-case hex. */
    public static String hex(byte[] data, int bytes) {
        return HexFormat.of().formatHex(digest(data), 0, bytes);
    }

    /** The whole SHA-256 of {@code data}. */
    public static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The same for the UTF-8 bytes of {@code text}. */
    public static String hex(String text, int bytes) {
        return hex(text.getBytes(StandardCharsets.UTF_8), bytes);
    }
}
