package org.ruralatlas.data.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;

/**
 * How both SQL stores lay out a feature row: one column per catalogue property, in catalogue
 * order, named as the property, then the geometry. Identifiers come from the catalogue only
 * (validated lower-case names) and are always quoted.
 */
public final class FeatureRows {

    /** Turns the geometry column's bytes into JTS. */
    @FunctionalInterface
    public interface GeometryDecoder {
        Geometry decode(byte[] bytes);
    }

    private FeatureRows() {}

    /** A catalogue identifier; compiled once: every statement quotes a score of them (String.matches compiled it each time). */
    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*");

    public static String quote(String identifier) {
        if (!IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a catalogue identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** The property columns, quoted, comma-separated. */
    public static String propertyColumns(Layer layer) {
        return propertyColumns(layer.properties());
    }

    /** The columns of {@code properties}, quoted, comma-separated. */
    public static String propertyColumns(List<PropertySpec> properties) {
        return properties.stream().map(p -> quote(p.name())).collect(Collectors.joining(", "));
    }

    /**
     * The clauses both SQL stores share: the id (when given), each equality filter and the validity
     * interval, with their
     * bind values turned into what the store's columns hold by {@code bind}. Each store adds its
     * own spatial clause.
     */
    public static List<String> commonClauses(
            FeatureQuery q, String id, List<Object> params, UnaryOperator<Object> bind) {
        List<String> clauses = new ArrayList<>();
        if (id != null) {
            clauses.add(quote(q.layer().idProperty()) + " = ?");
            params.add(id);
        }
        for (Map.Entry<String, Object> e : q.equalTo().entrySet()) {
            clauses.add(quote(e.getKey()) + " = ?");
            params.add(bind.apply(e.getValue()));
        }
        if (q.time() != null) {
            // validity [start, end) meets the queried days [from, to]; a missing end is open
            String start = quote(q.layer().temporal().start());
            String end = quote(q.layer().temporal().end());
            if (q.time().end() != null) {
                clauses.add("(" + start + " IS NULL OR " + start + " <= ?)");
                params.add(bind.apply(q.time().end()));
            }
            if (q.time().start() != null) {
                clauses.add("(" + end + " IS NULL OR " + end + " > ?)");
                params.add(bind.apply(q.time().start()));
            }
        }
        return clauses;
    }

    /**
     * " ORDER BY …": the query's sort keys, then the id. Both stores order alike: texts by code
     * point (PostgreSQL's "C" collation, SQLite's default), missing values after the others
     * ascending and before them descending (PostgreSQL's default, written out for SQLite).
     */
    public static String orderBy(FeatureQuery q, boolean postgres) {
        StringBuilder sql = new StringBuilder(" ORDER BY ");
        for (org.ruralatlas.data.feature.SortKey k : q.sortBy()) {
            PropertySpec p = q.layer().property(k.property()).orElseThrow();
            sql.append(quote(p.name()));
            if (postgres && p.type() == org.ruralatlas.data.catalog.PropertyType.STRING) {
                sql.append(" COLLATE \"C\"");
            }
            sql.append(k.descending() ? " DESC NULLS FIRST, " : " ASC NULLS LAST, ");
        }
        return sql.append(quote(q.layer().idProperty())).toString();
    }

    /**
     * The condition "after {@code q.after()} in the order of {@link #orderBy}", with its bind
     * values made column values by {@code bind}; null when the query starts at the first feature.
     * Key by key: after on this key, or equal on it and after on the next ones, the id last
     * ({@code "id" > ?} alone without sort keys, which the primary key's index answers in order).
     * Missing values have their place: after every value ascending, before every value descending.
     */
    public static String keysetClause(
            FeatureQuery q, List<Object> params, UnaryOperator<Object> bind, boolean postgres) {
        if (q.after() == null) {
            return null;
        }
        List<Object> values = q.after().values();
        String clause = quote(q.layer().idProperty()) + " > ?";
        List<Object> clauseParams = new ArrayList<>(List.of(bind.apply(values.get(values.size() - 1))));
        for (int i = q.sortBy().size() - 1; i >= 0; i--) {
            org.ruralatlas.data.feature.SortKey k = q.sortBy().get(i);
            PropertySpec p = q.layer().property(k.property()).orElseThrow();
            String column = quote(p.name())
                    + (postgres && p.type() == org.ruralatlas.data.catalog.PropertyType.STRING ? " COLLATE \"C\"" : "");
            Object v = values.get(i);
            List<Object> before = new ArrayList<>();
            String after;
            String equal;
            if (v == null) {
                after = k.descending() ? column + " IS NOT NULL" : null;
                equal = column + " IS NULL";
            } else {
                after = k.descending() ? column + " < ?" : "(" + column + " > ? OR " + column + " IS NULL)";
                equal = column + " = ?";
                before.add(bind.apply(v));
            }
            List<Object> next = new ArrayList<>();
            StringBuilder sql = new StringBuilder("(");
            if (after != null) {
                sql.append(after).append(" OR ");
                next.addAll(before);
            }
            sql.append("(").append(equal).append(" AND ").append(clause).append("))");
            next.addAll(before);
            next.addAll(clauseParams);
            clause = sql.toString();
            clauseParams = next;
        }
        params.addAll(clauseParams);
        return clause;
    }

    /** SELECT first start, last end, number of open ends: the temporal extent of {@code table}. */
    public static String temporalExtentSql(Layer layer, String table) {
        String start = quote(layer.temporal().start());
        String end = quote(layer.temporal().end());
        return "SELECT min(" + start + "), max(" + end + "), sum(CASE WHEN " + end + " IS NULL THEN 1 ELSE 0 END) FROM "
                + table;
    }

    /** Reads the row of {@link #temporalExtentSql}; empty for an empty layer. */
    public static java.util.Optional<TimeInterval> temporalExtent(Layer layer, ResultSet rs) throws SQLException {
        if (!rs.next() || rs.getObject(3) == null) {
            return java.util.Optional.empty();
        }
        java.time.LocalDate start = (java.time.LocalDate) PropertyValues.fromColumn(
                layer.property(layer.temporal().start()).orElseThrow(), rs.getObject(1));
        java.time.LocalDate end = rs.getLong(3) > 0
                ? null
                : (java.time.LocalDate) PropertyValues.fromColumn(
                        layer.property(layer.temporal().end()).orElseThrow(), rs.getObject(2));
        return java.util.Optional.of(new TimeInterval(start, end));
    }

    /** " WHERE a AND b", or nothing for no clauses. */
    public static String where(List<String> clauses) {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Reads the current row: properties from column 1, geometry bytes right after them. */
    public static Feature read(Layer layer, ResultSet rs, GeometryDecoder geometry) throws SQLException {
        return read(layer, properties(layer, rs), rs, geometry);
    }

    /** The current row's properties, from column 1. */
    public static Map<String, Object> properties(Layer layer, ResultSet rs) throws SQLException {
        return properties(layer.properties(), rs);
    }

    /** The current row's values of {@code properties}, one column each from column 1. */
    public static Map<String, Object> properties(List<PropertySpec> properties, ResultSet rs) throws SQLException {
        Map<String, Object> props = new LinkedHashMap<>();
        int i = 1;
        for (PropertySpec p : properties) {
            Object raw = p.type().isJson() ? rs.getString(i) : rs.getObject(i);
            props.put(p.name(), PropertyValues.fromColumn(p, raw));
            i++;
        }
        return props;
    }

    /** The current row as a feature of {@code props} (read by {@link #properties}) and the geometry after them. */
    public static Feature read(Layer layer, Map<String, Object> props, ResultSet rs, GeometryDecoder geometry)
            throws SQLException {
        return read(layer, props, layer.properties().size() + 1, rs, geometry);
    }

    /** The same with the geometry in column {@code geometryColumn}: after only some of the properties. */
    public static Feature read(
            Layer layer, Map<String, Object> props, int geometryColumn, ResultSet rs, GeometryDecoder geometry)
            throws SQLException {
        Geometry g = layer.hasGeometry() ? geometry.decode(rs.getBytes(geometryColumn)) : null;
        return new Feature(String.valueOf(props.get(layer.idProperty())), g, props);
    }
}
