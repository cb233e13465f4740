package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Optional;
import org.ruralatlas.data.io.Sha256;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Conditional GET: a weak ETag from the data version and the exact request (URL, format,
 * language), so a client or proxy can revalidate with {@code If-None-Match} and get 304 until the
 * data changes. Weak, because a body may differ in its {@code timeStamp} alone.
 */
public final class Conditional {

    private final String etag;
    private final Instant lastModified;

    private Conditional(String etag, Instant lastModified) {
        this.etag = etag;
        this.lastModified = lastModified;
    }

    public static Conditional of(HttpServletRequest request, String dataVersion, Instant lastModified, OutputFormat format) {
        String key = dataVersion + "|" + Urls.self(request) + "|" + format + "|" + Language.code(request);
        return new Conditional("W/\"" + Sha256.hex(key, 12) + "\"", lastModified);
    }

    /** 304 when the client's copy is current, else empty: then build the full answer with {@link #on}. */
    public <T> Optional<ResponseEntity<T>> notModified(HttpServletRequest request) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        boolean fresh;
        if (ifNoneMatch != null) {
            fresh = matches(ifNoneMatch);
        } else {
            long since = -1;
            try {
                since = request.getDateHeader("If-Modified-Since");
            } catch (IllegalArgumentException ignored) {
                // an unparseable date is no condition
            }
            fresh = since >= 0 && lastModified.toEpochMilli() / 1000 <= since / 1000;
        }
        return fresh ? Optional.of(on(ResponseEntity.status(HttpStatus.NOT_MODIFIED)).build()) : Optional.empty();
    }

    /** Adds ETag, Last-Modified and a revalidation policy to a response. */
    public ResponseEntity.BodyBuilder on(ResponseEntity.BodyBuilder builder) {
        return builder.eTag(etag).lastModified(lastModified).header("Cache-Control", "no-cache");
    }

    private boolean matches(String header) {
        String ours = etag.substring(2);
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(etag) || t.equals(ours) || (t.startsWith("W/") && t.substring(2).equals(ours))) {
                return true;
            }
        }
        return false;
    }
}
