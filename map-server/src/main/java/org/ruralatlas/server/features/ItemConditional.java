package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Conditional GET of one feature with its strong ETag ({@link ItemTag}): the feature's digest,
 * with a suffix for a representation other than GeoJSON in CRS84 (HTML in a language, another
 * CRS). {@code If-None-Match} gets 304 while the feature is unchanged, whatever else of its layer
 * changes; the same tag, sent as {@code If-Match}, lets the client write it.
 */
final class ItemConditional {

    private final String etag;

    private ItemConditional(String etag) {
        this.etag = etag;
    }

    static ItemConditional of(Feature f, OutputFormat format, Crs crs, String lang) {
        String variant = format == OutputFormat.HTML ? "html." + lang
                : crs.equals(Crs.CRS84) ? "" : "crs." + Sha256.hex(crs.uri(), 4);
        return new ItemConditional(ItemTag.etag(f, variant));
    }

    <T> Optional<ResponseEntity<T>> notModified(HttpServletRequest request) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch == null) {
            return Optional.empty();
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            // weak comparison (RFC 9110 §13.1.2)
            if (t.equals("*") || t.equals(etag) || t.startsWith("W/") && t.substring(2).equals(etag)) {
                return Optional.of(on(ResponseEntity.status(HttpStatus.NOT_MODIFIED)).build());
            }
        }
        return Optional.empty();
    }

    ResponseEntity.BodyBuilder on(ResponseEntity.BodyBuilder builder) {
        return builder.eTag(etag).header("Cache-Control", "no-cache");
    }
}
