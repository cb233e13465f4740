package org.ruralatlas.server.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LocalizedText;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter box of a collection's HTML items page: a form with the {@code filter} parameter
 * and, for each collection, a few CQL2 filters of the questions planners ask (the planner rows of
 * the shared expression table), so that a person sees how to write one and can start from it.
 */
public final class FilterExamples {

    /** A CQL2 text filter and what it asks, in both languages. */
    public record Example(String filter, LocalizedText question) {

        /** The items page of {@code items} filtered by this example. */
        public String href(String items) {
            return items + "?f=html&filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** The examples per collection, kept as data beside this class. */
    static final Map<String, List<Example>> BY_LAYER = read();

    private FilterExamples() {}

    private static Map<String, List<Example>> read() {
        try (InputStream in = FilterExamples.class.getResourceAsStream("filter-examples.json")) {
            return Map.copyOf(JsonMapper.shared().readValue(in, new TypeReference<Map<String, List<Example>>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("filter-examples.json of the jar cannot be read", e);
        }
    }

    /** The examples of a layer, none for a layer without. */
    static List<Example> of(Layer layer) {
        return BY_LAYER.getOrDefault(layer.id(), List.of());
    }
}
