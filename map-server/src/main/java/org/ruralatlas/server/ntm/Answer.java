package org.ruralatlas.server.ntm;

import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.time.Instant;
import java.util.function.Consumer;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.HtmlPage;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Urls;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The JSON-or-HTML answer of the NTM resources, revalidated with an ETag of the data it was
 * built from: one place that chooses the format, so every NTM page behaves as the OGC ones do.
 */
public final class Answer {

    private Answer() {}

    /** JSON {@code body}, or the page {@code html} writes under {@code title}; 304 when the client is current. */
    public static ResponseEntity<?> of(HttpServletRequest request, String dataVersion, Instant modified, Object body,
            String title, Consumer<HtmlPage> html) {
        OutputFormat format = OutputFormat.of(request);
        Conditional conditional = Conditional.of(request, dataVersion, modified, format);
        return conditional.notModified(request).orElseGet(() -> {
            if (format == OutputFormat.HTML) {
                StringWriter w = new StringWriter();
                HtmlPage page = HtmlPage.start(w, Urls.language(request), title);
                html.accept(page);
                page.finish();
                return conditional.on(ResponseEntity.ok()).contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                        .body(w.toString());
            }
            return conditional.on(ResponseEntity.ok()).contentType(MediaType.APPLICATION_JSON).body(body);
        });
    }

    /** "vi" text or "en" text by the reader's language. */
    public static String in(HttpServletRequest request, String vi, String en) {
        return "en".equals(Urls.language(request)) ? en : vi;
    }
}
