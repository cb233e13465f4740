package org.ruralatlas.data.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.PropertyValues;
import org.wololo.flatgeobuf.ColumnMeta;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.NodeItem;
import org.wololo.flatgeobuf.PackedRTree;
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Writes a layer as FlatGeobuf with its packed Hilbert R-tree, so that GDAL, QGIS and web clients
 * read any window of a large file without scanning it. The index must precede the features in
 * Hilbert order, and both need the whole layer's extent, so the features are encoded once into a
 * scratch file beside the target while only compact per-feature arrays stay in memory (a float
 * box rounded outwards, an offset and a sort key: 32 bytes a feature, 32 MB for a million), then
 * copied in Hilbert order after the index. Geometry and property encoding are the
 * {@code org.wololo:flatgeobuf} library's; the tree layout follows the FlatGeobuf specification.
 */
public final class FlatGeobufWriter {

    /** Children per index node; 16 is what GDAL and the reference writers use. */
    public static final int NODE_SIZE = 16;

    private static final int HILBERT_MAX = (1 << 16) - 1;

    /** The scratch file is mapped in pieces of 1 GiB. */
    private static final long SEGMENT = 1L << 30;

    private FlatGeobufWriter() {}

    /** Writes every feature into {@code target} (replaced), with its scratch file beside it; returns how many. */
    public static long write(Layer layer, Iterator<Feature> features, Path target) throws IOException {
        requireGeometry(layer);
        try (OutputStream out = Files.newOutputStream(target)) {
            return write(layer, features, out, target.toAbsolutePath().getParent());
        }
    }

    /**
     * Writes every feature onto {@code out} (left open), encoding them first into a scratch file
     * in {@code scratchDir}: nothing is written to {@code out} before the last feature is read.
     */
    public static long write(Layer layer, Iterator<Feature> features, OutputStream out, Path scratchDir)
            throws IOException {
        requireGeometry(layer);
        Path scratch = Files.createTempFile(scratchDir, "." + layer.id() + "-", ".fgb.features");
        try {
            Encoded encoded = encode(layer, features, scratch);
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            try (FileChannel in = FileChannel.open(scratch, StandardOpenOption.READ)) {
                writeFile(layer, encoded, in, buffered);
            }
            buffered.flush();
            return encoded.count;
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** FlatGeobuf is a format of geometries: a layer written without them (records, skipGeometry) has none to write. */
    private static void requireGeometry(Layer layer) {
        if (!layer.hasGeometry()) {
            throw new IllegalArgumentException(
                    "FlatGeobuf holds features with geometry; " + layer.id()
                            + " is written without it (a table of records, or skipGeometry): choose GeoJSON, CSV or GeoPackage");
        }
    }

    /** What the first pass learned: per feature its box, where it starts in the scratch file (one more for the end). */
    private static final class Encoded {
        float[] boxes = new float[4 * 1024];
        long[] offsets = new long[1025];
        int count;
        final Envelope extent = new Envelope();

        void add(Envelope e, long start, long end) {
            if (count == Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a FlatGeobuf export holds at most " + count + " features");
            }
            if (4 * count + 4 > boxes.length) {
                boxes = Arrays.copyOf(boxes, boxes.length * 2);
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            boxes[4 * count] = down(e.getMinX());
            boxes[4 * count + 1] = down(e.getMinY());
            boxes[4 * count + 2] = up(e.getMaxX());
            boxes[4 * count + 3] = up(e.getMaxY());
            offsets[count] = start;
            offsets[count + 1] = end;
            count++;
            extent.expandToInclude(e);
        }
    }

    private static Encoded encode(Layer layer, Iterator<Feature> features, Path scratch) throws IOException {
        byte headerType = geometryType(layer);
        List<PropertySpec> props = layer.properties();
        FlatBufferBuilder builder = new FlatBufferBuilder(16 * 1024);
        ByteBuffer values = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        Encoded e = new Encoded();
        long position = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16)) {
            while (features.hasNext()) {
                Feature f = features.next();
                Geometry g = f.geometry();
                if (g == null || g.isEmpty()) {
                    // the index needs a box for every feature; layers with geometry have one on every feature
                    throw new IllegalArgumentException("feature " + f.id() + " of " + layer.id() + " has no geometry");
                }
                values.clear();
                for (int i = 0; i < props.size(); i++) {
                    values = put(
                            values,
                            i,
                            props.get(i),
                            f.properties().get(props.get(i).name()));
                }
                builder.clear();
                int geometry = GeometryConversions.serialize(builder, g, headerType);
                values.flip();
                int properties = org.wololo.flatgeobuf.generated.Feature.createPropertiesVector(builder, values);
                org.wololo.flatgeobuf.generated.Feature.startFeature(builder);
                org.wololo.flatgeobuf.generated.Feature.addGeometry(builder, geometry);
                org.wololo.flatgeobuf.generated.Feature.addProperties(builder, properties);
                builder.finishSizePrefixed(org.wololo.flatgeobuf.generated.Feature.endFeature(builder));
                ByteBuffer bytes = builder.dataBuffer();
                int size = bytes.remaining();
                out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), size);
                e.add(g.getEnvelopeInternal(), position, position + size);
                position += size;
            }
        }
        return e;
    }

    private static void writeFile(Layer layer, Encoded e, FileChannel features, OutputStream out) throws IOException {
        out.write(Constants.MAGIC_BYTES);
        HeaderMeta header = new HeaderMeta();
        header.name = layer.id();
        header.geometryType = geometryType(layer);
        header.srid = 4326;
        header.envelope = e.count == 0 ? null : e.extent;
        header.featuresCount = e.count;
        header.indexNodeSize = e.count == 0 ? 0 : NODE_SIZE;
        header.columns = columns(layer);
        HeaderMeta.write(header, out, new FlatBufferBuilder(4096));
        if (e.count == 0) {
            return;
        }
        long[] order = hilbertOrder(e);
        writeIndex(e, order, new DataOutputStream(out));
        // the features in Hilbert order: random reads, from the scratch file mapped into memory (outside the heap)
        long size = features.size();
        java.nio.MappedByteBuffer[] segments = new java.nio.MappedByteBuffer[(int) ((size + SEGMENT - 1) / SEGMENT)];
        for (int s = 0; s < segments.length; s++) {
            segments[s] = features.map(
                    FileChannel.MapMode.READ_ONLY, (long) s * SEGMENT, Math.min(SEGMENT, size - (long) s * SEGMENT));
        }
        byte[] buf = new byte[64 * 1024];
        for (long key : order) {
            int i = (int) key;
            long start = e.offsets[i];
            int length = (int) (e.offsets[i + 1] - start);
            if (length > buf.length) {
                buf = new byte[length];
            }
            int segment = (int) (start / SEGMENT);
            int within = (int) (start % SEGMENT);
            if (within + length <= SEGMENT) {
                segments[segment].get(within, buf, 0, length);
            } else {
                ByteBuffer across = ByteBuffer.wrap(buf, 0, length);
                while (across.hasRemaining()) {
                    if (features.read(across, start + across.position()) < 0) {
                        throw new IOException("the scratch file ended early");
                    }
                }
            }
            out.write(buf, 0, length);
        }
    }

    /** Feature indexes sorted by the Hilbert value of their box centres: each key is (hilbert << 32 | index). */
    private static long[] hilbertOrder(Encoded e) {
        NodeItem extent = new NodeItem(e.extent.getMinX(), e.extent.getMinY(), e.extent.getMaxX(), e.extent.getMaxY());
        double width = extent.width();
        double height = extent.height();
        long[] keys = new long[e.count];
        NodeItem node = new NodeItem(0, 0, 0, 0);
        for (int i = 0; i < e.count; i++) {
            node.minX = e.boxes[4 * i];
            node.minY = e.boxes[4 * i + 1];
            node.maxX = e.boxes[4 * i + 2];
            node.maxY = e.boxes[4 * i + 3];
            long h = PackedRTree.hibert(node, HILBERT_MAX, extent.minX, extent.minY, width, height) & 0xFFFFFFFFL;
            // flipping the sign bit makes a signed sort order the unsigned keys
            keys[i] = ((h << 32) | i) ^ Long.MIN_VALUE;
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (keys[i] ^ Long.MIN_VALUE) & 0xFFFFFFFFL;
        }
        return keys;
    }

    /**
     * The packed R-tree, root first, leaves last: a leaf holds a feature's box and its byte offset
     * in the feature section; a parent holds its children's union and the node index of its
     * first child. Only the levels above the leaves (a fifteenth of the nodes) are held in memory.
     */
    private static void writeIndex(Encoded e, long[] order, DataOutputStream out) throws IOException {
        int n = e.count;
        List<Integer> levelSizes = new ArrayList<>(); // bottom-up: leaves, parents, …, root
        int size = n;
        levelSizes.add(size);
        while (size != 1) {
            size = (size + NODE_SIZE - 1) / NODE_SIZE;
            levelSizes.add(size);
        }
        int levels = levelSizes.size();
        long[] levelStart = new long[levels]; // node index of each level's first node, in storage order (root = 0)
        long total = 0;
        for (int l = levels - 1; l >= 0; l--) {
            levelStart[l] = total;
            total += levelSizes.get(l);
        }
        // level 1 from the leaves, then each level from the one below
        double[][] boxes = new double[levels][];
        double[] below = null;
        for (int l = 1; l < levels; l++) {
            int count = levelSizes.get(l);
            double[] b = new double[4 * count];
            for (int j = 0; j < count; j++) {
                double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
                double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
                int end = Math.min((j + 1) * NODE_SIZE, levelSizes.get(l - 1));
                for (int c = j * NODE_SIZE; c < end; c++) {
                    if (l == 1) {
                        int i = (int) order[c];
                        minX = Math.min(minX, e.boxes[4 * i]);
                        minY = Math.min(minY, e.boxes[4 * i + 1]);
                        maxX = Math.max(maxX, e.boxes[4 * i + 2]);
                        maxY = Math.max(maxY, e.boxes[4 * i + 3]);
                    } else {
                        minX = Math.min(minX, below[4 * c]);
                        minY = Math.min(minY, below[4 * c + 1]);
                        maxX = Math.max(maxX, below[4 * c + 2]);
                        maxY = Math.max(maxY, below[4 * c + 3]);
                    }
                }
                b[4 * j] = minX;
                b[4 * j + 1] = minY;
                b[4 * j + 2] = maxX;
                b[4 * j + 3] = maxY;
            }
            boxes[l] = b;
            below = b;
        }
        ByteBuffer node = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        for (int l = levels - 1; l >= 1; l--) {
            double[] b = boxes[l];
            for (int j = 0; j < levelSizes.get(l); j++) {
                writeNode(
                        out,
                        node,
                        b[4 * j],
                        b[4 * j + 1],
                        b[4 * j + 2],
                        b[4 * j + 3],
                        levelStart[l - 1] + (long) j * NODE_SIZE);
            }
        }
        long offset = 0;
        for (long key : order) {
            int i = (int) key;
            writeNode(out, node, e.boxes[4 * i], e.boxes[4 * i + 1], e.boxes[4 * i + 2], e.boxes[4 * i + 3], offset);
            offset += e.offsets[i + 1] - e.offsets[i];
        }
        out.flush();
    }

    private static void writeNode(
            OutputStream out, ByteBuffer node, double minX, double minY, double maxX, double maxY, long offset)
            throws IOException {
        node.clear();
        node.putDouble(minX).putDouble(minY).putDouble(maxX).putDouble(maxY).putLong(offset);
        out.write(node.array(), 0, 40);
    }

    /** Appends one property value (column index, then the value) to {@code buf}, grown when needed. */
    private static ByteBuffer put(ByteBuffer buf, int column, PropertySpec p, Object v) {
        if (v == null) {
            return buf;
        }
        byte[] text = null;
        switch (p.type()) {
            case STRING, DATE, STRING_LIST, JSON ->
                text = PropertyValues.toColumn(p, v).toString().getBytes(StandardCharsets.UTF_8);
            default -> {}
        }
        int need = 2 + (text == null ? 8 : 4 + text.length);
        if (buf.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + need))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.putShort((short) column);
        switch (p.type()) {
            case INTEGER -> buf.putLong((Long) v);
            case NUMBER -> buf.putDouble((Double) v);
            case BOOLEAN -> buf.put((byte) (((Boolean) v) ? 1 : 0));
            default -> buf.putInt(text.length).put(text);
        }
        return buf;
    }

    private static List<ColumnMeta> columns(Layer layer) {
        List<ColumnMeta> columns = new ArrayList<>();
        for (PropertySpec p : layer.properties()) {
            ColumnMeta c = new ColumnMeta();
            c.name = p.name();
            c.type = switch (p.type()) {
                case STRING -> (byte) ColumnType.String;
                case INTEGER -> (byte) ColumnType.Long;
                case NUMBER -> (byte) ColumnType.Double;
                case BOOLEAN -> (byte) ColumnType.Bool;
                case DATE -> (byte) ColumnType.DateTime;
                case STRING_LIST, JSON -> (byte) ColumnType.Json;
            };
            c.title = p.title() == null ? null : p.title().en();
            c.description = p.description() == null ? null : p.description().en();
            c.nullable = true;
            columns.add(c);
        }
        return columns;
    }

    private static byte geometryType(Layer layer) {
        return (byte)
                switch (layer.geometryType()) {
                    case "Point" -> GeometryType.Point;
                    case "LineString" -> GeometryType.LineString;
                    case "Polygon" -> GeometryType.Polygon;
                    case "MultiPoint" -> GeometryType.MultiPoint;
                    case "MultiLineString" -> GeometryType.MultiLineString;
                    case "MultiPolygon" -> GeometryType.MultiPolygon;
                    default -> GeometryType.Unknown;
                };
    }

    private static float down(double v) {
        float f = (float) v;
        return f > v ? Math.nextDown(f) : f;
    }

    private static float up(double v) {
        float f = (float) v;
        return f < v ? Math.nextUp(f) : f;
    }
}
