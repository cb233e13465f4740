package org.ruralatlas.data.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureQuery;

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

    public static String quote(String identifier) {
        if (!identifier.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a catalogue identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }

    /** The property columns, quoted, comma-separated. */
    public static String propertyColumns(Layer layer) {
        return layer.properties().stream().map(p -> quote(p.name())).collect(Collectors.joining(", "));
    }

    /**
     * The clauses both SQL stores share: the id (when given) and each equality filter, with their
     * bind values turned into what the store's columns hold by {@code bind}. Each store adds its
     * own spatial clause.
     */
    public static List<String> commonClauses(FeatureQuery q, String id, List<Object> params, UnaryOperator<Object> bind) {
        List<String> clauses = new ArrayList<>();
        if (id != null) {
            clauses.add(quote(q.layer().idProperty()) + " = ?");
            params.add(id);
        }
        for (Map.Entry<String, Object> e : q.equalTo().entrySet()) {
            clauses.add(quote(e.getKey()) + " = ?");
            params.add(bind.apply(e.getValue()));
        }
        return clauses;
    }

    /** " WHERE a AND b", or nothing for no clauses. */
    public static String where(List<String> clauses) {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Reads the current row: properties from column 1, geometry bytes right after them. */
    public static Feature read(Layer layer, ResultSet rs, GeometryDecoder geometry) throws SQLException {
        Map<String, Object> props = new LinkedHashMap<>();
        int i = 1;
        for (PropertySpec p : layer.properties()) {
            Object raw = p.type().isJson() ? rs.getString(i) : rs.getObject(i);
            props.put(p.name(), PropertyValues.fromColumn(p, raw));
            i++;
        }
        Geometry g = layer.hasGeometry() ? geometry.decode(rs.getBytes(i)) : null;
        return new Feature(String.valueOf(props.get(layer.idProperty())), g, props);
    }
}
