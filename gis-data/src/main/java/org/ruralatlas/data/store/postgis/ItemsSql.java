package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.Keyset;
import org.ruralatlas.data.store.FeatureRows;

/**
 * The SQL the PostGIS store runs for a query, with its bind values: identifiers from the
 * catalogue (quoted), every user value a parameter, the bbox as an envelope in the table's SRID
 * so that the GIST index is used, a CQL2 filter translated by {@link FilterSql}, the position
 * to start after ({@link FeatureRows#keysetClause}), the sort keys and then the id as the order,
 * the columns the query's property selection asks for and those its positions are made of.
 *
 * <p>A page without a filter is one statement that reads only the page: it does not count. Counting is another
 * statement, bounded ({@link #countUpTo}): an exact count of every match grows with the table
 * (27 ms for a country-wide box at 200,000 farms, over a second at ten million), which a page
 * must not pay. Without a CQL2 filter the page is read in order from the position on (the
 * primary key's index, or the GIST index and a sort of the box's rows, as the planner costs them).
 * With a filter, the matching ids (and sort keys) are first collected in a MATERIALIZED query of
 * their own: PostgreSQL does not count the folding functions of a name filter as costly, and
 * would otherwise plan "in id order until the page is full", reading the whole table for a rare
 * name (2.3 s against 0.1 s for a name filter on 100,000 farms). A filtered page so costs its
 * matches, not its depth; and having collected them all (its position is taken among them), a
 * page also counts them, as its last column ({@code countsMatches}), so that it needs no counting
 * statement of its own, which would find every match a second time.
 */
record ItemsSql(String sql, List<Object> params, boolean countsMatches) {

    ItemsSql(String sql, List<Object> params) {
        this(sql, params, false);
    }

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
        Layer read = q.readLayer();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(FeatureRows.propertyColumns(read));
        if (read.hasGeometry()) {
            sql.append(", ST_AsBinary(\"geom\")");
        }
        String order = FeatureRows.orderBy(q, true);
        if (id == null && q.filter() != null) {
            String idColumn = quote(q.layer().idProperty());
            // a page (not a download) collects every match, its position aside, so that it can count them
            boolean counts = q.limit() != FeatureQuery.UNLIMITED;
            String matched = "WITH matched AS MATERIALIZED (SELECT " + keyColumns(q) + " FROM " + table(q.layer())
                    + where(counts ? q.startingAfter(null) : q, null, params) + ")";
            String after = counts ? FeatureRows.keysetClause(q, params, v -> v, true) : null;
            sql.insert(
                    0,
                    matched + ", page AS (SELECT " + idColumn + " AS page_id FROM matched"
                            + (after != null ? " WHERE " + after : "") + order + paging(q, params) + ") ");
            if (counts) {
                sql.append(", (SELECT count(*) FROM matched)");
            }
            sql.append(" FROM page JOIN ")
                    .append(table(q.layer()))
                    .append(" ON ")
                    .append(idColumn)
                    .append(" = page_id")
                    .append(order);
            return new ItemsSql(sql.toString(), params, counts);
        }
        sql.append(" FROM ").append(table(q.layer())).append(where(q, id, params));
        sql.append(order).append(paging(q, params));
        return new ItemsSql(sql.toString(), params);
    }

    /** The id and the sort keys: what the matching rows need for ordering. */
    private static String keyColumns(FeatureQuery q) {
        return String.join(
                ", ",
                new java.util.LinkedHashSet<>(Keyset.properties(q))
                        .stream().map(FeatureRows::quote).toList());
    }

    private static String paging(FeatureQuery q, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (q.limit() != FeatureQuery.UNLIMITED) {
            sql.append(" LIMIT ?");
            params.add(q.limit());
        }
        if (q.offset() > 0) {
            sql.append(" OFFSET ?");
            params.add(q.offset());
        }
        return sql.toString();
    }

    /** Every match counted, whatever the query's position and page. */
    static ItemsSql count(FeatureQuery q) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM " + table(q.layer()) + where(whole(q), null, params);
        return new ItemsSql(sql, params);
    }

    /** The matches counted up to {@code bound} rows: reads at most that many, whatever the table's size. */
    static ItemsSql countUpTo(FeatureQuery q, long bound) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM (SELECT 1 FROM " + table(q.layer()) + where(whole(q), null, params)
                + " LIMIT ?) AS bounded";
        params.add(bound);
        return new ItemsSql(sql, params);
    }

    /** The planner's plan of reading every match, whose top node's row count is its estimate of the matches. */
    static ItemsSql explainCount(FeatureQuery q) {
        List<Object> params = new ArrayList<>();
        String sql = "EXPLAIN (FORMAT JSON) SELECT 1 FROM " + table(q.layer()) + where(whole(q), null, params);
        return new ItemsSql(sql, params);
    }

    private static FeatureQuery whole(FeatureQuery q) {
        return q.startingAfter(null).page(0, FeatureQuery.UNLIMITED);
    }

    /**
     * The conditions. A bbox becomes "{@code geom && box AND CASE WHEN geom @ box THEN true ELSE
     * ST_Intersects(geom, box) END}" per envelope (two for a box across the antimeridian): the
     * index finds candidates, and a feature whose own box lies inside is in without the exact
     * test. Inside a CASE neither test is indexable: written as {@code geom @ box OR
     * ST_Intersects(…)}, the planner scanned the index twice (a BitmapOr) and, multiplying the
     * estimates, expected a thirtieth of the matches (26 of 768 on 20,000 polygons), so it sorted
     * every match of a large box instead of reading the first page in order (3.4x slower on the
     * peers communes of a few provinces).
     */
    private static String where(FeatureQuery q, String id, List<Object> params) {
        List<String> clauses = FeatureRows.commonClauses(q, id, params, v -> v);
        if (q.bbox() != null && !q.layer().hasGeometry()) {
            clauses.add("FALSE"); // a table of records: no geometry meets any box
        } else if (q.bbox() != null) {
            List<String> boxes = new ArrayList<>();
            for (Envelope e : q.bbox().envelopes()) {
                String box = "ST_MakeEnvelope(?, ?, ?, ?, 4326)";
                boxes.add("\"geom\" && " + box + " AND CASE WHEN \"geom\" @ " + box
                        + " THEN true ELSE ST_Intersects(\"geom\", " + box + ") END");
                for (int i = 0; i < 3; i++) {
                    params.add(e.getMinX());
                    params.add(e.getMinY());
                    params.add(e.getMaxX());
                    params.add(e.getMaxY());
                }
            }
            clauses.add("(" + String.join(") OR (", boxes) + ")");
        }
        if (q.filter() != null) {
            clauses.add(FilterSql.where(q.filter(), params));
        }
        String after = FeatureRows.keysetClause(q, params, v -> v, true);
        if (after != null) {
            clauses.add(after);
        }
        return FeatureRows.where(clauses);
    }
}
