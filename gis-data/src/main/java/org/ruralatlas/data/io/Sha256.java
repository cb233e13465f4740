package org.ruralatlas.data.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short SHA-256 fingerprints in hex, for ETags, cache keys and folder names. */
public final class Sha256 {

    private Sha256() {}

    /** The first {@code bytes} bytes of the SHA-256 of {@code data}, as lower-case hex. */
    public static String hex(byte[] data, int bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The same for the UTF-8 bytes of {@code text}. */
    public static String hex(String text, int bytes) {
        return hex(text.getBytes(StandardCharsets.UTF_8), bytes);
    }
}
