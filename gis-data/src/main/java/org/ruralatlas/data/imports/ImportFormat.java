package org.ruralatlas.data.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats an import reads: GeoJSON, CSV (lon/lat or WKT columns), GeoPackage and a zipped
 * ESRI Shapefile (converted with GDAL's {@code ogr2ogr} when it is installed: no library on Maven
 * Central reads shapefiles well without GeoTools). Named by a {@code format} parameter, a media
 * type, or found from the file's first bytes.
 */
public enum ImportFormat {
    GEOJSON("geojson", "application/geo+json", "application/json"),
    CSV("csv", "text/csv"),
    GEOPACKAGE("gpkg", "application/geopackage+sqlite3", "application/x-sqlite3"),
    SHAPEFILE("shapefile", "application/zip", "application/x-zip-compressed");

    private final String id;
    private final String[] mediaTypes;

    ImportFormat(String id, String... mediaTypes) {
        this.id = id;
        this.mediaTypes = mediaTypes;
    }

    public String id() {
        return id;
    }

    /** The format a {@code format} parameter names ({@code geojson}, {@code csv}, {@code gpkg}, {@code shapefile}). */
    public static Optional<ImportFormat> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.id.equals(n)
                        || f == GEOPACKAGE && n.equals("geopackage")
                        || f == SHAPEFILE && (n.equals("shp") || n.equals("zip")))
                .findFirst();
    }

    /** The format of a media type (parameters ignored); empty for any other. */
    public static Optional<ImportFormat> byMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String m = mediaType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> Arrays.asList(f.mediaTypes).contains(m))
                .findFirst();
    }

    /** The format the file's first bytes show: SQLite, a zip, JSON; anything else is read as CSV. */
    public static ImportFormat sniff(Path file) {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("SQLite format 3")) {
            return GEOPACKAGE;
        }
        if (start.startsWith("PK\u0003\u0004")) {
            return SHAPEFILE;
        }
        return start.stripLeading().replace("\ufeff", "").startsWith("{") ? GEOJSON : CSV;
    }
}
