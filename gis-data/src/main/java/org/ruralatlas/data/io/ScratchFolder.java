package org.ruralatlas.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary folder of one run (a server, a load), made on first use and deleted with all it
 * holds when closed: a sample copy, its SQLite side files (-wal, -shm, the survey file), caches
 * that must not outlive the run. Nothing is left in the temporary directory after a normal stop.
 */
public final class ScratchFolder implements AutoCloseable {

    private final String prefix;
    private Path dir;

    public ScratchFolder(String prefix) {
        this.prefix = prefix;
    }

    /** The folder, made now if this is its first use. */
    public synchronized Path path() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory(prefix);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot create a temporary folder in " + System.getProperty("java.io.tmpdir"), e);
            }
        }
        return dir;
    }

    /** Deletes the folder and everything in it; a file that cannot be deleted is left, never an exception. */
    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        delete(dir);
        dir = null;
    }

    /** Deletes {@code root} and what it holds, deepest first, as far as it can. */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file still held open elsewhere: the rest is deleted all the same
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the folder vanished meanwhile
        }
    }
}
