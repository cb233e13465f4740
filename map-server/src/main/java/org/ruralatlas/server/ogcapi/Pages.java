package org.ruralatlas.server.ogcapi;

import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.WriterOutput;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.ruralatlas.data.io.Sha256;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTML pages: templates under {@code src/main/jte}, compiled with the code, written straight
 * to the response as they render (a page of items streams from the cursor like its GeoJSON).
 * Every template takes the reader's {@link Words} as {@code w} and its model as {@code m}.
 */
@Component
public class Pages {

    public static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

    /** Writes an answer to tag it by its content (the tag needs only to be the same for the same answer). */
    private static final JsonMapper DIGEST_JSON = JsonMapper.builder().build();

    private final TemplateEngine engine;
    private final MessageSource messages;

    public Pages(TemplateEngine engine, MessageSource messages) {
        this.engine = engine;
        this.messages = messages;
    }

    /** The labels in this request's language. */
    public Words words(HttpServletRequest request) {
        return words(RequestContextUtils.getLocale(request));
    }

    public Words words(Locale locale) {
        return new Words(messages, locale);
    }

    /** The page of {@code template} (e.g. {@code "ntm/targets.jte"}) on {@code model}, as a body that renders when written. */
    public StreamedBody page(String template, Words words, Object model) {
        return out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            render(template, words, model, w);
            w.flush();
        };
    }

    /** The page written to {@code out} now. */
    public void render(String template, Words words, Object model, Writer out) {
        try {
            engine.render(template, Map.of("w", words, "m", model), new PageOutput(new WriterOutput(out)));
        } catch (TemplateException e) {
            // what failed inside is what the client is told about (a filter overflowing in a row is a 400), not the
            // template
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof IOException cause) {
                throw new UncheckedIOException(cause);
            }
            throw e;
        }
    }

    /**
     * JSON {@code body}, or the page of {@code template} on {@code model}, chosen by {@link OutputFormat}
     * and revalidated with an ETag of the data it was built from; 304 when the client is current.
     */
    public ResponseEntity<?> answer(
            HttpServletRequest request,
            String dataVersion,
            Instant modified,
            Object body,
            String template,
            Object model) {
        OutputFormat format = OutputFormat.of(request);
        Conditional conditional = Conditional.of(request, dataVersion, modified, format);
        return conditional
                .notModified(request)
                .orElseGet(() -> format == OutputFormat.HTML
                        ? conditional
                                .on(ResponseEntity.ok())
                                .contentType(HTML)
                                .body(page(template, words(request), model))
                        : conditional
                                .on(ResponseEntity.ok())
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(body));
    }

    /**
     * As {@link #answer}, tagged by what the answer says rather than by the versions of the layers
     * it was drawn from: an answer about one commune, drawn from whole layers, keeps its tag through
     * every write that leaves it unchanged (a survey answer elsewhere, an edit in another province),
     * so a copy saved for offline use is not downloaded again for them.
     */
    public ResponseEntity<?> answerByContent(
            HttpServletRequest request, Instant modified, Object body, String template, Object model) {
        return answer(request, contentTag(body), modified, body, template, model);
    }

    /** A tag of what {@code body} says as JSON: the same for the same answer, another for any change. */
    public static String contentTag(Object body) {
        return Sha256.hex(DIGEST_JSON.writeValueAsString(body), 16);
    }
}
