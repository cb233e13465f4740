package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.PropertySelection;
import org.ruralatlas.data.filter.Filter;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * The same answers on both stores: every CQL2 expression of the table {@code
 * cql2-expressions.txt}, in its text and its JSON encoding, selects on PostGIS (translated to
 * SQL) and on the GeoPackage (evaluated in Java) exactly the features that a WHERE clause written
 * by hand in PostgreSQL selects from the same sample (the oracle: plain PostGIS functions,
 * {@code lower} and {@code unaccent} rather than the V9 functions under test), and counts them
 * alike. Each row says whether it expects some, none or all features, so that a row cannot pass
 * by selecting nothing.
 */
@IntegrationTest
class Cql2ExpressionTableTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path sampleDir;

    private static final LayerCatalog CATALOG = LayerCatalog.load();
    /** Only the id: the rows compare ids, the geometry is read only where the filter needs it. */
    private static final PropertySelection IDS = new PropertySelection(List.of(), false);

    private static PostgisFeatureStore postgis;
    private static GeoPackageFeatureStore geopackage;
    private static DataSource db;
    private static final Map<String, Integer> TOTALS = new java.util.concurrent.ConcurrentHashMap<>();

    /** One row of the table. */
    record Row(int line, String layer, String text, String json, String sql, String crs, String expect) {}

    @BeforeAll
    static void open() throws SQLException {
        String url = TestDatabase.sharedSample();
        db = TestDatabase.dataSource(url);
        postgis = new PostgisFeatureStore(db, 30, "test");
        geopackage = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public");
        }
    }

    @AfterAll
    static void close() {
        postgis.close();
        geopackage.close();
    }

    static List<Row> rows() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Cql2ExpressionTableTest.class.getResourceAsStream("/org/ruralatlas/data/filter/cql2-expressions.txt"),
                StandardCharsets.UTF_8))) {
            Map<String, String> block = new LinkedHashMap<>();
            int start = 0;
            int n = 0;
            for (String line; (line = r.readLine()) != null; ) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    if (!block.isEmpty()) {
                        rows.add(row(start, block));
                        block.clear();
                    }
                    continue;
                }
                if (block.isEmpty()) {
                    start = n;
                }
                int colon = line.indexOf(':');
                block.put(
                        line.substring(0, colon).strip(),
                        line.substring(colon + 1).strip());
            }
            if (!block.isEmpty()) {
                rows.add(row(start, block));
            }
        }
        return rows;
    }

    private static Row row(int line, Map<String, String> b) {
        for (String key : List.of("layer", "text", "json", "sql")) {
            if (!b.containsKey(key)) {
                throw new IllegalStateException("row at line " + line + " has no " + key);
            }
        }
        return new Row(
                line,
                b.get("layer"),
                b.get("text"),
                b.get("json"),
                b.get("sql"),
                b.get("crs"),
                b.getOrDefault("expect", "some"));
    }

    @Test
    void theTableHasAtLeast150Expressions() throws Exception {
        assertThat(rows()).hasSizeGreaterThanOrEqualTo(150);
    }

    @TestFactory
    Stream<DynamicTest> everyExpressionSelectsTheSameFeaturesInBothStoresAsHandWrittenSql() throws Exception {
        return rows().stream()
                .map(row -> DynamicTest.dynamicTest("line " + row.line() + ": " + row.text(), () -> check(row)));
    }

    private static void check(Row row) throws SQLException {
        Layer layer = CATALOG.require(row.layer());
        Filter text = Filter.parse(layer, row.text(), null, row.crs(), CrsOffer.ALL);
        Filter json = Filter.parse(layer, row.json(), "cql2-json", row.crs(), CrsOffer.ALL);
        assertThat(json).as("the JSON encoding reads as the text").isEqualTo(text);

        List<String> expected = oracle(layer, row.sql());
        int total = TOTALS.computeIfAbsent(layer.id(), id -> (int) postgis.count(FeatureQuery.all(layer)));
        switch (row.expect()) {
            case "none" -> assertThat(expected).as("the oracle").isEmpty();
            case "all" -> assertThat(expected).as("the oracle").hasSize(total);
            default -> assertThat(expected).as("the oracle").isNotEmpty().hasSizeLessThan(total);
        }
        FeatureQuery q = FeatureQuery.all(layer).withFilter(text).selecting(IDS);
        assertThat(ids(postgis, q)).as("PostGIS").isEqualTo(expected);
        assertThat(ids(geopackage, q)).as("GeoPackage").isEqualTo(expected);
        assertThat(postgis.count(q)).as("PostGIS count").isEqualTo(expected.size());
        assertThat(geopackage.count(q)).as("GeoPackage count").isEqualTo(expected.size());
    }

    private static List<String> ids(FeatureStore store, FeatureQuery q) {
        List<String> out = new ArrayList<>();
        try (FeatureCursor c = store.query(q)) {
            c.forEachRemaining(f -> out.add(f.id()));
        }
        return out;
    }

    /** The ids the hand-written WHERE clause selects, in id order. */
    private static List<String> oracle(Layer layer, String where) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET search_path = ruralatlas, public");
            try (ResultSet rs = s.executeQuery("SELECT \"" + layer.idProperty() + "\" FROM \"" + layer.id()
                    + "\" AS f WHERE " + where + " ORDER BY 1")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
