package org.ruralatlas.data.io;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
import org.wololo.flatgeobuf.generated.ColumnType;
import org.wololo.flatgeobuf.generated.GeometryType;

/**
 * Writes a layer as FlatGeobuf with its packed Hilbert R-tree, so that GDAL, QGIS and web clients
 * read any window of a large file without scanning it. The index must precede the features in
 * Hilbert order, and both need the whole layer's extent, so the features are encoded once into a
 * scratch file beside the target, with their boxes into another; the boxes are then sorted by an
 * external merge sort ({@link HilbertSort}), the tree built from the sorted stream into a third
 * ({@link PackedRTreeFile}), and the features copied in that order after the index. The heap holds
 * one sort run and a few buffers, whatever the feature count; the scratch files are deleted in
 * every case. Geometry and property encoding are the {@code org.wololo:flatgeobuf} library's; the
 * tree layout follows the FlatGeobuf specification.
 */
public final class FlatGeobufWriter {

    /** Children per index node; 16 is what GDAL and the reference writers use. */
    public static final int NODE_SIZE = 16;

    /** How the name of every scratch file of an export ends (a server deletes those left by a stop midway). */
    public static final String SCRATCH_SUFFIX = FlatGeobufScratch.SUFFIX;

    /** Boxes sorted in memory at a time: 262,144 (about 9 MB of heap); more are sorted in runs and merged. */
    static final int RUN_SIZE = 1 << 18;

    /** Each feature's place in the features' scratch file, in Hilbert order: offset (long), length (int). */
    private static final int ORDER_BYTES = 12;

    /** The scratch file is mapped in pieces of 1 GiB. */
    private static final long SEGMENT = 1L << 30;

    private FlatGeobufWriter() {}

    /** Writes every feature into {@code target} (replaced), with its scratch files beside it; returns how many. */
    public static long write(Layer layer, Iterator<Feature> features, Path target) throws IOException {
        requireGeometry(layer);
        try (OutputStream out = Files.newOutputStream(target)) {
            return write(layer, features, out, target.toAbsolutePath().getParent());
        }
    }

    /**
     * Writes every feature onto {@code out} (left open), encoding them first into scratch files
     * in {@code scratchDir}: nothing is written to {@code out} before the last feature is read.
     */
    public static long write(Layer layer, Iterator<Feature> features, OutputStream out, Path scratchDir)
            throws IOException {
        return write(layer, features, out, scratchDir, RUN_SIZE);
    }

    /** As {@link #write(Layer, Iterator, OutputStream, Path)}, sorting {@code runSize} boxes in memory at a time. */
    static long write(Layer layer, Iterator<Feature> features, OutputStream out, Path scratchDir, int runSize)
            throws IOException {
        requireGeometry(layer);
        try (FlatGeobufScratch scratch = new FlatGeobufScratch(scratchDir, layer.id())) {
            Path encoded = scratch.create("features");
            Path boxes = scratch.create("boxes");
            Encoded e = encode(layer, features, encoded, boxes);
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            writeHeader(layer, e, buffered);
            if (e.count > 0) {
                Path index = scratch.create("index");
                Path order = scratch.create("order");
                try (PackedRTreeFile tree = new PackedRTreeFile(index, e.count, NODE_SIZE);
                        RecordChannel sorted = RecordChannel.writer(order, 1 << 16)) {
                    HilbertSort.sort(
                            boxes, e.count, e.extent, runSize, scratch, (minX, minY, maxX, maxY, at, length) -> {
                                tree.leaf(minX, minY, maxX, maxY, length);
                                sorted.put(ORDER_BYTES).putLong(at).putInt(length);
                            });
                    tree.finish();
                }
                scratch.delete(boxes);
                Files.copy(index, buffered);
                scratch.delete(index);
                try (FileChannel in = FileChannel.open(encoded, StandardOpenOption.READ)) {
                    copyFeatures(in, order, buffered);
                }
            }
            buffered.flush();
            return e.count;
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

    /** What the first pass learned: how many features, and their extent. */
    private record Encoded(int count, Envelope extent) {}

    /**
     * Encodes every feature into {@code scratch} and its box (rounded outwards to floats) and
     * encoded length into {@code boxes}, in the layer's order.
     */
    private static Encoded encode(Layer layer, Iterator<Feature> features, Path scratch, Path boxes)
            throws IOException {
        byte headerType = geometryType(layer);
        List<PropertySpec> props = layer.properties();
        FlatBufferBuilder builder = new FlatBufferBuilder(16 * 1024);
        ByteBuffer values = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        Envelope extent = new Envelope();
        int count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(scratch), 1 << 16);
                RecordChannel box = RecordChannel.writer(boxes, 1 << 16)) {
            while (features.hasNext()) {
                Feature f = features.next();
                Geometry g = f.geometry();
                if (g == null || g.isEmpty()) {
                    // the index needs a box for every feature; layers with geometry have one on every feature
                    throw new IllegalArgumentException("feature " + f.id() + " of " + layer.id() + " has no geometry");
                }
                if (count == Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("a FlatGeobuf export holds at most " + count + " features");
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
                Envelope e = g.getEnvelopeInternal();
                box.put(HilbertSort.BOX_BYTES)
                        .putFloat(down(e.getMinX()))
                        .putFloat(down(e.getMinY()))
                        .putFloat(up(e.getMaxX()))
                        .putFloat(up(e.getMaxY()))
                        .putInt(size);
                extent.expandToInclude(e);
                count++;
            }
        }
        return new Encoded(count, extent);
    }

    private static void writeHeader(Layer layer, Encoded e, OutputStream out) throws IOException {
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
    }

    /**
     * The features in Hilbert order, as {@code order} lists them: random reads from the scratch
     * file mapped into memory (outside the heap).
     */
    private static void copyFeatures(FileChannel features, Path order, OutputStream out) throws IOException {
        long size = features.size();
        MappedByteBuffer[] segments = new MappedByteBuffer[(int) ((size + SEGMENT - 1) / SEGMENT)];
        for (int s = 0; s < segments.length; s++) {
            segments[s] = features.map(
                    FileChannel.MapMode.READ_ONLY, (long) s * SEGMENT, Math.min(SEGMENT, size - (long) s * SEGMENT));
        }
        byte[] buf = new byte[64 * 1024];
        long count = Files.size(order) / ORDER_BYTES;
        try (RecordChannel in = RecordChannel.reader(order, 1 << 16)) {
            for (long n = 0; n < count; n++) {
                ByteBuffer r = in.next(ORDER_BYTES);
                long start = r.getLong();
                int length = r.getInt();
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
