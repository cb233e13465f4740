package org.ruralatlas.server.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.server.error.ApiException;

/** An export deleted by a write before its response opened it is a 503 to retry; one opened is read to its end. */
class ExportResourceTest {

    @Test
    void anExportGoneBeforeItIsOpenedIsA503ToRetry(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("communes-1.geojson"), "{}");
        ExportResource resource = new ExportResource(file);
        Files.delete(file);
        for (var read : java.util.List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                resource::contentLength, resource::getInputStream, resource::readableChannel)) {
            assertThatThrownBy(read)
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            e -> assertThat(e.status().value()).isEqualTo(503));
        }
    }

    @Test
    void anExportOpenedIsReadToItsEndWhenDeletedMeanwhile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("communes-2.geojson"), "x".repeat(100_000));
        ExportResource resource = new ExportResource(file);
        assertThat(resource.contentLength()).isEqualTo(100_000);
        try (InputStream in = resource.getInputStream()) {
            Files.delete(file);
            assertThat(in.readAllBytes()).hasSize(100_000);
        }
    }
}
