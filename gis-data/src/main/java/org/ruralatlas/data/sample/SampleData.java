package org.ruralatlas.data.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The sample GeoPackage bundled in the gis-data jar, and a way to get it as a file. */
public final class SampleData {

    /** Class-path location of the built sample. */
    public static final String RESOURCE = "/org/ruralatlas/data/sample/ruralatlas-sample.gpkg";

    private SampleData() {}

    /** Copies the bundled sample to {@code target} (replacing it), ready to open. */
    public static Path copyTo(Path target) {
        try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample GeoPackage " + RESOURCE
                        + " is not on the class path; build gis-data with ./mvnw package");
            }
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, "sample", ".gpkg.partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the sample in a temporary file, deleted when the JVM exits. */
    public static Path temporaryCopy() {
        try {
            Path dir = Files.createTempDirectory("ruralatlas-");
            Path file = copyTo(dir.resolve("ruralatlas-sample.gpkg"));
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
