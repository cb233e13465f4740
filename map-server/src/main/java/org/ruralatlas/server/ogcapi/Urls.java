package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/** The absolute URLs RuralAtlas writes into links, built from the request (and forwarded headers). */
public final class Urls {

    private Urls() {}

    /** The server's base URL, without a trailing slash. */
    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
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

    /** "en" when the client prefers English, "vi" (the default) otherwise; {@code lang} overrides. */
    public static String language(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang == null) {
            lang = request.getHeader("Accept-Language");
        }
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "vi";
    }
}
