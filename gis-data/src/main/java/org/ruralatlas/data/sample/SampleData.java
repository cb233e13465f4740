package org.ruralatlas.data.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/** The sample GeoPackage bundled in the gis-data jar, and a way to get it as a file. */
public final class SampleData {

    /** Class-path location of the built sample. */
    public static final String RESOURCE = "/org/ruralatlas/data/sample/ruralatlas-sample.gpkg";

    /**
     * The date the sample states for its data, that of its newest source (the boundaries'
     * snapshot of 2026-08-02): every layer's last change, so download names and Last-Modified
     * say the data's date, never the day the jar was built.
     */
    public static final LocalDate DATE = LocalDate.of(2026, 8, 2);

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

    /**
     * A fingerprint of the bundled sample's bytes: the same jar gives the same value, a rebuilt
     * sample another (for cache folders kept from one start to the next).
     */
    public static String contentHash() {
        try (InputStream in = SampleData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sample GeoPackage " + RESOURCE + " is not on the class path");
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
