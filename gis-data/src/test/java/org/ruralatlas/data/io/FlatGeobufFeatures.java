package org.ruralatlas.data.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.ruralatlas.data.feature.Feature;
import org.wololo.flatgeobuf.GeometryConversions;
import org.wololo.flatgeobuf.HeaderMeta;
import org.wololo.flatgeobuf.PackedRTree;

/** Seeded farms to write as FlatGeobuf, and what the {@code org.wololo:flatgeobuf} reader finds in a file. */
final class FlatGeobufFeatures {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private FlatGeobufFeatures() {}

    /**
     * {@code n} farms over Vietnam's box, from {@code seed}, made as they are read (nothing held):
     * points, and every tenth a small square, so that the boxes are not all degenerate.
     */
    static Iterator<Feature> farms(long n, long seed) {
        Random random = new Random(seed);
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Feature next() {
                long k = i++;
                double x = 102 + 8 * random.nextDouble();
                double y = 8 + 15 * random.nextDouble();
                Geometry g = k % 10 == 9
                        ? GEOMETRY.toGeometry(new Envelope(x, x + 0.01, y, y + 0.01))
                        : GEOMETRY.createPoint(new Coordinate(x, y));
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("farm_id", "farm-" + k);
                p.put("area_ha", k / 4.0);
                return new Feature("farm-" + k, g, p);
            }
        };
    }

    /** The geometries (as WKT) of the features {@code farms(n, seed)} that intersect {@code window}, sorted. */
    static TreeSet<String> expected(long n, long seed, Envelope window) {
        TreeSet<String> found = new TreeSet<>();
        for (Iterator<Feature> it = farms(n, seed); it.hasNext(); ) {
            Geometry g = it.next().geometry();
            if (g.getEnvelopeInternal().intersects(window)) {
                found.add(g.toText());
            }
        }
        return found;
    }

    /** What a window search found: the geometries (as WKT) in the window, how many features the index gave, the header. */
    record Found(TreeSet<String> inWindow, int candidates, HeaderMeta header) {}

    /**
     * The features of {@code file} that its index finds for {@code window}, read with the
     * {@code org.wololo:flatgeobuf} library: its header, its tree search, then each feature at the
     * offset the tree gives, kept when its geometry's box meets the window.
     */
    static Found search(Path file, Envelope window) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            HeaderMeta header = HeaderMeta.read(bb);
            int indexStart = header.offset;
            long indexSize = PackedRTree.calcSize((int) header.featuresCount, header.indexNodeSize);
            List<PackedRTree.SearchHit> hits =
                    PackedRTree.search(bb, indexStart, (int) header.featuresCount, header.indexNodeSize, window);
            TreeSet<String> found = new TreeSet<>();
            for (PackedRTree.SearchHit hit : hits) {
                int at = (int) (indexStart + indexSize + hit.offset);
                ByteBuffer feature =
                        bb.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at + 4);
                org.wololo.flatgeobuf.generated.Feature f =
                        org.wololo.flatgeobuf.generated.Feature.getRootAsFeature(feature);
                int type = f.geometry().type() == 0
                        ? header.geometryType
                        : f.geometry().type();
                Geometry g = GeometryConversions.deserialize(f.geometry(), type);
                if (g.getEnvelopeInternal().intersects(window)) {
                    found.add(g.toText());
                }
            }
            return new Found(found, hits.size(), header);
        }
    }
}
