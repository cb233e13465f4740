package org.ruralatlas.server.downloads;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ruralatlas.server.error.ApiException;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpStatus;

/**
 * A whole-layer export as the response reads it. A write to the layer deletes its exports at once ({@link
 * ExportFiles}), so a file produced for the version a request asked for can be gone before the response opens it:
 * that request then answers 503 with Retry-After (the next one gets the new version's export), not a 500 from the
 * missing file. Once opened, the file is read to its end whatever happens to its name.
 */
final class ExportResource extends FileSystemResource {

    ExportResource(Path file) {
        super(file);
    }

    @Override
    public long contentLength() throws IOException {
        try {
            return super.contentLength();
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw changedMeanwhile();
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return super.getInputStream();
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw changedMeanwhile();
        }
    }

    @Override
    public ReadableByteChannel readableChannel() throws IOException {
        try {
            return super.readableChannel();
        } catch (FileNotFoundException | NoSuchFileException e) {
            throw changedMeanwhile();
        }
    }

    static ApiException changedMeanwhile() {
        return ApiException.retryLater(
                HttpStatus.SERVICE_UNAVAILABLE,
                1,
                "the layer changed while its export was being made; ask again for the new version");
    }
}
