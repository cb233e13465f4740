package org.ruralatlas.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The one way a filter decides by path: Spring's {@link PathPattern}s, which the security chain
 * and Spring MVC's routing use too, on the path as they see it (each segment %-decoded,
 * {@code ;} parameters dropped). A raw {@code getRequestURI().startsWith(…)} is not that path:
 * {@code /%61dmin/…} or {@code /admin;/…} slipped past such tests and were still routed to
 * {@code /admin/…}. Spellings that cannot be normalised safely ({@code //}, dot segments,
 * encoded separators) never get this far: {@link org.ruralatlas.server.security.EdgeFirewall} refuses them first, so every
 * filter that uses these runs after the security chain.
 */
public final class RequestPaths {

    private RequestPaths() {}

    /** A request matcher of a path pattern such as {@code /collections/{id}/**}, any method. */
    public static RequestMatcher pattern(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /** A path pattern to match against {@link #of} yourself, extracting its variables (decoded). */
    public static PathPattern parse(String pattern) {
        return PathPatternParser.defaultInstance.parse(pattern);
    }

    /** The request's path within the application, as routing sees it. */
    public static PathContainer of(HttpServletRequest request) {
        RequestPath path = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request)
                : RequestPath.parse(request.getRequestURI(), request.getContextPath());
        return path.pathWithinApplication();
    }
}
