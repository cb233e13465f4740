package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.util.ArrayList;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.store.FeatureRows;

/**
 * The SQL the PostGIS store runs for a query, with its bind values: identifiers from the
 * catalogue (quoted), every user value a parameter, the bbox as an envelope in the table's SRID
 * so that the GIST index is used.
 */
record ItemsSql(String sql, List<Object> params) {

    static final String SCHEMA = "ruralatlas";

    static String table(Layer layer) {
        return quote(SCHEMA) + "." + quote(layer.id());
    }

    static ItemsSql select(FeatureQuery q) {
        return select(q, null);
    }

    static ItemsSql byId(Layer layer, String id) {
        return select(FeatureQuery.all(layer), id);
    }

    private static ItemsSql select(FeatureQuery q, String id) {
        Layer layer = q.layer();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(FeatureRows.propertyColumns(layer));
        if (layer.hasGeometry()) {
            sql.append(", ST_AsBinary(\"geom\")");
        }
        sql.append(" FROM ").append(table(layer)).append(where(q, id, params));
        sql.append(" ORDER BY ").append(quote(layer.idProperty()));
        if (q.limit() != FeatureQuery.UNLIMITED) {
            sql.append(" LIMIT ?");
            params.add(q.limit());
        }
        if (q.offset() > 0) {
            sql.append(" OFFSET ?");
            params.add(q.offset());
        }
        return new ItemsSql(sql.toString(), params);
    }

    static ItemsSql count(FeatureQuery q) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + table(q.layer()) + where(q, null, params);
        return new ItemsSql(sql, params);
    }

    private static String where(FeatureQuery q, String id, List<Object> params) {
        List<String> clauses = FeatureRows.commonClauses(q, id, params, v -> v);
        if (q.bbox() != null) {
            clauses.add("ST_Intersects(\"geom\", ST_MakeEnvelope(?, ?, ?, ?, 4326))");
            params.add(q.bbox().minx());
            params.add(q.bbox().miny());
            params.add(q.bbox().maxx());
            params.add(q.bbox().maxy());
        }
        return FeatureRows.where(clauses);
    }
}
