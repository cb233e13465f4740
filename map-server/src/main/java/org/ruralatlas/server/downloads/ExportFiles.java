package org.ruralatlas.server.downloads;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.GZIPOutputStream;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.io.FlatGeobufWriter;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.LayerVersion;
import org.ruralatlas.server.config.CacheFolders;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.health.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export files on disk. A whole layer is produced once per data version and format
 * ({@code <cache-dir>/<layer>/<layer>-<version key>.<ext>}, plus a gzip copy for text formats),
 * written beside and renamed into place, so a reader never sees half a file; concurrent requests
 * for a missing file wait for the one production. Any committed write to a layer, from RuralAtlas
 * or any other client ({@link FeatureStore#watch}), drops that layer's files; a file of an older
 * version is also never served, because the version is in its name. Filtered downloads of file
 * formats are produced into a scratch file that the response deletes.
 */
@Component
public class ExportFiles implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFiles.class);

    /** A produced export: the file and, for text formats, its gzip copy. */
    public record Export(Path file, Path gzip, String key) {}

    private final FeatureStore store;
    private final JsonMapper json;
    private final ExportGate gate;
    private final DownloadProperties props;
    private final MeterRegistry meters;
    private final Path dir;
    private final ConcurrentHashMap<String, ReentrantLock> producing = new ConcurrentHashMap<>();
    private final ChangeFeed feed;

    public ExportFiles(
            FeatureStore store,
            LayerCatalog catalog,
            JsonMapper json,
            ExportGate gate,
            DownloadProperties props,
            MeterRegistry meters,
            CacheFolders folders,
            Workers workers) {
        this.store = store;
        this.json = json;
        this.gate = gate;
        this.props = props;
        this.meters = meters;
        this.dir = (props.cacheDir() != null ? props.cacheDir() : folders.of("downloads")).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("scratch"));
            // what a stopped server left half-made: scratch files and partial exports
            try (var left = Files.walk(dir)) {
                for (Path p : left.filter(p -> Files.isRegularFile(p)
                                && (p.getParent().endsWith("scratch")
                                        || p.getFileName().toString().endsWith(".partial")
                                        || p.getFileName().toString().endsWith(".partial.gz")
                                        || p.getFileName().toString().endsWith(".partial.gpkg")
                                        || p.getFileName().toString().endsWith(FlatGeobufWriter.SCRATCH_SUFFIX)))
                        .toList()) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the download cache " + dir, e);
        }
        this.feed = store.watch(catalog.all(), change -> drop(change.layer()));
        workers.register("download files (data change feed)", feed::alive);
    }

    /** The key of a whole-layer export: its data version, and the day for layers of dated units. */
    public static String key(DownloadRequest request, LayerVersion version) {
        return Sha256.hex(version.tag() + "|" + request.query().time() + "|" + request.bom(), 8);
    }

    /** The whole-layer export of {@code request}'s layer and format at {@code version}, produced now if missing. */
    public Export whole(DownloadRequest request, LayerVersion version, HttpServletRequest http) {
        String key = key(request, version);
        Path file = file(request, key);
        Path gzip = request.format().isText() ? gzipOf(file) : null;
        if (Files.exists(file)) {
            return new Export(file, gzip, key);
        }
        ReentrantLock lock = producing.computeIfAbsent(file.toString(), k -> new ReentrantLock(true));
        try {
            if (!lock.tryLock(props.queueTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw ApiException.retryLater(
                        HttpStatus.SERVICE_UNAVAILABLE, 10, "this export is still being produced; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.retryLater(
                    HttpStatus.SERVICE_UNAVAILABLE, 10, "interrupted while waiting for the export");
        }
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                try (ExportGate.Turn turn = gate.enter(http)) {
                    produce(request, version.modified(), file);
                }
                dropOlder(request, file);
            }
            return new Export(file, gzip, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
            producing.remove(file.toString(), lock);
        }
    }

    /** The size of the current whole-layer export when it has been produced. */
    public OptionalLong size(DownloadRequest request, LayerVersion version) {
        try {
            Path file = file(request, key(request, version));
            return Files.exists(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** A filtered download of a file format, of data last changed at {@code modified}, in a scratch file the caller deletes; the caller holds an export turn. */
    public Path scratch(DownloadRequest request, java.time.Instant modified) throws IOException {
        Path file = dir.resolve("scratch")
                .resolve(UUID.randomUUID() + "." + request.format().extension());
        try {
            request.format().write(request.outputLayer(), () -> open(request), file, json, request.bom(), modified);
            count(request);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The features of a download, read from the store, within the province when one is given. */
    public FeatureCursor open(DownloadRequest request) {
        FeatureCursor cursor = store.query(request.query());
        return request.province() == null ? cursor : new WithinProvince(cursor, request);
    }

    /** Writes a download of a streaming format straight onto {@code out}. */
    public long stream(DownloadRequest request, OutputStream out) throws IOException {
        try (FeatureCursor cursor = open(request)) {
            long n = request.format().stream(
                    request.outputLayer(), cursor, out, json, request.bom(), dir.resolve("scratch"));
            count(request);
            return n;
        }
    }

    private void produce(DownloadRequest request, java.time.Instant modified, Path file) throws IOException {
        long start = System.nanoTime();
        Path partial = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
        Path gzipPartial = partial.resolveSibling(partial.getFileName() + ".gz");
        try {
            long n = request.format()
                    .write(request.outputLayer(), () -> open(request), partial, json, request.bom(), modified);
            if (request.format().isText()) {
                try (InputStream in = Files.newInputStream(partial);
                        OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzipPartial), 1 << 16)) {
                    in.transferTo(gz);
                }
                Files.move(
                        gzipPartial, gzipOf(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            count(request);
            LOG.info(
                    "export {}: {} features, {} bytes in {} ms",
                    file.getFileName(),
                    n,
                    Files.size(file),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(gzipPartial);
        }
    }

    private void count(DownloadRequest request) {
        Counter.builder("ruralatlas.downloads.exports")
                .description("Exports produced (whole-layer files and filtered downloads)")
                .tag("layer", request.layer().id())
                .tag("format", request.format().extension())
                .tag("whole", Boolean.toString(request.whole()))
                .register(meters)
                .increment();
    }

    private Path file(DownloadRequest request, String key) {
        return dir.resolve(request.layer().id())
                .resolve(request.layer().id() + "-" + key + (request.bom() ? ".bom" : "") + "."
                        + request.format().extension());
    }

    private static Path gzipOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".gz");
    }

    /** The same layer and format from older data: superseded by {@code current}. */
    private void dropOlder(DownloadRequest request, Path current) throws IOException {
        java.util.regex.Pattern same = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(request.layer().id())
                        + "-[0-9a-f]+"
                        + java.util.regex.Pattern.quote((request.bom() ? ".bom" : "") + "."
                                + request.format().extension())
                        + "(\\.gz)?");
        try (DirectoryStream<Path> files =
                Files.newDirectoryStream(current.getParent(), request.layer().id() + "-*")) {
            for (Path p : files) {
                if (!p.equals(current)
                        && !p.equals(gzipOf(current))
                        && same.matcher(p.getFileName().toString()).matches()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A write to {@code layer} makes its exports stale: delete them (a production under way renames its file in later, under a name no request will ask for). */
    private void drop(String layer) {
        Path folder = dir.resolve(layer);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, layer + "-*")) {
            for (Path p : files) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not drop the exports of {}: {}", layer, e.getMessage());
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void destroy() {
        feed.close();
    }

    /** Features of a province's bounding box that meet its boundary. */
    private static final class WithinProvince implements FeatureCursor {
        private final FeatureCursor cursor;
        private final DownloadRequest request;
        private Feature next;

        WithinProvince(FeatureCursor cursor, DownloadRequest request) {
            this.cursor = cursor;
            this.request = request;
        }

        @Override
        public boolean hasNext() {
            while (next == null && cursor.hasNext()) {
                Feature f = cursor.next();
                if (f.geometry() != null && request.province().intersects(f.geometry())) {
                    next = request.skipGeometry() ? new Feature(f.id(), null, f.properties()) : f;
                }
            }
            return next != null;
        }

        @Override
        public Feature next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Feature f = next;
            next = null;
            return f;
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
