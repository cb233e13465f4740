package org.ruralatlas.data.filter;

import java.util.Locale;

/**
 * Reading CQL2 (OGC 21-065r2) in either encoding into one {@link Expression}. The conformance
 * classes this package honours, for the HTTP layer to declare: CQL2 Text, CQL2 JSON, Basic CQL2,
 * Advanced Comparison Operators, Case-insensitive Comparison, Accent-insensitive Comparison,
 * Basic Spatial Functions, Basic Spatial Functions with additional Spatial Literals, Spatial
 * Functions, Temporal Functions, Array Functions, Property-Property Comparisons, Arithmetic
 * Expressions (see {@link #CONFORMANCE}); plus the extension function S_DWITHIN.
 */
public final class Cql2 {

    /** The conformance class URIs of CQL2 1.0 that filters honour. */
    public static final java.util.List<String> CONFORMANCE = java.util.List.of(
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
            "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic");

    /** The encodings, as the {@code filter-lang} parameter names them. */
    public enum Language {
        TEXT("cql2-text"),
        JSON("cql2-json");

        private final String parameterValue;

        Language(String parameterValue) {
            this.parameterValue = parameterValue;
        }

        public String parameterValue() {
            return parameterValue;
        }

        /** The language a {@code filter-lang} value names; text when null. */
        public static Language named(String name) {
            if (name == null) {
                return TEXT;
            }
            for (Language l : values()) {
                if (l.parameterValue.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return l;
                }
            }
            throw BadFilterException.unsupportedLanguage(name);
        }
    }

    private Cql2() {}

    public static Expression parseText(String text) {
        return TextParser.parse(text);
    }

    public static Expression parseJson(String json) {
        return JsonReader.parse(json);
    }

    public static Expression parse(String filter, Language language) {
        if (filter == null || filter.isBlank()) {
            throw BadFilterException.invalid("the filter is empty");
        }
        return language == Language.JSON ? parseJson(filter) : parseText(filter);
    }
}
