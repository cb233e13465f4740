package org.ruralatlas.data.imports;

import java.util.List;
import java.util.Locale;
import org.ruralatlas.data.catalog.PropertySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A file's value as the JSON an edit would send for the property, so that imports and edits are
 * checked by the same rules: text becomes a number, a boolean or a list where the property's type
 * asks for one and the text reads as one; what does not read stays text, which the check then
 * refuses with the property's name.
 */
final class ImportValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private ImportValues() {}

    static JsonNode json(PropertySpec p, Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        return switch (p.type()) {
            case STRING, DATE ->
                v instanceof Number n && isWhole(n)
                        ? NODES.stringNode(String.valueOf(n.longValue()))
                        : NODES.stringNode(String.valueOf(v));
            case INTEGER -> {
                if (v instanceof Number n && isWhole(n)) {
                    yield NODES.numberNode(n.longValue());
                }
                try {
                    yield NODES.numberNode(Long.parseLong(String.valueOf(v).strip()));
                } catch (NumberFormatException e) {
                    yield JSON.valueToTree(v);
                }
            }
            case NUMBER -> {
                if (v instanceof Number n) {
                    yield NODES.numberNode(n.doubleValue());
                }
                try {
                    yield NODES.numberNode(Double.parseDouble(String.valueOf(v).strip()));
                } catch (NumberFormatException e) {
                    yield JSON.valueToTree(v);
                }
            }
            case BOOLEAN ->
                switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
                    case "true", "1", "yes", "t" -> NODES.booleanNode(true);
                    case "false", "0", "no", "f" -> NODES.booleanNode(false);
                    default -> JSON.valueToTree(v);
                };
            case STRING_LIST ->
                v instanceof List<?> || !(v instanceof String s)
                        ? JSON.valueToTree(v)
                        : JSON.valueToTree(
                                s.isBlank()
                                        ? List.of()
                                        : java.util.Arrays.stream(s.split(";"))
                                                .map(String::strip)
                                                .toList());
            case JSON -> v instanceof String s && looksLikeJson(s) ? parse(s) : JSON.valueToTree(v);
        };
    }

    private static boolean isWhole(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }

    private static boolean looksLikeJson(String s) {
        String t = s.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (RuntimeException e) {
            return NODES.stringNode(s);
        }
    }
}
