package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.StringJoiner;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The absolute URLs RuralAtlas writes into links: from {@code ruralatlas.public-url} when it is
 * set ({@link PublicUrl}), else from the request (and a trusted proxy's forwarded headers).
 *
 * <p>A query is kept as the client wrote it and never parsed into parameters: a CQL2 filter
 * with a commune's polygon makes a query of kilobytes, which {@code UriComponentsBuilder} parsed
 * three times per page (self link, alternate link, entity tag): 13–80 µs each, a cost that grows
 * with the query (issue 16, {@code bench/filters.sh}).
 */
public final class Urls {

    /** Request attribute: the configured public base URL. */
    static final String BASE = Urls.class.getName() + ".base";

    private Urls() {}

    /** The server's base URL, without a trailing slash. */
    public static String base() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object configured = request == null ? null : request.getAttribute(BASE, RequestAttributes.SCOPE_REQUEST);
        return configured != null
                ? (String) configured
                : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** This request's URL with {@code f} set to {@code format}. */
    public static String withFormat(HttpServletRequest request, String format) {
        return withParameter(self(request), "f", format);
    }

    /** This request's URL, its query as the client sent it. */
    public static String self(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return base() + path + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * {@code url} without its {@code name} parameters and, unless {@code value} is null, with
     * {@code name=value} last ({@code value} as it goes into a URL: encoded where it must be); the
     * other parameters stay as written and in their order, empty ones ({@code &&}) are dropped.
     */
    public static String withParameter(String url, String name, String value) {
        int q = url.indexOf('?');
        StringJoiner query = new StringJoiner("&");
        if (q >= 0) {
            for (String parameter : url.substring(q + 1).split("&")) {
                int eq = parameter.indexOf('=');
                if (!parameter.isEmpty() && !(eq < 0 ? parameter : parameter.substring(0, eq)).equals(name)) {
                    query.add(parameter);
                }
            }
        }
        if (value != null) {
            query.add(name + "=" + value);
        }
        String head = q < 0 ? url : url.substring(0, q);
        return query.length() == 0 ? head : head + "?" + query;
    }
}
