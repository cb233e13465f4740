package org.ruralatlas.server.downloads;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.CsvFeatureWriter;
import org.ruralatlas.data.io.FlatGeobufWriter;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.store.geopackage.GeoPackageWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The formats a layer is offered in, by file extension (record tables: no FlatGeobuf). GeoJSON and CSV are written in one pass
 * and can stream straight to the client; GeoPackage and FlatGeobuf need a file (SQLite pages, an
 * index before the features) and are produced into one first.
 */
public enum DownloadFormat {
    GEOJSON("geojson", "application/geo+json", "GeoJSON (RFC 7946)", "GEOJSON", true, true),
    CSV(
            "csv",
            "text/csv;charset=UTF-8",
            "CSV (UTF-8, WKT geometry, lon/lat for points; tables: their columns only)",
            "CSV",
            true,
            true),
    GPKG("gpkg", "application/geopackage+sqlite3", "OGC GeoPackage", "GPKG", false, false),
    FGB("fgb", "application/flatgeobuf", "FlatGeobuf (with spatial index)", null, false, true);

    private final String extension;
    private final String mediaType;
    private final String title;
    private final String euFileType;
    private final boolean text;
    private final boolean streams;

    DownloadFormat(String extension, String mediaType, String title, String euFileType, boolean text, boolean streams) {
        this.extension = extension;
        this.mediaType = mediaType;
        this.title = title;
        this.euFileType = euFileType;
        this.text = text;
        this.streams = streams;
    }

    /** The formats a layer comes in: all for layers, all but FlatGeobuf (a format of features with geometry) for record tables. */
    public static java.util.List<DownloadFormat> of(Layer layer) {
        return java.util.Arrays.stream(values()).filter(f -> f.holds(layer)).toList();
    }

    /** Whether this format can hold {@code layer}: FlatGeobuf needs a geometry in every feature. */
    public boolean holds(Layer layer) {
        return this != FGB || layer.hasGeometry();
    }

    public static Optional<DownloadFormat> byExtension(String extension) {
        for (DownloadFormat f : values()) {
            if (f.extension.equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String title() {
        return title;
    }

    /** The EU Publications Office file-type code DCAT-AP asks for, when it has one. */
    public Optional<String> euFileType() {
        return Optional.ofNullable(euFileType);
    }

    /** Text formats stream in one pass and are worth compressing. */
    public boolean isText() {
        return text;
    }

    /**
     * Formats written onto a stream: GeoJSON and CSV as the features are read, FlatGeobuf once they
     * have all been read into its scratch file (its index comes first). GeoPackage needs a file.
     */
    public boolean streams() {
        return streams;
    }

    /** Writes a streaming format onto {@code out} (left open); returns the feature count. */
    public long stream(
            Layer layer, Iterator<Feature> features, OutputStream out, JsonMapper json, boolean bom, Path scratchDir)
            throws IOException {
        return switch (this) {
            case GEOJSON -> {
                // closed (the document finished) only when every feature is out: a failure midway must not look whole
                JsonGenerator g = json.createGenerator(new NonClosing(out));
                long n = GeoJsonWriter.writeCollection(g, layer.id(), features);
                g.close();
                yield n;
            }
            case CSV -> CsvFeatureWriter.write(layer, features, out, bom);
            case FGB -> FlatGeobufWriter.write(layer, features, out, scratchDir);
            case GPKG -> throw new IllegalStateException(this + " is written to a file");
        };
    }

    /**
     * Writes {@code features} into a new file {@code target}; returns the feature count. The bytes
     * depend on the features and {@code modified} (when their data last changed) only, so every
     * replica writes the same file for a data version.
     */
    public long write(
            Layer layer,
            Supplier<? extends Iterator<Feature>> features,
            Path target,
            JsonMapper json,
            boolean bom,
            java.time.Instant modified)
            throws IOException {
        if (this == GPKG) {
            return GeoPackageWriter.write(target, Map.of(layer, features), modified)
                    .get(layer.id());
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            Iterator<Feature> it = features.get();
            try {
                return stream(layer, it, out, json, bom, target.toAbsolutePath().getParent());
            } finally {
                close(it);
            }
        }
    }

    private static void close(Iterator<Feature> it) {
        if (it instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the features failed", e);
            }
        }
    }

    /** Lets a JSON generator finish its document without closing the stream under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
