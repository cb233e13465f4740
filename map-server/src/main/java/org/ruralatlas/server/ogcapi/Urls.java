package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The absolute URLs RuralAtlas writes into links: from {@code ruralatlas.public-url} when it is
 * set ({@link PublicUrl}), else from the request (and a trusted proxy's forwarded headers).
 */
public final class Urls {

    /** Request attribute: the configured public base URL. */
    static final String BASE = Urls.class.getName() + ".base";

    private Urls() {}

    /** The server's base URL, without a trailing slash. */
    public static String base() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object configured = request == null ? null : request.getAttribute(BASE, RequestAttributes.SCOPE_REQUEST);
        return configured != null ? (String) configured : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    /** This request's URL with {@code f} set to {@code format}. */
    public static String withFormat(HttpServletRequest request, String format) {
        return UriComponentsBuilder.fromUriString(self(request)).replaceQueryParam("f", format).build().toUriString();
    }

    /** This request's URL, query included. */
    public static String self(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return UriComponentsBuilder.fromUriString(base() + path).query(request.getQueryString()).build().toUriString();
    }
}
