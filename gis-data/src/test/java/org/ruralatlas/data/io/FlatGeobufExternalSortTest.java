package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.Feature;

/**
 * The FlatGeobuf index sorted in runs and merged: the file is the one a single in-memory sort
 * writes, its tree finds exactly the features of any window, and no scratch file outlives a write.
 */
class FlatGeobufExternalSortTest {

    private static final Layer FARMS = LayerCatalog.load().require("farms");

    @TempDir
    Path dir;

    private byte[] write(long n, int runSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(FlatGeobufWriter.write(FARMS, FlatGeobufFeatures.farms(n, n), out, dir, runSize))
                .isEqualTo(n);
        assertThat(scratchLeft()).isEmpty();
        return out.toByteArray();
    }

    private List<Path> scratchLeft() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().endsWith(".fgb"))
                    .toList();
        }
    }

    @Test
    void runsMergedWriteTheSameBytesAsOneSortInMemory() throws Exception {
        // tree edges: one leaf, one full node, one more than a node, a second level just full and just over
        for (long n : new long[] {1, 2, 15, 16, 17, 256, 257, 4097, 10_000}) {
            byte[] inMemory = write(n, FlatGeobufWriter.RUN_SIZE);
            // runs of one and three boxes only where their count stays small (a file each)
            for (int runSize : n <= 257 ? new int[] {1, 3, 16, 999} : new int[] {16, 999, 1000}) {
                assertThat(write(n, runSize))
                        .as("%d features in runs of %d", n, runSize)
                        .isEqualTo(inMemory);
            }
        }
    }

    @Test
    void theMergedTreeFindsExactlyTheFeaturesOfEveryWindow() throws Exception {
        long n = 10_000;
        Path file = dir.resolve("farms.fgb");
        // ten runs, a five-level tree (10,000 leaves, 625, 40, 3, the root)
        try (OutputStream out = Files.newOutputStream(file)) {
            assertThat(FlatGeobufWriter.write(FARMS, FlatGeobufFeatures.farms(n, 11), out, dir, 1000))
                    .isEqualTo(n);
        }
        assertThat(scratchLeft()).isEmpty();
        for (Envelope window : List.of(
                new Envelope(105, 106, 15, 16),
                new Envelope(102, 102.3, 8, 9),
                new Envelope(109.5, 110, 22.5, 23),
                new Envelope(104.123, 104.124, 10, 23),
                new Envelope(90, 120, 0, 30))) {
            FlatGeobufFeatures.Found found = FlatGeobufFeatures.search(file, window);
            assertThat(found.inWindow()).as("window %s", window).isEqualTo(FlatGeobufFeatures.expected(n, 11, window));
            if (window.getWidth() < 2) {
                // the index is what narrows the search: it hands over only the features near the window
                assertThat(found.candidates()).as("window %s", window).isLessThan((int) n / 10);
            }
        }
        assertThat(FlatGeobufFeatures.search(file, new Envelope(90, 120, 0, 30)).inWindow())
                .hasSize((int) n);
    }

    @Test
    void aFailureWhileReadingTheFeaturesLeavesNoScratchFile() {
        Iterator<Feature> farms = FlatGeobufFeatures.farms(10_000, 3);
        Iterator<Feature> failing = new Iterator<>() {
            int read;

            @Override
            public boolean hasNext() {
                return farms.hasNext();
            }

            @Override
            public Feature next() {
                if (++read == 3500) {
                    throw new IllegalStateException("the database went away");
                }
                return farms.next();
            }
        };
        assertThatThrownBy(() -> FlatGeobufWriter.write(FARMS, failing, new ByteArrayOutputStream(), dir, 1000))
                .hasMessage("the database went away");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aClientGoneMidwayLeavesNoScratchFile() {
        // the client goes after the header and part of the index, and after part of the features
        for (long cut : new long[] {10_000, 600_000}) {
            OutputStream client = new OutputStream() {
                long written;

                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    written += len;
                    if (written > cut) {
                        throw new IOException("Broken pipe");
                    }
                }
            };
            assertThatThrownBy(
                            () -> FlatGeobufWriter.write(FARMS, FlatGeobufFeatures.farms(10_000, 3), client, dir, 1000))
                    .hasMessage("Broken pipe");
            assertThat(dir).isEmptyDirectory();
        }
    }
}
