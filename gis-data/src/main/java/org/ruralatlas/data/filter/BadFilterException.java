package org.ruralatlas.data.filter;

import java.util.Collection;
import java.util.OptionalInt;

/**
 * A filter that cannot be used, with a message for the person who wrote it: where and what was
 * expected for a syntax error ({@code expected ')' at character 37}), the queryables for an
 * unknown property, the supported functions or CRSs for an unsupported one. It names the request
 * parameter at fault ({@code filter}, {@code filter-crs}) so that the HTTP layer answers 400 with
 * it; it is the only exception parsing, binding and translating a filter throws for bad input.
 */
public final class BadFilterException extends IllegalArgumentException {

    /** The parameter holding the filter expression. */
    public static final String FILTER = "filter";
    /** The parameter naming the CRS of the filter's geometries. */
    public static final String FILTER_CRS = "filter-crs";
    /** The parameter naming the encoding. */
    public static final String FILTER_LANG = "filter-lang";

    private final String parameter;
    private final int position;

    private BadFilterException(String parameter, String message, int position) {
        super(message);
        this.parameter = parameter;
        this.position = position;
    }

    /** A syntax error at 1-based character {@code position} of the text. */
    public static BadFilterException syntax(String what, int position) {
        return new BadFilterException(FILTER, what + " at character " + position, position);
    }

    /** A filter that parses but means nothing usable (wrong types, an invalid geometry…). */
    public static BadFilterException invalid(String message) {
        return new BadFilterException(FILTER, message, -1);
    }

    public static BadFilterException unknownProperty(String layer, String name, Collection<String> queryables) {
        return invalid("unknown property " + name + "; " + layer + " can be filtered on " + queryables);
    }

    public static BadFilterException unsupportedFunction(String name, Collection<String> supported) {
        return invalid("function " + name + " is not supported; the functions this server knows are " + supported);
    }

    public static BadFilterException unsupportedCrs(String name, Collection<String> supported) {
        return new BadFilterException(
                FILTER_CRS, "filter-crs '" + name + "' is not supported; use one of " + supported, -1);
    }

    public static BadFilterException unsupportedLanguage(String name) {
        return new BadFilterException(
                FILTER_LANG, "filter-lang '" + name + "' is not supported; use cql2-text or cql2-json", -1);
    }

    /** {@code filter}, {@code filter-crs} or {@code filter-lang}. */
    public String parameter() {
        return parameter;
    }

    /** The 1-based character of a syntax error in CQL2 text, when there is one. */
    public OptionalInt position() {
        return position > 0 ? OptionalInt.of(position) : OptionalInt.empty();
    }
}
