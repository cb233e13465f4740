package org.ruralatlas.data.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The value types a layer property can have. Both stores map each to a column type and back to
 * the same Java type, so that features read from PostGIS and GeoPackage compare equal.
 */
public enum PropertyType {
    /** Text; Java {@link String}. */
    @JsonProperty("string")
    STRING("string"),
    /** Whole number; Java {@link Long}. */
    @JsonProperty("integer")
    INTEGER("integer"),
    /** Decimal number; Java {@link Double}. */
    @JsonProperty("number")
    NUMBER("number"),
    /** Java {@link Boolean}. */
    @JsonProperty("boolean")
    BOOLEAN("boolean"),
    /** Calendar date; Java {@link java.time.LocalDate}. */
    @JsonProperty("date")
    DATE("date"),
    /** List of texts; Java {@code List<String>}, stored as a JSON array. */
    @JsonProperty("string_list")
    STRING_LIST("string_list"),
    /** Any JSON value (objects, lists of objects); Java maps and lists, stored as JSON text. */
    @JsonProperty("json")
    JSON("json");

    private final String jsonName;

    PropertyType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name the catalogue file uses. */
    public String jsonName() {
        return jsonName;
    }

    /** True when the value is held as JSON text in the stores. */
    public boolean isJson() {
        return this == STRING_LIST || this == JSON;
    }
}
