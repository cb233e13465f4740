package org.ruralatlas.data.imports;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;

/**
 * Which column of a file fills which property of the layer: by the same name unless the mapping
 * says otherwise ({@code ten:name,ma_tinh:province_code}, column first). Columns that map to no
 * property are ignored (and listed in the report); a mapping onto an unknown property is a mistake.
 */
public final class AttributeMapping {

    private final Map<String, String> columnToProperty;

    private AttributeMapping(Map<String, String> columnToProperty) {
        this.columnToProperty = columnToProperty;
    }

    public static AttributeMapping byName() {
        return new AttributeMapping(Map.of());
    }

    /**
     * The mapping {@code column:property,…} for {@code layer}.
     *
     * @throws IllegalArgumentException naming the first pair that is not {@code column:property} of a known property
     */
    public static AttributeMapping parse(String text, Layer layer) {
        Map<String, String> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return byName();
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        "mapping is column:property pairs separated by commas, e.g. ten:name; '" + pair + "' is not");
            }
            String property = parts[1].strip();
            if (layer.property(property).isEmpty()) {
                throw new IllegalArgumentException(
                        "mapping names '" + property + "', which is not a property of " + layer.id());
            }
            if (m.put(parts[0].strip(), property) != null) {
                throw new IllegalArgumentException("mapping names the column '" + parts[0].strip() + "' twice");
            }
        }
        return new AttributeMapping(Map.copyOf(m));
    }

    /** The property a column fills, or null when none. */
    String property(Layer layer, String column) {
        String mapped = columnToProperty.get(column);
        if (mapped != null) {
            return mapped;
        }
        if (columnToProperty.containsValue(column)) {
            return null; // another column fills it
        }
        return layer.property(column).isPresent() ? column : null;
    }
}
