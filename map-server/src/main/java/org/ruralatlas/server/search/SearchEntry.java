package org.ruralatlas.server.search;

import java.util.List;

/**
 * One searchable feature: what a result shows (name, a label placing it, e.g. "Phúc Hoà, Bắc
 * Ninh", a point inside it and its bbox for zooming) and the folded words it is found by: its
 * names, and its context (commune, province, codes), which match with less weight.
 *
 * @param weight the layer's weight in ranking (a commune outranks a farm of the same name)
 * @param popularity a small tie-breaker within equal matches (OCOP stars, NTM level)
 */
record SearchEntry(
        String layer,
        String id,
        String name,
        String label,
        double[] point,
        double[] bbox,
        double weight,
        double popularity,
        String nameKey,
        String toneKey,
        List<String> nameWords,
        List<String> contextWords) {

    /**
     * About how many bytes of heap this entry holds (64-bit JVM, compressed references, compact
     * strings), with its share of the index (a slot in the entry list, a posting per word); the
     * layer's name is shared by every entry and not counted.
     */
    long estimatedBytes() {
        long bytes = 72 + 32 + 48 + 4; // the record, its point and bbox arrays, its slot in the index
        bytes += string(id) + string(name) + string(label) + string(nameKey) + string(toneKey);
        bytes += list(nameWords) + list(contextWords);
        for (List<String> words : List.of(nameWords, contextWords)) {
            for (String w : words) {
                bytes += string(w) + 4;
            }
        }
        return bytes;
    }

    static long string(String s) {
        if (s == null) {
            return 0;
        }
        boolean latin1 = s.chars().allMatch(c -> c < 256);
        return 24 + align(16 + (latin1 ? s.length() : 2L * s.length()));
    }

    private static long list(List<String> l) {
        return l.size() <= 2 ? 24 : 16 + align(16 + 4L * l.size());
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    boolean intersects(org.ruralatlas.data.geo.Bbox box) {
        org.locationtech.jts.geom.Envelope own =
                new org.locationtech.jts.geom.Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
        return box.envelopes().stream().anyMatch(own::intersects);
    }
}
