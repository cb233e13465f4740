package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

@IntegrationTest
class PostgisSchemaTest {

    @Test
    void refusesADatabaseWithoutPostgis() {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("nopostgis", false));
        assertThatThrownBy(() -> new PostgisSchema(ds).check())
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("no PostGIS extension");
    }

    @Test
    void refusesADatabaseWithoutTheSchema() {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("noschema", true));
        assertThatThrownBy(() -> new PostgisSchema(ds).check())
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("no RuralAtlas schema");
    }

    @Test
    void refusesAnOldSchemaUntilMigrated() throws Exception {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("oldschema", true));
        new PostgisSchema(ds, MigrationVersion.fromVersion("1")).migrate();
        assertThatThrownBy(() -> new PostgisSchema(ds).check())
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageMatching("the RuralAtlas schema is too old \\(version 1, this server needs \\d+\\): .*");
        new PostgisSchema(ds).migrate();
        assertThat(new PostgisSchema(ds).check()).startsWith("3.");
        assertThat(latest(ds))
                .as("PostgisSchema.VERSION names the newest migration")
                .isEqualTo(PostgisSchema.VERSION);
        // a schema one migration behind is brought up to date (the loader does not skip Flyway then)
        DataSource behind = TestDatabase.dataSource(TestDatabase.freshDatabase("behind", true));
        new PostgisSchema(behind, MigrationVersion.fromVersion(previousMigration())).migrate();
        new PostgisSchema(behind).migrate();
        assertThat(latest(behind)).isEqualTo(PostgisSchema.VERSION);
    }

    @Test
    void lineageIdsWrittenBeforeVersion21AreGivenOnePathSegmentAudited() throws Exception {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("lineage21", true));
        new PostgisSchema(ds, MigrationVersion.fromVersion("20")).migrate();
        try (Connection c = ds.getConnection();
                var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ruralatlas.unit_lineage (lineage_id, unit_level) VALUES"
                    + " ('commune/00004/01', 'commune'), ('province/01', 'province'),"
                    + " ('commune/00007/01', 'commune'), ('commune~00007~01', 'commune')");
        }
        new PostgisSchema(ds).migrate();
        List<String> ids = new ArrayList<>();
        List<String> audit = new ArrayList<>();
        try (Connection c = ds.getConnection();
                var s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT lineage_id FROM ruralatlas.unit_lineage ORDER BY 1")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT feature_id, operation, actor FROM ruralatlas.feature_revisions"
                    + " WHERE layer = 'unit_lineage' AND actor = 'migration V21' ORDER BY 1")) {
                while (rs.next()) {
                    audit.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        assertThat(ids)
                .as(
                        "each reachable by one path segment; one whose new spelling is taken is left, not the upgrade failed")
                .containsExactly("commune/00007/01", "commune~00004~01", "commune~00007~01", "province~01");
        assertThat(audit)
                .containsExactlyInAnyOrder(
                        "commune/00004/01 delete",
                        "commune~00004~01 insert",
                        "province/01 delete",
                        "province~01 insert");
    }

    /** The migration before the newest (numbers may leave gaps: one may be reserved on another branch). */
    private static String previousMigration() throws Exception {
        java.net.URL dir = PostgisSchemaTest.class.getClassLoader().getResource("db/migration/postgis");
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(dir.toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V[0-9]+__.*[.]sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .filter(v -> v < Integer.parseInt(PostgisSchema.VERSION))
                    .max(Integer::compare)
                    .map(String::valueOf)
                    .orElseThrow();
        }
    }

    private static String latest(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT version FROM ruralatlas.flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesAnUnreachableDatabaseInOneLine() {
        DataSource ds = TestDatabase.dataSource("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2");
        assertThatThrownBy(() -> new PostgisSchema(ds).check())
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageStartingWith("cannot connect to the PostGIS database")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void tablesHaveExactlyTheCatalogueColumns() throws SQLException {
        DataSource ds = TestDatabase.dataSource(TestDatabase.freshDatabase("columns", true));
        new PostgisSchema(ds).migrate();
        try (Connection c = ds.getConnection()) {
            for (Layer layer : LayerCatalog.load().all()) {
                List<String> expected = new ArrayList<>();
                for (PropertySpec p : layer.properties()) {
                    expected.add(p.name() + ":"
                            + switch (p.type()) {
                                case STRING -> "text";
                                case INTEGER -> "bigint";
                                case NUMBER -> "double precision";
                                case BOOLEAN -> "boolean";
                                case DATE -> "date";
                                case STRING_LIST, JSON -> "jsonb";
                            });
                }
                if (layer.hasGeometry()) {
                    expected.add("geom:USER-DEFINED");
                }
                List<String> actual = new ArrayList<>();
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                                + "WHERE table_schema = 'ruralatlas' AND table_name = ? ORDER BY ordinal_position")) {
                    ps.setString(1, layer.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            actual.add(rs.getString(1) + ":" + rs.getString(2));
                        }
                    }
                }
                assertThat(actual).as(layer.id()).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }
}
