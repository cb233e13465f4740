package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The one content negotiation: {@code f} (which wins) or else the Accept header, by q-value,
 * among the formats a resource offers. OGC API resources offer JSON and HTML; statistics and
 * survey responses offer CSV too. Anything unparseable or not offered in Accept falls back to
 * JSON; an {@code f} value the resource does not offer is a 400 naming {@code f}.
 */
public enum OutputFormat {
    JSON("json"),
    HTML("html"),
    CSV("csv");

    private final String parameter;

    OutputFormat(String parameter) {
        this.parameter = parameter;
    }

    /** JSON or HTML, as OGC API resources offer them. */
    public static OutputFormat of(HttpServletRequest request) {
        return of(request, JSON, HTML);
    }

    /** One of {@code offered} (JSON first), chosen by {@code f} or else by the Accept header. */
    public static OutputFormat of(HttpServletRequest request, OutputFormat... offered) {
        List<OutputFormat> formats = Arrays.asList(offered);
        String f = request.getParameter("f");
        if (f != null) {
            OutputFormat asked = switch (f) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                case "csv" -> CSV;
                default -> null;
            };
            if (asked == null || !formats.contains(asked)) {
                throw ApiException.badParameter(
                        "f",
                        "f takes "
                                + formats.stream()
                                        .map(o -> o.parameter)
                                        .collect(Collectors.joining(", "))
                                        .replaceFirst(", ([^,]*)$", " or $1")
                                + ", not '" + f + "'");
            }
            return asked;
        }
        return accepted(request.getHeader("Accept"), formats);
    }

    static OutputFormat accepted(String accept, List<OutputFormat> formats) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType t : types) {
                if (t.isWildcardType()) {
                    return JSON;
                }
                String subtype = t.getSubtype().toLowerCase(Locale.ROOT);
                if (subtype.equals("html") && formats.contains(HTML)) {
                    return HTML;
                }
                if (subtype.equals("csv") && formats.contains(CSV)) {
                    return CSV;
                }
                if (subtype.endsWith("json")) {
                    return JSON;
                }
            }
        } catch (InvalidMediaTypeException e) {
            return JSON;
        }
        return JSON;
    }
}
