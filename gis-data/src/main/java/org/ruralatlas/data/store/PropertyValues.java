package org.ruralatlas.data.store;

import java.time.LocalDate;
import java.util.List;
import org.ruralatlas.data.catalog.PropertySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that turns raw values (a JDBC column, a JSON value, a request parameter) into the
 * Java type a {@link org.ruralatlas.data.catalog.PropertyType} promises, and back into what a
 * column holds. Both stores go through it, which is what makes their features compare equal.
 */
public final class PropertyValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Readers made once: {@code readValue(text, Class)} looked the type up again for every value of every row. */
    private static final ObjectReader LIST = JSON.readerFor(List.class);

    private static final ObjectReader ANY = JSON.readerFor(Object.class);

    private PropertyValues() {}

    /** The typed value of a column as JDBC returned it (JSON-typed columns arrive as text). */
    public static Object fromColumn(PropertySpec spec, Object raw) {
        if (raw == null) {
            return null;
        }
        return switch (spec.type()) {
            case STRING -> raw.toString();
            case INTEGER -> ((Number) raw).longValue();
            case NUMBER -> ((Number) raw).doubleValue();
            case BOOLEAN -> raw instanceof Boolean b ? b : ((Number) raw).intValue() != 0;
            case DATE -> raw instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(raw.toString());
            case STRING_LIST, JSON -> parseJson(spec, raw.toString());
        };
    }

    /** The typed value of a JSON value as Jackson read it (String, Number, Boolean, List, Map). */
    public static Object fromJson(PropertySpec spec, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (spec.type()) {
                case STRING -> value.toString();
                case INTEGER -> value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
                case NUMBER ->
                    finite(value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString()));
                case BOOLEAN -> value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString());
                case DATE -> org.ruralatlas.data.feature.CalendarDate.parse(value.toString());
                case STRING_LIST ->
                    value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(value.toString());
                case JSON -> value;
            };
        } catch (IllegalArgumentException e) {
            // NumberFormatException too
            throw new IllegalArgumentException(spec.name() + ": '" + value + "' is not a valid "
                    + spec.type().jsonName());
        }
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return d;
    }

    /**
     * The typed value of a text such as a query parameter, for equality filters on scalar
     * properties. Throws {@link IllegalArgumentException} with a readable message when it does not fit.
     */
    public static Object parse(PropertySpec spec, String text) {
        return switch (spec.type()) {
            case BOOLEAN -> {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException(spec.name() + " takes true or false");
                }
                yield Boolean.parseBoolean(text);
            }
            case STRING_LIST, JSON ->
                throw new IllegalArgumentException(spec.name() + " cannot be compared for equality");
            default -> fromJson(spec, text);
        };
    }

    /** The value to bind for a column: JSON text for lists and objects, the value itself otherwise. */
    public static Object toColumn(PropertySpec spec, Object value) {
        if (value == null) {
            return null;
        }
        return spec.type().isJson() ? JSON.writeValueAsString(value) : value;
    }

    private static Object parseJson(PropertySpec spec, String text) {
        try {
            return spec.type() == org.ruralatlas.data.catalog.PropertyType.STRING_LIST
                    ? LIST.readValue(text)
                    : ANY.readValue(text);
        } catch (JacksonException e) {
            throw new FeatureStoreException("column " + spec.name() + " holds invalid JSON", e);
        }
    }
}
