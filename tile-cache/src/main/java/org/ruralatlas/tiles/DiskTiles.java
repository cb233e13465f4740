package org.ruralatlas.tiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The second cache level: one file per tile, {@code <dir>/<set>/<z>/<x>/<y>.mvt}, so it survives
 * restarts, can be seeded by another process and served by any static web server. Written to a
 * temporary file and moved into place, so a reader never sees half a tile. An empty file is an
 * empty tile.
 */
public final class DiskTiles {

    private final Path dir;

    public DiskTiles(Path dir) {
        this.dir = dir;
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

    public void write(TileKey key, byte[] bytes) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tile", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the tiles of {@code set} at zoom z within columns/rows [x0, x1] × [y0, y1]; returns how many. */
    public int delete(String set, int z, int x0, int y0, int x1, int y1) {
        Path zoomDir = dir.resolve(set).resolve(Integer.toString(z));
        if (!Files.isDirectory(zoomDir)) {
            return 0;
        }
        int deleted = 0;
        // walk what exists rather than the range: at z20 a range can hold millions of tiles
        try (DirectoryStream<Path> columns = Files.newDirectoryStream(zoomDir)) {
            for (Path column : columns) {
                int x = number(column.getFileName().toString());
                if (x < x0 || x > x1) {
                    continue;
                }
                try (DirectoryStream<Path> rows = Files.newDirectoryStream(column, "*.mvt")) {
                    for (Path row : rows) {
                        String name = row.getFileName().toString();
                        int y = number(name.substring(0, name.length() - 4));
                        if (y >= y0 && y <= y1 && Files.deleteIfExists(row)) {
                            deleted++;
                        }
                    }
                }
            }
        } catch (NoSuchFileException e) {
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /** Deletes every tile of {@code set}. */
    public void deleteSet(String set) {
        Path setDir = dir.resolve(set);
        if (!Files.exists(setDir)) {
            return;
        }
        try (var paths = Files.walk(setDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(TileKey key) {
        TileCoord t = key.tile();
        return dir.resolve(key.set()).resolve(Integer.toString(t.z())).resolve(Integer.toString(t.x())).resolve(t.y() + ".mvt");
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
