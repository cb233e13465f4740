package org.ruralatlas.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.io.ScratchFolder;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.data.sample.SampleData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a cache goes when no folder is configured for it (tiles, downloads): under the temporary
 * directory, in a folder named for the data served (the PostGIS URL, the GeoPackage's path, or
 * the bundled sample's fingerprint), so that a restart on the same data finds its cache again
 * instead of leaving a new folder behind each time. Servers on the same database or file share
 * their folders, as they share the data. A copy of the sample, though, is each server's own and
 * may be edited: while one running server holds the sample's folder (a lock file in it), another
 * caches in its scratch folder, deleted when it stops.
 */
@Component
public final class CacheFolders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFolders.class);

    private final String key;
    private final boolean sample;
    private final ScratchFolder scratch;
    private final List<FileChannel> held = new ArrayList<>();
    private final Map<String, Path> chosen = new HashMap<>();

    public CacheFolders(DatabaseProperties db, GeoPackageProperties gpkg, ScratchFolder scratch) {
        this.scratch = scratch;
        this.sample = !db.configured() && gpkg.path() == null;
        this.key = db.configured()
                ? "postgis " + db.url().replaceAll("(?i)password=[^&]*", "")
                : sample
                        ? "sample " + SampleData.contentHash()
                        : "geopackage " + gpkg.path().toAbsolutePath().normalize();
    }

    /** The default folder for {@code kind} ("tiles", "downloads"), the same one each time it is asked for. */
    public synchronized Path of(String kind) {
        return chosen.computeIfAbsent(kind, this::choose);
    }

    private Path choose(String kind) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "ruralatlas-" + kind, Sha256.hex(key, 8));
        if (!sample || hold(dir)) {
            return dir;
        }
        Path own = scratch.path().resolve(kind);
        LOG.info("another server is using the sample's {} cache {}: this one caches in {}", kind, dir, own);
        return own;
    }

    /** Takes the folder's lock file; false when another server (or context) holds it. */
    private boolean hold(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel channel =
                    FileChannel.open(dir.resolve(".in-use"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            held.add(channel);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the cache folder " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        for (FileChannel c : held) {
            try {
                c.close();
            } catch (IOException e) {
                // released by the operating system at exit in any case
            }
        }
        held.clear();
    }
}
