package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way a JSON request body is read: of a media type the route takes (415 otherwise), at
 * most a given number of bytes (413 beyond, read no further), well-formed JSON with no member
 * given twice (400 naming the body otherwise). A body never reaches a handler half-read.
 */
public final class JsonBodies {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBodies() {}

    /** The body as a JSON tree, when its Content-Type is one of {@code types} and it is at most {@code maxBytes}. */
    public static JsonNode read(HttpServletRequest request, List<MediaType> types, int maxBytes) {
        String given = request.getContentType();
        MediaType type;
        try {
            type = given == null ? null : MediaType.parseMediaType(given);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        MediaType t = type;
        if (t == null
                || types.stream().noneMatch(m -> m.includes(t) && !t.isWildcardType() && !t.isWildcardSubtype())) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type",
                    "the body must be "
                            + String.join(
                                    " or ",
                                    types.stream().map(MediaType::toString).toList()));
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw ApiException.tooLarge("body", "the body is larger than " + maxBytes + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiException.badParameter("body", "the body could not be read");
        }
        if (bytes.length > maxBytes) {
            throw ApiException.tooLarge("body", "the body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw ApiException.badParameter("body", "the request has no body");
        }
        try {
            return STRICT.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiException.badParameter(
                    "body",
                    "the body is not well-formed JSON: "
                            + abbreviate(e.getOriginalMessage().replaceAll("\\s+", " ")));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
