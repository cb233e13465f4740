package org.ruralatlas.server.ogcapi;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body written from a cursor straight onto the response stream, on the request's own
 * thread. Unlike Spring's {@code StreamingResponseBody} it needs no async dispatch and no second
 * thread pool, so a busy server is bounded by its connector threads alone.
 */
@FunctionalInterface
public interface StreamedBody {

    void writeTo(OutputStream out) throws IOException;
}
