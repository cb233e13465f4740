package org.ruralatlas.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FlatGeobuf's packed Hilbert R-tree, written into a scratch file exactly as it goes into the
 * export (root first, leaves last) while the leaves arrive in Hilbert order: every level is built
 * at once, each parent written when its last child is known, at its level's place in the file.
 * A leaf holds a feature's box and its byte offset in the feature section; a parent holds its
 * children's union and the node index of its first child. The heap holds a buffer and one open
 * parent per level, whatever the feature count.
 */
final class PackedRTreeFile implements AutoCloseable {

    private static final int NODE_BYTES = 40;

    private final FileChannel channel;
    private final int nodeSize;
    private final long[] counts; // nodes per level, bottom-up: leaves, parents, …, root
    private final long[] starts; // node index of each level's first node in the file (root = 0)
    private final long[] written; // nodes of each level written so far
    private final ByteBuffer[] buffers;
    private final long[] flushed; // bytes of each level already in the file
    private final double[] open; // the union of each level's open parent (level - 1's children so far)
    private final int[] children;
    private long featureOffset;

    /** A tree for {@code count} (at least one) leaves of {@code nodeSize} children a node, into {@code file}. */
    PackedRTreeFile(Path file, long count, int nodeSize) throws IOException {
        this.nodeSize = nodeSize;
        List<Long> sizes = new ArrayList<>();
        long size = count;
        sizes.add(size);
        while (size != 1) {
            size = (size + nodeSize - 1) / nodeSize;
            sizes.add(size);
        }
        int levels = sizes.size();
        counts = new long[levels];
        starts = new long[levels];
        long total = 0;
        for (int l = levels - 1; l >= 0; l--) {
            counts[l] = sizes.get(l);
            starts[l] = total;
            total += counts[l];
        }
        written = new long[levels];
        flushed = new long[levels];
        buffers = new ByteBuffer[levels];
        for (int l = 0; l < levels; l++) {
            buffers[l] = ByteBuffer.allocate((int) Math.min(1 << 16, counts[l] * NODE_BYTES))
                    .order(ByteOrder.LITTLE_ENDIAN);
        }
        open = new double[4 * levels];
        children = new int[levels];
        for (int l = 1; l < levels; l++) {
            reset(l);
        }
        channel = FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE);
    }

    /** The next leaf in Hilbert order: the box of a feature of {@code length} bytes, placed after the previous one. */
    void leaf(float minX, float minY, float maxX, float maxY, int length) throws IOException {
        write(0, minX, minY, maxX, maxY, featureOffset);
        featureOffset += length;
    }

    /** Writes the parents still open (the last of each level) and what is buffered; checks every node was written. */
    void finish() throws IOException {
        for (int l = 1; l < counts.length; l++) {
            if (children[l] > 0) {
                close(l);
            }
        }
        for (int l = 0; l < counts.length; l++) {
            flush(l);
            if (written[l] != counts[l]) {
                throw new IllegalStateException("index level " + l + " has " + written[l] + " nodes, not " + counts[l]);
            }
        }
    }

    /** The bytes of the feature section the leaves point into. */
    long featureBytes() {
        return featureOffset;
    }

    private void write(int level, double minX, double minY, double maxX, double maxY, long offset) throws IOException {
        ByteBuffer b = buffers[level];
        if (b.remaining() < NODE_BYTES) {
            flush(level);
        }
        b.putDouble(minX).putDouble(minY).putDouble(maxX).putDouble(maxY).putLong(offset);
        written[level]++;
        int parent = level + 1;
        if (parent < counts.length) {
            int o = 4 * parent;
            open[o] = Math.min(open[o], minX);
            open[o + 1] = Math.min(open[o + 1], minY);
            open[o + 2] = Math.max(open[o + 2], maxX);
            open[o + 3] = Math.max(open[o + 3], maxY);
            if (++children[parent] == nodeSize) {
                close(parent);
            }
        }
    }

    /** Writes {@code level}'s open parent, whose first child is the {@code nodeSize}-th multiple below. */
    private void close(int level) throws IOException {
        int o = 4 * level;
        long firstChild = starts[level - 1] + written[level] * nodeSize;
        double minX = open[o], minY = open[o + 1], maxX = open[o + 2], maxY = open[o + 3];
        reset(level);
        write(level, minX, minY, maxX, maxY, firstChild);
    }

    private void reset(int level) {
        int o = 4 * level;
        open[o] = Double.POSITIVE_INFINITY;
        open[o + 1] = Double.POSITIVE_INFINITY;
        open[o + 2] = Double.NEGATIVE_INFINITY;
        open[o + 3] = Double.NEGATIVE_INFINITY;
        children[level] = 0;
    }

    private void flush(int level) throws IOException {
        ByteBuffer b = buffers[level];
        b.flip();
        long position = starts[level] * NODE_BYTES + flushed[level];
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
        flushed[level] = position - starts[level] * NODE_BYTES;
        b.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
