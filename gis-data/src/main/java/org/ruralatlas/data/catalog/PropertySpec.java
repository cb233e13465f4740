package org.ruralatlas.data.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One property of a layer: its name (also the column name in both stores), type, labels in both
 * languages, unit and allowed values. {@code queryable} properties can be filtered on by equality;
 * {@code display} properties are the ones drawn in tiles and popups.
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
        boolean display) {

    public PropertySpec {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("property name must be a lower-case identifier: " + name);
        }
        if (type == null) {
            throw new IllegalArgumentException("property " + name + " has no type");
        }
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }
}
