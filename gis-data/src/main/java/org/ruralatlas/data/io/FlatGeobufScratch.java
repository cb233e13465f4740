package org.ruralatlas.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch files of one FlatGeobuf export, made beside its target and all deleted on close,
 * whether the export succeeded or failed: the encoded features, their boxes, the sorted runs, the
 * index and the copy order. Their names end with {@link #SUFFIX}, so that a server stopped midway
 * finds and deletes them at its next start.
 */
final class FlatGeobufScratch implements AutoCloseable {

    /** How every scratch file's name ends. */
    static final String SUFFIX = ".fgb.scratch";

    private final Path dir;
    private final String prefix;
    private final List<Path> files = new ArrayList<>();

    FlatGeobufScratch(Path dir, String layerId) {
        this.dir = dir;
        this.prefix = "." + layerId + "-";
    }

    /** A new empty file named for {@code role} (features, boxes, run, index, order). */
    Path create(String role) throws IOException {
        Path file = Files.createTempFile(dir, prefix, "." + role + SUFFIX);
        files.add(file);
        return file;
    }

    /** Deletes {@code file} now (a run once merged), so that the disk holds as little as it can. */
    void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        files.remove(file);
    }

    /** Deletes every file still here; the first failure is thrown once all have been tried. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        files.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
