package org.ruralatlas.data.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One property of a layer: its name (also the column name in both stores), type, labels in both
 * languages, unit and allowed values. {@code queryable} properties can be filtered on (CQL2
 * filters, sortby; those of a simple type also by equality, {@link #simple()});
 * {@code display} properties are the ones drawn in tiles and popups. {@code valueTitles}
 * ({@code enumTitles} in the file) name allowed values for people, so the viewer never shows a
 * raw code such as {@code craft_village}.
 */
public record PropertySpec(
        String name,
        PropertyType type,
        LocalizedText title,
        LocalizedText description,
        String unit,
        @JsonProperty("enum") List<String> allowedValues,
        Double minimum,
        Double maximum,
        boolean queryable,
        boolean display,
        @JsonProperty("enumTitles") Map<String, LocalizedText> valueTitles) {

    /** A property whose values need no titles. */
    public PropertySpec(
            String name,
            PropertyType type,
            LocalizedText title,
            LocalizedText description,
            String unit,
            List<String> allowedValues,
            Double minimum,
            Double maximum,
            boolean queryable,
            boolean display) {
        this(name, type, title, description, unit, allowedValues, minimum, maximum, queryable, display, null);
    }

    public PropertySpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("property name must be a lower-case identifier: " + name);
        }
        if (type == null) {
            throw new IllegalArgumentException("property " + name + " has no type");
        }
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        valueTitles = valueTitles == null ? Map.of() : Map.copyOf(valueTitles);
        for (String value : valueTitles.keySet()) {
            if (!allowedValues.contains(value)) {
                throw new IllegalArgumentException(
                        "property " + name + " titles " + value + ", which is not an allowed value");
            }
        }
    }

    /** True for a single value (text, number, boolean, date), which an equality parameter can select by. */
    public boolean simple() {
        return !type.isJson();
    }

    /** A value for people in a language: its title when the catalogue names it, else the value as written. */
    public String valueTitle(Object value, String lang) {
        LocalizedText t = value == null ? null : valueTitles.get(String.valueOf(value));
        return t != null ? t.in(lang) : String.valueOf(value);
    }
}
