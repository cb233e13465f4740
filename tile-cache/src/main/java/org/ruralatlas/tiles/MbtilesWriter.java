package org.ruralatlas.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an offline package as an MBTiles 1.3 file (SQLite): gzip-compressed MVT in
 * {@code tiles} with TMS rows (flipped), and the metadata MapLibre, QGIS and GDAL read
 * ({@code format=pbf}, bounds, center, zooms, {@code json} with vector_layers). Built in a
 * temporary file and moved into place, so a half-written package is never served.
 */
public final class MbtilesWriter {

    private MbtilesWriter() {}

    /** Writes every tile of the area (empty ones left out, as MBTiles readers expect) and returns how many were written. */
    public static long write(Path target, TileCache cache, TileSet set, TileArea area, Map<String, String> metadata) {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        long written = 0;
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(tmp);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE metadata (name text, value text)");
                    s.execute(
                            "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob)");
                    s.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
                }
                c.setAutoCommit(false);
                try (PreparedStatement meta = c.prepareStatement("INSERT INTO metadata VALUES (?, ?)")) {
                    for (Map.Entry<String, String> e : metadata.entrySet()) {
                        meta.setString(1, e.getKey());
                        meta.setString(2, e.getValue());
                        meta.addBatch();
                    }
                    meta.executeBatch();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO tiles VALUES (?, ?, ?, ?)")) {
                    for (TileCoord t : area.tiles()) {
                        byte[] mvt = cache.fetch(set, t);
                        if (mvt.length == 0) {
                            continue;
                        }
                        ins.setInt(1, t.z());
                        ins.setInt(2, t.x());
                        ins.setInt(3, (1 << t.z()) - 1 - t.y());
                        ins.setBytes(4, gzip(mvt));
                        ins.addBatch();
                        if (++written % 500 == 0) {
                            ins.executeBatch();
                        }
                    }
                    ins.executeBatch();
                }
                c.commit();
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
