package org.ruralatlas.data.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.ImportCrs;

/**
 * A zipped ESRI Shapefile, unpacked safely and converted to a GeoPackage with GDAL's {@code
 * ogr2ogr} (started as a program with an argument list, no shell). Only the shapefile's own parts
 * ({@code .shp .shx .dbf .prj .cpg}) are unpacked, each under its base name into a fresh folder, so
 * no entry name can reach outside it (zip-slip); entries are counted and their bytes counted as
 * they are inflated, not as the archive claims, so a zip bomb stops at the limit.
 */
public final class ShapefileArchive {

    private static final Set<String> PARTS = Set.of("shp", "shx", "dbf", "prj", "cpg");

    /** The most entries and inflated bytes an archive may hold. */
    public record Limits(int maxEntries, long maxBytes) {}

    private ShapefileArchive() {}

    /** The GeoPackage made in {@code folder}, and the CRS the {@code .prj} declares, when it does. */
    public record Converted(Path geopackage, Optional<Crs> crs) {}

    /**
     * Unpacks {@code zip} into {@code folder} (empty, the caller's to delete) and converts it.
     *
     * @throws MalformedImportException for an archive that is broken, unsafe, too large or not one shapefile
     * @throws UnsupportedImportException when GDAL is not installed
     */
    public static Converted convert(Path zip, Path folder, Limits limits) {
        Path shp = unpack(zip, folder, limits);
        String base = shp.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Optional<Crs> crs = Optional.empty();
        Path prj = folder.resolve(base + ".prj");
        if (Files.exists(prj)) {
            try {
                String wkt = Files.readString(prj, StandardCharsets.UTF_8);
                crs = Optional.of(ImportCrs.fromWkt(wkt)
                        .orElseThrow(() -> new MalformedImportException("the shapefile's .prj is not a CRS RuralAtlas"
                                + " reprojects from (give the crs parameter if it is one): "
                                + wkt.substring(0, Math.min(120, wkt.length())))));
            } catch (IOException e) {
                throw new MalformedImportException("the shapefile's .prj cannot be read", e);
            }
        }
        Path gpkg = folder.resolve("converted.gpkg");
        List<String> command = List.of(
                ogr2ogr(),
                "-f",
                "GPKG",
                "-nln",
                "import",
                "-nlt",
                "PROMOTE_TO_MULTI",
                "-a_srs",
                "EPSG:4326",
                gpkg.toString(),
                shp.toString());
        run(command, folder);
        return new Converted(gpkg, crs);
    }

    /** ogr2ogr on the PATH, or where {@code ruralatlas.gdal.ogr2ogr} (a system property) says. */
    static String ogr2ogr() {
        String configured = System.getProperty("ruralatlas.gdal.ogr2ogr");
        if (configured != null) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "ogr2ogr");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new UnsupportedImportException("zipped shapefiles are read with GDAL's ogr2ogr, which is not installed"
                + " on this server; send GeoJSON, CSV or GeoPackage instead");
    }

    private static void run(List<String> command, Path folder) {
        try {
            Process p = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("ogr2ogr.log").toFile())
                    .start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new MalformedImportException("converting the shapefile took more than ten minutes");
            }
            if (p.exitValue() != 0) {
                String log = Files.readString(folder.resolve("ogr2ogr.log"), StandardCharsets.UTF_8);
                throw new MalformedImportException("the shapefile cannot be read: "
                        + log.lines()
                                .filter(l -> l.startsWith("ERROR"))
                                .findFirst()
                                .orElse("ogr2ogr failed")
                                .replace(folder.toString(), ""));
            }
        } catch (IOException e) {
            throw new UnsupportedImportException("GDAL's ogr2ogr cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MalformedImportException("the conversion was interrupted");
        }
    }

    /** The one .shp, with its parts beside it in {@code folder}. */
    static Path unpack(Path zip, Path folder, Limits limits) {
        List<Path> shapes = new ArrayList<>();
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (++entries > limits.maxEntries()) {
                    throw new MalformedImportException(
                            "the archive holds more than " + limits.maxEntries() + " entries");
                }
                String name = e.getName().replace('\\', '/');
                if (name.startsWith("/") || List.of(name.split("/")).contains("..") || name.contains("\0")) {
                    throw new MalformedImportException("the archive holds an unsafe entry name: " + name);
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                String extension = base.contains(".")
                        ? base.substring(base.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                        : "";
                if (e.isDirectory()
                        || base.startsWith(".")
                        || !PARTS.contains(extension)
                        || !base.matches("[\\p{L}\\p{N} _.-]{1,120}")) {
                    continue;
                }
                Path target = folder.resolve(base.substring(0, base.length() - extension.length()) + extension);
                if (!target.normalize().startsWith(folder.normalize()) || Files.exists(target)) {
                    throw new MalformedImportException("the archive holds " + base + " twice or in an unsafe place");
                }
                try (OutputStream out = Files.newOutputStream(target)) {
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        total += n;
                        if (total > limits.maxBytes()) {
                            throw new MalformedImportException(
                                    "the archive inflates to more than " + limits.maxBytes() + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (extension.equals("shp")) {
                    shapes.add(target);
                }
            }
        } catch (ZipException e) {
            throw new MalformedImportException("not a readable zip archive: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MalformedImportException("the archive cannot be read: " + e.getMessage(), e);
        }
        if (shapes.size() != 1) {
            throw new MalformedImportException(
                    "a zipped shapefile holds one .shp (with its .shx, .dbf and .prj); this one holds "
                            + shapes.size());
        }
        return shapes.get(0);
    }
}
