package org.ruralatlas.tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second cache level: one file per tile, {@code <dir>/<set>/<z>/<x>/<y>.mvt}, so it survives
 * restarts, can be seeded by another process and served by any static web server. Written to a
 * temporary file and moved into place, so a reader never sees half a tile. An empty file is an
 * empty tile. A whole set is dropped by renaming its folder aside into {@code <dir>/.dropped}, at
 * once and whatever is being written meanwhile, and deleted there in the background (what a
 * crash leaves there goes at the next start).
 */
public final class DiskTiles {

    private static final Logger LOG = LoggerFactory.getLogger(DiskTiles.class);
    private static final String DROPPED = ".dropped";
    private static final AtomicLong DROPS = new AtomicLong();

    private final Path dir;
    /** Deletes dropped sets; its one thread ends when idle. */
    private final ExecutorService cleaner =
            new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "tile-disk-cleaner");
                t.setDaemon(true);
                return t;
            });

    public DiskTiles(Path dir) {
        this.dir = dir;
        // what a crash left there
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir.resolve(DROPPED))) {
            for (Path leftover : leftovers) {
                cleaner.execute(() -> deleteTree(leftover));
            }
        } catch (IOException e) {
            // none
        }
    }

    public Path dir() {
        return dir;
    }

    public Optional<byte[]> read(TileKey key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored tile's size in bytes, or -1 when it is not stored: a file's length, without reading it. */
    public long size(TileKey key) {
        try {
            return Files.size(path(key));
        } catch (IOException e) {
            return -1;
        }
    }

    public void write(TileKey key, byte[] bytes) {
        Path target = path(key);
        try {
            try {
                moveIntoPlace(target, bytes);
            } catch (NoSuchFileException e) {
                // the set's folder was dropped (by another process) between making it and writing: once more
                moveIntoPlace(target, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveIntoPlace(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".tile", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the tiles of {@code set} at zoom z that lie in one of the column/row ranges
     * {x0, y0, x1, y1}; returns how many. Walks what exists rather than the ranges (at z20 a range
     * can hold millions of tiles), once for all ranges; files and folders vanishing meanwhile are
     * no error.
     */
    public int delete(String set, int z, int[][] ranges) {
        Path zoomDir = dir.resolve(set).resolve(Integer.toString(z));
        if (ranges.length == 0 || !Files.isDirectory(zoomDir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> columns = Files.newDirectoryStream(zoomDir)) {
            for (Path column : columns) {
                int x = number(column.getFileName().toString());
                if (!anyColumn(ranges, x)) {
                    continue;
                }
                try (DirectoryStream<Path> rows = Files.newDirectoryStream(column, "*.mvt")) {
                    for (Path row : rows) {
                        String name = row.getFileName().toString();
                        int y = number(name.substring(0, name.length() - 4));
                        if (inside(ranges, x, y) && Files.deleteIfExists(row)) {
                            deleted++;
                        }
                    }
                } catch (NoSuchFileException e) {
                    // the column went meanwhile
                }
            }
        } catch (NoSuchFileException e) {
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    private static boolean anyColumn(int[][] ranges, int x) {
        for (int[] r : ranges) {
            if (x >= r[0] && x <= r[2]) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(int[][] ranges, int x, int y) {
        for (int[] r : ranges) {
            if (x >= r[0] && x <= r[2] && y >= r[1] && y <= r[3]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops every tile of {@code set} at once: its folder is renamed aside (one atomic step on the
     * same file system) and deleted in the background. Throws {@link UncheckedIOException} when
     * the folder exists and cannot be moved.
     */
    public void dropSet(String set) {
        Path setDir = dir.resolve(set);
        Path aside =
                dir.resolve(DROPPED).resolve(set + "-" + ProcessHandle.current().pid() + "-" + DROPS.incrementAndGet());
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(aside.getParent());
                Files.move(setDir, aside, StandardCopyOption.ATOMIC_MOVE);
                break;
            } catch (NoSuchFileException e) {
                if (!Files.exists(setDir)) {
                    return; // nothing cached for it
                }
                if (attempt == 2) {
                    throw new UncheckedIOException(e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        cleaner.execute(() -> deleteTree(aside));
    }

    /**
     * Deletes a folder that nothing reads any more, tolerating files another process still writes
     * into it (a seeder holding an old path): a few passes, then it is left for the next start.
     */
    private static void deleteTree(Path root) {
        for (int pass = 0; pass < 5 && Files.exists(root); pass++) {
            if (pass > 0) {
                try {
                    Thread.sleep(200L * pass);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        quietlyDelete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) {
                        quietlyDelete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                LOG.debug("deleting dropped tiles in {}: {}", root, e.toString());
            }
        }
        if (Files.exists(root)) {
            LOG.warn("dropped tiles left in {} (still being written to); they go at the next start", root);
        }
    }

    private static void quietlyDelete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a folder that got a file meanwhile: the next pass
        }
    }

    private Path path(TileKey key) {
        TileCoord t = key.tile();
        return dir.resolve(key.set())
                .resolve(Integer.toString(t.z()))
                .resolve(Integer.toString(t.x()))
                .resolve(t.y() + ".mvt");
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
