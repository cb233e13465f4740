package org.ruralatlas.data.filter;

import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.filter.Expression.*;

/**
 * What a bound expression evaluates to, known from the node alone (and the catalogue for a
 * property): the binder checks operands with it, the translators choose SQL and Java
 * operations with it. Integers and other numbers compare and compute alike; the difference
 * lets SQL bind an integer literal so that an integer column's index applies.
 */
public enum ValueType {
    TEXT,
    INTEGER,
    NUMBER,
    BOOLEAN,
    DATE,
    TIMESTAMP,
    INTERVAL,
    GEOMETRY,
    TEXT_LIST,
    ARRAY;

    /** The name of the geometry queryable of a layer with geometry. */
    public static final String GEOMETRY_PROPERTY = "geometry";

    public boolean numeric() {
        return this == INTEGER || this == NUMBER;
    }

    /** Both compare with =, &lt;, … : the same type, or two numbers. */
    public boolean comparableWith(ValueType other) {
        return this == other && this != INTERVAL && this != GEOMETRY && this != TEXT_LIST && this != ARRAY
                || numeric() && other.numeric();
    }

    /** For messages: "a text", "an integer". */
    public String described() {
        return switch (this) {
            case TEXT -> "a text";
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case DATE -> "a date";
            case TIMESTAMP -> "a timestamp";
            case INTERVAL -> "an interval";
            case GEOMETRY -> "a geometry";
            case TEXT_LIST -> "a list of texts";
            case ARRAY -> "an array";
        };
    }

    /** The type of a property of {@code layer}, or null when it is not a queryable of a type filters can use. */
    public static ValueType ofProperty(Layer layer, String name) {
        if (name.equals(GEOMETRY_PROPERTY)) {
            return layer.hasGeometry() ? GEOMETRY : null;
        }
        PropertySpec p = layer.property(name).filter(PropertySpec::queryable).orElse(null);
        if (p == null) {
            return null;
        }
        return switch (p.type()) {
            case STRING -> TEXT;
            case INTEGER -> INTEGER;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case STRING_LIST -> TEXT_LIST;
            case JSON -> null;
        };
    }

    /** The type of a bound expression of {@code layer}. */
    public static ValueType of(Layer layer, Expression e) {
        if (e instanceof Property p) {
            ValueType t = ofProperty(layer, p.name());
            if (t == null) {
                throw new IllegalStateException("unbound property " + p.name());
            }
            return t;
        }
        if (e instanceof TextLiteral || e instanceof CaseInsensitive || e instanceof AccentInsensitive) {
            return TEXT;
        }
        if (e instanceof NumberLiteral || e instanceof Arithmetic) {
            return NUMBER;
        }
        if (e instanceof DateLiteral) {
            return DATE;
        }
        if (e instanceof TimestampLiteral) {
            return TIMESTAMP;
        }
        if (e instanceof IntervalLiteral || e instanceof Unbounded) {
            return INTERVAL;
        }
        if (e instanceof GeometryLiteral || e instanceof BboxLiteral) {
            return GEOMETRY;
        }
        if (e instanceof ArrayLiteral) {
            return ARRAY;
        }
        if (e instanceof FunctionCall f) {
            throw new IllegalStateException("unbound function " + f.name());
        }
        return BOOLEAN; // literals TRUE/FALSE, logical operators and every predicate
    }
}
