package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.testing.IntegrationTest;

/**
 * A FlatGeobuf export of two million farms in a JVM of 64 MB of heap: the index of 32 bytes a
 * feature that the writer once held (64 MB here, 320 MB for ten million) does not fit, the sorted
 * runs do. A child JVM, so that the heap limit is the real one.
 */
@IntegrationTest
class FlatGeobufWriterMemoryTest {

    private static final long FARMS = 2_000_000;
    private static final long SEED = 17;

    @TempDir
    Path dir;

    /** Writes {@code args[0]} farms from seed {@code args[1]} into {@code args[2]}; prints the count and the peak heap. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            long n = FlatGeobufWriter.write(
                    LayerCatalog.load().require("farms"),
                    FlatGeobufFeatures.farms(Long.parseLong(args[0]), Long.parseLong(args[1])),
                    Path.of(args[2]));
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("written " + n + " farms, peak heap " + (peak >> 20) + " MB");
        }
    }

    @Test
    void twoMillionFarmsAreWrittenWithin64MbOfHeap() throws Exception {
        Path file = dir.resolve("farms.fgb");
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Probe.class.getName(),
                Long.toString(FARMS),
                Long.toString(SEED),
                file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("OutOfMemoryError").contains("written 2000000 farms");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
        // the whole file is there and its index works: a window finds exactly its farms
        Envelope window = new Envelope(105, 105.1, 15, 15.1);
        FlatGeobufFeatures.Found found = FlatGeobufFeatures.search(file, window);
        assertThat(found.inWindow()).isEqualTo(FlatGeobufFeatures.expected(FARMS, SEED, window));
        assertThat(found.inWindow()).hasSizeGreaterThan(100);
        assertThat(found.header().featuresCount).isEqualTo(FARMS);
    }
}
