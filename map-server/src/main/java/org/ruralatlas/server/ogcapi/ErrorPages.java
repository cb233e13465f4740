package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ruralatlas.server.error.ProblemPages;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The page a browser gets for a problem: its status, what it means in the reader's language
 * ({@link Language}'s rule, as every page), the problem's own detail, and links back to the map
 * and the collections. It says nothing the problem+json does not: no exception, no stack trace.
 * HTML is asked for by {@code f=html}, or by an Accept preferring {@code text/html} when {@code f}
 * names no other format (a browser whose {@code f} is misspelt still reads the page saying so).
 */
@Component
public class ErrorPages implements ProblemPages {

    /** Statuses with words of their own; the others read as their class (4xx, 5xx). */
    private static final List<Integer> WORDED =
            List.of(400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 429, 500, 501, 503);

    /** What the page shows: the status, its meaning and explanation, the problem's detail (in English) and parameter. */
    public record ErrorPage(int status, String title, String explanation, String detail, String parameter) {}

    private final Pages pages;

    public ErrorPages(Pages pages) {
        this.pages = pages;
    }

    @Override
    public byte[] page(ProblemDetail problem, HttpServletRequest request) {
        if (!asksForHtml(request)) {
            return null;
        }
        Words words = pages.words(Language.of(request.getParameter("lang"), request.getHeader("Accept-Language")));
        int status = problem.getStatus();
        String key = "error." + (WORDED.contains(status) ? status : status >= 500 ? "5xx" : "4xx");
        Object parameter =
                problem.getProperties() == null ? null : problem.getProperties().get("parameter");
        ErrorPage model = new ErrorPage(
                status,
                words.get(key + ".title"),
                words.get(key + ".text"),
                problem.getDetail(),
                parameter == null ? null : parameter.toString());
        StringWriter out = new StringWriter();
        // the links are absolute, from the request's attributes; a refusal before Spring's filters may have none yet
        boolean bound = RequestContextHolder.getRequestAttributes() == null;
        if (bound) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        }
        try {
            pages.render("error.jte", words, model, out);
        } finally {
            if (bound) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request asks for HTML: {@code f=html}, or no other {@code f} and an Accept that prefers it. */
    static boolean asksForHtml(HttpServletRequest request) {
        String f = request.getParameter("f");
        if (f != null && List.of("json", "geojson", "csv").contains(f)) {
            return false;
        }
        return "html".equals(f)
                || OutputFormat.accepted(request.getHeader("Accept"), List.of(OutputFormat.JSON, OutputFormat.HTML))
                        == OutputFormat.HTML;
    }
}
