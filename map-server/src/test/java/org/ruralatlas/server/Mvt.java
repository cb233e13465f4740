package org.ruralatlas.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Mapbox Vector Tile's protobuf framing (spec 2.1) far enough to tell a whole tile from a
 * torn one: every top-level field is a layer (3, length-delimited) whose length fits the bytes,
 * and every layer has its name (1). Throws {@link IllegalArgumentException} on anything else.
 */
final class Mvt {

    private Mvt() {}

    /** The names of the tile's layers, in order; an empty tile has none. */
    static List<String> layerNames(byte[] tile) {
        List<String> names = new ArrayList<>();
        int[] at = {0};
        while (at[0] < tile.length) {
            long key = varint(tile, at);
            if (key != ((3 << 3) | 2)) {
                throw new IllegalArgumentException("not a layer field at byte " + at[0] + ": key " + key);
            }
            int end = length(tile, at);
            String name = null;
            while (at[0] < end) {
                long k = varint(tile, at);
                switch ((int) (k & 7)) {
                    case 0 -> varint(tile, at);
                    case 2 -> {
                        int fieldEnd = length(tile, at);
                        if (k >> 3 == 1) {
                            name = new String(tile, at[0], fieldEnd - at[0], java.nio.charset.StandardCharsets.UTF_8);
                        }
                        at[0] = fieldEnd;
                    }
                    case 1 -> at[0] += 8;
                    case 5 -> at[0] += 4;
                    default -> throw new IllegalArgumentException("wire type " + (k & 7) + " in a layer");
                }
            }
            if (at[0] != end || name == null) {
                throw new IllegalArgumentException("a torn layer ending at byte " + end);
            }
            names.add(name);
        }
        return names;
    }

    private static int length(byte[] b, int[] at) {
        long n = varint(b, at);
        if (n < 0 || at[0] + n > b.length) {
            throw new IllegalArgumentException("a field of " + n + " bytes at byte " + at[0] + " of " + b.length);
        }
        return (int) (at[0] + n);
    }

    private static long varint(byte[] b, int[] at) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= b.length) {
                throw new IllegalArgumentException("a varint cut at the end");
            }
            byte x = b[at[0]++];
            v |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("a varint too long");
    }
}
