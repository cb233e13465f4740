package org.ruralatlas.data.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.sample.SampleData;

/**
 * A GeoPackage made before stop 26 keeps lineage ids with '/', which no URL reaches; the embedded
 * store gives them '~' at start, audited, as PostGIS's migration V21 does (PostgisSchemaTest).
 */
class GeoPackageLineageIdsTest {

    private static final LayerCatalog CATALOG = LayerCatalog.load();

    @Test
    void oldLineageIdsAreGivenOnePathSegmentAuditedOnceAndATakenSpellingIsLeft(@TempDir Path dir) throws Exception {
        Path file = SampleData.copyTo(dir.resolve("old.gpkg"));
        List<String> before = ids(file);
        String taken;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            // the spelling of the loaders before stop 26; one record written twice, in both spellings
            s.executeUpdate("UPDATE unit_lineage SET lineage_id = replace(lineage_id, '~', '/')");
            try (ResultSet rs = s.executeQuery(
                    "SELECT lineage_id FROM unit_lineage WHERE lineage_id LIKE 'commune/%' ORDER BY 1 LIMIT 1")) {
                rs.next();
                taken = rs.getString(1);
            }
            s.executeUpdate("INSERT INTO unit_lineage (lineage_id, unit_level, relation) VALUES ('"
                    + taken.replace('/', '~') + "', 'commune', 'whole')");
        }
        GeoPackageEdits edits = new GeoPackageEdits(file, CATALOG.require("communes"));
        int renamed = edits.giveIdsOneSegment(CATALOG.require("unit_lineage"));

        List<String> after = ids(file);
        assertThat(renamed).isEqualTo(before.size() - 1);
        assertThat(after).hasSize(before.size() + 1).contains(taken, taken.replace('/', '~'));
        assertThat(after.stream().filter(id -> id.contains("/"))).containsExactly(taken);
        assertThat(after).containsAll(before);
        List<String> audit = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT operation, count(*), count(DISTINCT feature_id)"
                        + " FROM ruralatlas_revisions WHERE layer = 'unit_lineage' AND actor = 'migration V21'"
                        + " GROUP BY operation ORDER BY 1")) {
            while (rs.next()) {
                audit.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3));
            }
        }
        assertThat(audit).containsExactly("delete " + renamed + " " + renamed, "insert " + renamed + " " + renamed);
        assertThat(edits.giveIdsOneSegment(CATALOG.require("unit_lineage")))
                .as("a second start")
                .isZero();
    }

    private static List<String> ids(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT lineage_id FROM unit_lineage ORDER BY 1")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
