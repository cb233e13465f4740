package org.ruralatlas.data.store.postgis;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBReader;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.search.NameSearch;
import org.ruralatlas.data.search.WordPatterns;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * {@link NameSearch} in PostGIS (migration V18): the dictionary of every folded search word
 * ({@code search_dictionary}, its B-tree for prefixes and trigram index for a typo in the first
 * letters), and each searchable layer's GIN index on the array of its features' words, which the
 * statements here name by the same expression as the index ({@link #words}). Identifiers from the
 * catalogue, every value a parameter, each statement under the store's timeout.
 */
final class PostgisSearch implements NameSearch {

    /** The columns a feature's search words come from, in this order, those the layer has, then its id. */
    private static final List<String> WORD_COLUMNS =
            List.of("name", "name_en", "code", "province_name", "growing_area_code");

    /** How the candidates are read: by the indexes, for this statement's transaction alone (see {@link #candidates}). */
    static final String INDEXES_ONLY = "SET LOCAL enable_seqscan = off";

    private static final String DICTIONARY = "\"ruralatlas\".\"search_dictionary\"";

    private final PostgisFeatureStore store;
    private final Layer communes;
    private final Layer provinces;

    /** Labels and context from the catalogue's {@code communes} and {@code provinces}, when it has them. */
    PostgisSearch(PostgisFeatureStore store, org.ruralatlas.data.catalog.LayerCatalog catalog) {
        this.store = store;
        this.communes = catalog.layer("communes").orElse(null);
        this.provinces = catalog.layer("provinces").orElse(null);
    }

    /** The expression of a layer's search words, exactly as its index in V18 has it. */
    static String words(Layer layer, String alias) {
        List<String> columns = new ArrayList<>();
        for (String c : WORD_COLUMNS) {
            if (layer.property(c).isPresent()) {
                columns.add(c);
            }
        }
        columns.add(layer.idProperty());
        String prefix = alias == null ? "" : alias + ".";
        return "\"ruralatlas\".\"search_words\"("
                + columns.stream()
                        .map(c -> "coalesce(" + prefix + quote(c) + ", '')")
                        .collect(Collectors.joining(" || ' ' || "))
                + ")";
    }

    /**
     * One statement: for each typed word at most {@code max} + 1 of the words its patterns match, in
     * no order (how many tells whether it is too general), through the dictionary's B-tree
     * (prefixes) and trigram index (a typo in the first letter); then, for the words that are, the
     * word itself.
     */
    @Override
    public List<Set<String>> dictionary(List<String> typed, int typosFrom, int max) {
        List<Object> params = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            List<String> patterns = WordPatterns.of(typed.get(i), typosFrom);
            parts.add("SELECT ?::int, \"word\" FROM (SELECT \"word\" FROM " + DICTIONARY + " WHERE "
                    + patterns.stream().map(p -> "\"word\" LIKE ?").collect(Collectors.joining(" OR "))
                    + " LIMIT ?) d");
            params.add(i);
            params.addAll(patterns);
            params.add(max + 1);
        }
        List<Set<String>> found = new ArrayList<>();
        typed.forEach(w -> found.add(new LinkedHashSet<>()));
        if (typed.isEmpty()) {
            return found;
        }
        read(
                new ItemsSql(String.join(" UNION ALL ", parts), params),
                rs -> found.get(rs.getInt(1)).add(rs.getString(2)));
        List<String> general = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            if (found.get(i).size() > max) {
                found.get(i).clear();
                general.add(typed.get(i));
            }
        }
        if (!general.isEmpty()) {
            read(
                    new ItemsSql(
                            "SELECT \"word\" FROM " + DICTIONARY + " WHERE \"word\" = ANY(?::text[])",
                            List.of((Object) general.toArray(String[]::new))),
                    rs -> {
                        String word = rs.getString(1);
                        for (int i = 0; i < typed.size(); i++) {
                            if (typed.get(i).equals(word)) {
                                found.get(i).add(word);
                            }
                        }
                    });
        }
        return found;
    }

    /** Runs {@code sql} and hands each row to {@code row}. */
    private void read(ItemsSql sql, RowReader row) {
        try {
            store.read(c -> {
                try (c;
                        PreparedStatement ps = store.prepare(c, sql);
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        row.read(rs);
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw FeatureStoreException.of("searching the dictionary", e);
        }
    }

    /** One row of a result, read. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** The columns that give a candidate its commune's and province's names: always read. */
    private static final Set<String> PLACED_BY = Set.of("commune_code", "province_code");

    /**
     * The candidates, read with sequential scans off for this statement alone ({@code SET LOCAL}): the planner cannot
     * see how few rows the words select (the commune and province codes are found as it runs), guesses hundreds of
     * thousands, and under the {@code LIMIT} chose to scan the whole layer, folding every row's words, rather than
     * combine the indexes. At 10 M farms that was over 30 s for "vai thieu" (the store's timeout, a 503); the
     * indexes' plan (a BitmapAnd of each word's BitmapOr) took 19 ms.
     */
    @Override
    public List<Candidate> candidates(
            Layer layer, List<Set<String>> words, Bbox bbox, LocalDate day, int max, Set<String> properties) {
        List<PropertySpec> read = layer.properties().stream()
                .filter(p -> p.name().equals(layer.idProperty())
                        || PLACED_BY.contains(p.name())
                        || properties.contains(p.name()))
                .toList();
        ItemsSql sql = candidatesSql(layer, read, communes, provinces, words, bbox, day, max);
        try {
            return store.read(c -> PostgisFeatureStore.inTransaction(c, t -> {
                try (java.sql.Statement s = t.createStatement()) {
                    s.execute(INDEXES_ONLY);
                }
                List<Candidate> found = new ArrayList<>();
                WKBReader wkb = new WKBReader();
                try (PreparedStatement ps = store.prepare(t, sql);
                        ResultSet rs = ps.executeQuery()) {
                    int extra = read.size() + 2;
                    while (rs.next()) {
                        found.add(new Candidate(
                                FeatureRows.read(
                                        layer,
                                        FeatureRows.properties(read, rs),
                                        read.size() + 1,
                                        rs,
                                        bytes -> PostgisFeatureStore.decode(wkb, bytes)),
                                rs.getString(extra),
                                rs.getString(extra + 1),
                                rs.getString(extra + 2)));
                    }
                }
                return found;
            }));
        } catch (SQLException e) {
            throw FeatureStoreException.of("searching " + layer.id(), e);
        }
    }

    /**
     * One statement: the layer's rows whose words meet each set (through the GIN index), or whose
     * commune's or province's do (their codes, found through those layers' own indexes once), within
     * the box and valid on the day, at most {@code max}; then, for each, its commune's and province's names.
     */
    static ItemsSql candidatesSql(
            Layer layer,
            List<PropertySpec> read,
            Layer communes,
            Layer provinces,
            List<Set<String>> words,
            Bbox bbox,
            LocalDate day,
            int max) {
        List<Object> params = new ArrayList<>();
        List<String> clauses = valid(layer, day, params);
        if (bbox != null) {
            List<String> boxes = new ArrayList<>();
            for (Envelope e : bbox.envelopes()) {
                boxes.add("\"geom\" && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
                params.add(e.getMinX() - 1e-6);
                params.add(e.getMinY() - 1e-6);
                params.add(e.getMaxX() + 1e-6);
                params.add(e.getMaxY() + 1e-6);
            }
            clauses.add("(" + String.join(" OR ", boxes) + ")");
        }
        boolean byCommune = communes != null && layer.property("commune_code").isPresent();
        boolean byProvince =
                provinces != null && layer.property("province_code").isPresent();
        for (Set<String> set : words) {
            String[] array = set.toArray(String[]::new);
            List<String> any = new ArrayList<>();
            any.add(words(layer, null) + " && ?::text[]");
            params.add(array);
            if (byCommune) {
                any.add("\"commune_code\" = ANY(ARRAY(SELECT \"code\" FROM " + ItemsSql.table(communes) + " WHERE "
                        + words(communes, null) + " && ?::text[]))");
                params.add(array);
            }
            if (byProvince) {
                any.add("\"province_code\" = ANY(ARRAY(SELECT \"code\" FROM " + ItemsSql.table(provinces) + " WHERE "
                        + words(provinces, null) + " && ?::text[]))");
                params.add(array);
            }
            clauses.add("(" + String.join(" OR ", any) + ")");
        }
        StringBuilder sql = new StringBuilder("SELECT m.*, ")
                .append(byCommune ? "c.\"name\", c.\"province_name\"" : "NULL, NULL")
                .append(byProvince ? ", p.\"name\"" : ", NULL")
                .append(" FROM (SELECT ")
                .append(FeatureRows.propertyColumns(read))
                .append(", ST_AsBinary(\"geom\") FROM ")
                .append(ItemsSql.table(layer))
                .append(FeatureRows.where(clauses))
                .append(" LIMIT ?) m");
        params.add(max);
        // as the server's index labels a feature: the last of the day's units with the code, in id order
        if (byCommune) {
            sql.append(" LEFT JOIN LATERAL (SELECT coalesce(\"name\", '') AS \"name\","
                            + " coalesce(\"province_name\", '') AS \"province_name\" FROM ")
                    .append(ItemsSql.table(communes))
                    .append(FeatureRows.where(withCode(communes, "commune_code", day, params)))
                    .append(" ORDER BY ")
                    .append(quote(communes.idProperty()))
                    .append(" DESC LIMIT 1) c ON true");
        }
        if (byProvince) {
            sql.append(" LEFT JOIN LATERAL (SELECT \"name\" FROM ")
                    .append(ItemsSql.table(provinces))
                    .append(FeatureRows.where(withCode(provinces, "province_code", day, params)))
                    .append(" ORDER BY ")
                    .append(quote(provinces.idProperty()))
                    .append(" DESC LIMIT 1) p ON true");
        }
        return new ItemsSql(sql.toString(), params);
    }

    private static List<String> withCode(Layer lookup, String column, LocalDate day, List<Object> params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("\"code\" = m." + quote(column));
        clauses.addAll(valid(lookup, day, params));
        return clauses;
    }

    /** The layer's validity on the day, as the store's own queries write it; nothing for a layer without. */
    private static List<String> valid(Layer layer, LocalDate day, List<Object> params) {
        FeatureQuery q = FeatureQuery.all(layer);
        if (layer.temporal() != null) {
            q = q.withTime(TimeInterval.at(day));
        }
        return FeatureRows.commonClauses(q, null, params, v -> v);
    }
}
