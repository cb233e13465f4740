package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.geopackage.GeoPackageWriter;
import org.ruralatlas.data.testing.IntegrationTest;

/**
 * The file downloads (FlatGeobuf, GeoPackage) written with a heap that does not grow with the
 * layer: two million farms as FlatGeobuf in 64 MB (the index of 32 bytes a feature that the writer
 * once held needs that alone, 320 MB for ten million), and neither writer keeping anything per
 * feature (the live heap after a full collection, measured midway, stays flat). Each in a child
 * JVM, so that the heap limit and the collections are its own.
 */
@IntegrationTest
class DownloadWritersMemoryTest {

    private static final long SEED = 17;

    @TempDir
    Path dir;

    /**
     * Writes {@code args[1]} farms as {@code args[0]} (fgb or gpkg) into {@code args[2]}; after the
     * features numbered in {@code args[3..]} are read, prints the live heap (after a full collection).
     */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            Layer farms = LayerCatalog.load().require("farms");
            long n = Long.parseLong(args[1]);
            Path target = Path.of(args[2]);
            List<Long> marks = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                marks.add(Long.parseLong(args[i]));
            }
            Iterator<Feature> source = FlatGeobufFeatures.farms(n, SEED);
            Iterator<Feature> measured = new Iterator<>() {
                long read;

                @Override
                public boolean hasNext() {
                    return source.hasNext();
                }

                @Override
                public Feature next() {
                    if (marks.contains(++read)) {
                        System.gc();
                        long live = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        System.out.println("live heap after " + read + " features: " + live + " bytes");
                    }
                    return source.next();
                }
            };
            long written = args[0].equals("fgb")
                    ? FlatGeobufWriter.write(farms, measured, target)
                    : GeoPackageWriter.write(target, Map.of(farms, () -> measured), Instant.EPOCH)
                            .get("farms");
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("written " + written + " farms, peak heap " + (peak >> 20) + " MB");
        }
    }

    private static String probe(String heap, String format, long n, Path file, long... marks) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                heap,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                format,
                Long.toString(n),
                file.toString()));
        for (long m : marks) {
            command.add(Long.toString(m));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError").contains("written " + n + " farms");
        return output;
    }

    @Test
    void twoMillionFarmsAreWrittenAsFlatGeobufWithin64MbOfHeap() throws Exception {
        long n = 2_000_000;
        Path file = dir.resolve("farms.fgb");
        probe("-Xmx64m", "fgb", n, file);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no scratch file left").containsExactly(file);
        }
        // the whole file is there and its index works: a window finds exactly its farms
        Envelope window = new Envelope(105, 105.1, 15, 15.1);
        FlatGeobufFeatures.Found found = FlatGeobufFeatures.search(file, window);
        assertThat(found.inWindow()).isEqualTo(FlatGeobufFeatures.expected(n, SEED, window));
        assertThat(found.inWindow()).hasSizeGreaterThan(100);
        assertThat(found.header().featuresCount).isEqualTo(n);
    }

    @Test
    void neitherWriterKeepsAnythingPerFeature() throws Exception {
        Pattern live = Pattern.compile("live heap after (\\d+) features: (\\d+) bytes");
        for (String format : List.of("fgb", "gpkg")) {
            String output = probe("-Xmx128m", format, 150_000, dir.resolve("farms." + format), 30_000, 150_000);
            Matcher m = live.matcher(output);
            List<Long> heap = new ArrayList<>();
            while (m.find()) {
                heap.add(Long.parseLong(m.group(2)));
            }
            assertThat(heap).as(output).hasSize(2);
            // 120,000 more features read: 32 bytes of each kept would be 3.8 MB more
            assertThat(heap.get(1) - heap.get(0))
                    .as("%s: live heap growth from 30,000 to 150,000 features\n%s", format, output)
                    .isLessThan(1L << 20);
        }
    }
}
