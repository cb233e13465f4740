package org.ruralatlas.server.ogcapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ruralatlas.public-url}: the address clients reach the server at (behind a proxy or a
 * CDN, e.g. {@code https://atlas.example.vn/ruralatlas}). When set, every absolute link is built
 * from it, whatever {@code Host} or forwarded header a request carries, so no client can make
 * the server (or a cache in front of it) hand out links to another site. Unset, links are built
 * from the request: its {@code Host}, or a trusted proxy's {@code X-Forwarded-*} headers
 * ({@code server.tomcat.remoteip.internal-proxies}).
 */
@ConfigurationProperties("ruralatlas")
public record PublicUrl(URI publicUrl) {

    public PublicUrl {
        if (publicUrl != null
                && (!publicUrl.isAbsolute()
                        || !(publicUrl.getScheme().equals("http")
                                || publicUrl.getScheme().equals("https"))
                        || publicUrl.getHost() == null
                        || publicUrl.getQuery() != null
                        || publicUrl.getFragment() != null)) {
            throw new IllegalArgumentException(
                    "ruralatlas.public-url must be an http or https URL without query or fragment, not " + publicUrl);
        }
    }

    /** The base URL without a trailing slash, or null when links follow the request. */
    String base() {
        if (publicUrl == null) {
            return null;
        }
        String s = publicUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Hands the configured base to {@link Urls} for the time of each request. */
    static final class Filter extends OncePerRequestFilter {

        private final String base;

        Filter(PublicUrl url) {
            this.base = url.base();
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return base == null;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute(Urls.BASE, base);
            chain.doFilter(request, response);
        }
    }
}
