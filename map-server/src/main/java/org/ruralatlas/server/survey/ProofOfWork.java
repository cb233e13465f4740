package org.ruralatlas.server.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Friction for a public write without login (a hashcash-style proof of work): the server hands
 * out a signed, expiring, single-use challenge for one commune; the client must find a nonce such
 * that SHA-256(challenge + ":" + nonce) starts with {@code difficulty} zero bits. Checking costs one
 * hash; finding costs about 2^difficulty, so a flood costs its sender real time. A challenge is
 * used once: the {@link ChallengeLedger} in the store remembers it for every server and restart.
 */
final class ProofOfWork {

    /** The refusal of a challenge already used (a replay), which the API answers with 409. */
    static final String ALREADY_USED = "the challenge was already used; get a new one";

    private final byte[] key;
    private final int difficulty;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ChallengeLedger used;

    ProofOfWork(String secret, int difficulty, Duration ttl, Clock clock, ChallengeLedger used) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.difficulty = difficulty;
        this.ttl = ttl;
        this.clock = clock;
        this.used = used;
    }

    int difficulty() {
        return difficulty;
    }

    /** A new challenge for {@code commune}: expiry.random.commune.signature. */
    String challenge(String commune) {
        byte[] r = new byte[12];
        random.nextBytes(r);
        String body =
                (clock.millis() + ttl.toMillis()) / 1000 + "." + HexFormat.of().formatHex(r) + "." + commune;
        return body + "." + sign(body);
    }

    /** Why the proof is refused, or null when it is good; a good proof is used up. */
    String refuse(String challenge, String nonce, String commune) {
        if (challenge == null || nonce == null || nonce.length() > 64) {
            return "challenge and nonce are required (GET the challenge first)";
        }
        String[] parts = challenge.split("\\.");
        if (parts.length != 4) {
            return "the challenge is malformed";
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(
                sign(body).getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return "the challenge was not issued by this server";
        }
        if (!parts[2].equals(commune)) {
            return "the challenge was issued for another commune";
        }
        long expires;
        try {
            expires = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return "the challenge is malformed";
        }
        if (expires * 1000 < clock.millis()) {
            return "the challenge has expired; get a new one";
        }
        if (leadingZeroBits(sha256(challenge + ":" + nonce)) < difficulty) {
            return "the nonce does not solve the challenge";
        }
        if (!used.firstUse(parts[1], Instant.ofEpochSecond(expires))) {
            return ALREADY_USED;
        }
        return null;
    }

    /** The nonce a client would find (for tests and the benchmark client). */
    static String solve(String challenge, int difficulty) {
        for (long n = 0; ; n++) {
            String nonce = Long.toString(n);
            if (leadingZeroBits(sha256(challenge + ":" + nonce)) >= difficulty) {
                return nonce;
            }
        }
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    static byte[] sha256(String s) {
        return org.ruralatlas.data.io.Sha256.digest(s.getBytes(StandardCharsets.UTF_8));
    }

    String sign(String body) {
        return hmac(key, body);
    }

    static String hmac(byte[] key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
