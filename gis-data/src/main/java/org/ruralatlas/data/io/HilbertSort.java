package org.ruralatlas.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Envelope;
import org.wololo.flatgeobuf.NodeItem;
import org.wololo.flatgeobuf.PackedRTree;

/**
 * Sorts the features' boxes by the Hilbert value of their centres (ties by their order in the
 * layer) with an external merge sort: runs of a fixed number of boxes are sorted in memory and
 * spilled to scratch files, then merged. The heap holds one run (36 bytes a box) and a read buffer
 * per run, whatever the feature count; a layer of one run is never spilled. The order is the one
 * of a single in-memory sort, so the file is the same whatever the run size.
 */
final class HilbertSort {

    /** A box as the first pass writes it, in layer order: min x, min y, max x, max y (floats), encoded length (int). */
    static final int BOX_BYTES = 20;

    /** A box in a sorted run: its sort key (long), box, offset in the feature scratch file (long) and length. */
    private static final int RUN_BYTES = 36;

    private static final int HILBERT_MAX = (1 << 16) - 1;

    /** The read buffers of all runs in a merge share about this much heap (each between 4 and 64 KiB). */
    private static final int MERGE_BUFFERS = 8 << 20;

    /** Where the sorted boxes go, one at a time. */
    interface Sink {
        void accept(float minX, float minY, float maxX, float maxY, long offset, int length) throws IOException;
    }

    private HilbertSort() {}

    /**
     * Reads {@code count} boxes (written in layer order) from {@code boxes} and hands them to
     * {@code sink} in Hilbert order within {@code extent}, each with its offset in the features'
     * scratch file (the sum of the lengths before it). {@code boxes} is deleted once in runs.
     */
    static void sort(Path boxes, long count, Envelope extent, int runSize, FlatGeobufScratch scratch, Sink sink)
            throws IOException {
        List<Path> runs = new ArrayList<>();
        Run run = new Run((int) Math.min(runSize, count), extent);
        try (RecordChannel in = RecordChannel.reader(boxes, 1 << 16)) {
            long offset = 0;
            for (long base = 0; base < count; base += run.size) {
                offset = run.fill(in, base, (int) Math.min(run.keys.length, count - base), offset);
                if (runs.isEmpty() && base + run.size == count) {
                    run.emit(sink);
                    return;
                }
                Path file = scratch.create("run");
                run.spill(file);
                runs.add(file);
            }
        }
        run = null; // the merge needs its memory no more
        scratch.delete(boxes); // nor the boxes in layer order: the runs hold them
        merge(runs, scratch, sink);
    }

    /** Boxes of one run, sorted in memory by their keys: (hilbert value << 32 | index in the layer), sign-flipped. */
    private static final class Run {
        final long[] keys;
        final float[] boxes;
        final long[] offsets;
        final int[] lengths;
        final NodeItem extent;
        final NodeItem node = new NodeItem(0, 0, 0, 0);
        long base;
        int size;

        Run(int capacity, Envelope e) {
            keys = new long[capacity];
            boxes = new float[4 * capacity];
            offsets = new long[capacity];
            lengths = new int[capacity];
            extent = new NodeItem(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
        }

        /** Reads the next {@code n} boxes, the first being the layer's {@code base}th, and sorts them; returns the next offset. */
        long fill(RecordChannel in, long base, int n, long offset) throws IOException {
            this.base = base;
            this.size = n;
            double width = extent.width();
            double height = extent.height();
            for (int j = 0; j < n; j++) {
                ByteBuffer r = in.next(BOX_BYTES);
                node.minX = boxes[4 * j] = r.getFloat();
                node.minY = boxes[4 * j + 1] = r.getFloat();
                node.maxX = boxes[4 * j + 2] = r.getFloat();
                node.maxY = boxes[4 * j + 3] = r.getFloat();
                lengths[j] = r.getInt();
                offsets[j] = offset;
                offset += lengths[j];
                long h = PackedRTree.hibert(node, HILBERT_MAX, extent.minX, extent.minY, width, height) & 0xFFFFFFFFL;
                // flipping the sign bit makes a signed sort order the unsigned keys
                keys[j] = ((h << 32) | (base + j)) ^ Long.MIN_VALUE;
            }
            Arrays.sort(keys, 0, n);
            return offset;
        }

        /** The box of the run's {@code j}th key, by its index within the run. */
        private int local(int j) {
            return (int) (((keys[j] ^ Long.MIN_VALUE) & 0xFFFFFFFFL) - base);
        }

        void emit(Sink sink) throws IOException {
            for (int j = 0; j < size; j++) {
                int i = local(j);
                sink.accept(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3], offsets[i], lengths[i]);
            }
        }

        void spill(Path file) throws IOException {
            try (RecordChannel out = RecordChannel.writer(file, 1 << 16)) {
                for (int j = 0; j < size; j++) {
                    int i = local(j);
                    out.put(RUN_BYTES)
                            .putLong(keys[j])
                            .putFloat(boxes[4 * i])
                            .putFloat(boxes[4 * i + 1])
                            .putFloat(boxes[4 * i + 2])
                            .putFloat(boxes[4 * i + 3])
                            .putLong(offsets[i])
                            .putInt(lengths[i]);
                }
            }
        }
    }

    /** A k-way merge of the sorted runs, each deleted once read. */
    private static void merge(List<Path> runs, FlatGeobufScratch scratch, Sink sink) throws IOException {
        int buffer = Math.max(4096, Math.min(1 << 16, MERGE_BUFFERS / runs.size()));
        PriorityQueue<Head> heads = new PriorityQueue<>(runs.size(), (a, b) -> Long.compare(a.key, b.key));
        List<RecordChannel> open = new ArrayList<>();
        try {
            for (Path run : runs) {
                RecordChannel in = RecordChannel.reader(run, buffer);
                open.add(in);
                Head head = new Head(in, java.nio.file.Files.size(run) / RUN_BYTES);
                if (head.advance()) {
                    heads.add(head);
                }
            }
            while (!heads.isEmpty()) {
                Head h = heads.poll();
                sink.accept(h.minX, h.minY, h.maxX, h.maxY, h.offset, h.length);
                if (h.advance()) {
                    heads.add(h);
                }
            }
        } finally {
            IOException failure = null;
            for (RecordChannel in : open) {
                try {
                    in.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            for (Path run : runs) {
                scratch.delete(run);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** The smallest box not yet merged of one run. */
    private static final class Head {
        final RecordChannel in;
        long left;
        long key;
        float minX, minY, maxX, maxY;
        long offset;
        int length;

        Head(RecordChannel in, long records) {
            this.in = in;
            this.left = records;
        }

        boolean advance() throws IOException {
            if (left == 0) {
                return false;
            }
            left--;
            ByteBuffer r = in.next(RUN_BYTES);
            key = r.getLong();
            minX = r.getFloat();
            minY = r.getFloat();
            maxX = r.getFloat();
            maxY = r.getFloat();
            offset = r.getLong();
            length = r.getInt();
            return true;
        }
    }
}
