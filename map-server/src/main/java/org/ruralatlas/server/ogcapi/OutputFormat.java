package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * JSON or HTML, chosen by {@code f} (which wins) or else by the Accept header, as OGC API
 * resources are offered in both. Anything unparseable or unknown falls back to JSON, except an
 * {@code f} value the server does not have, which is a 400.
 */
public enum OutputFormat {
    JSON, HTML;

    public static OutputFormat of(HttpServletRequest request) {
        String f = request.getParameter("f");
        if (f != null) {
            return switch (f) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                default -> throw ApiException.badParameter("f", "f takes json or html, not '" + f + "'");
            };
        }
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            types = new java.util.ArrayList<>(types);
            types.sort(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType t : types) {
                if (t.isWildcardType()) {
                    return JSON;
                }
                if (t.getSubtype().equals("html")) {
                    return HTML;
                }
                if (t.getSubtype().endsWith("json")) {
                    return JSON;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return JSON;
        }
        return JSON;
    }
}
