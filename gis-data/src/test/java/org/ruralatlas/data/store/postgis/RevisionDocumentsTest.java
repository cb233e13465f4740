package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Migration V14 writes the audit of V11 without turning each row's geometry into JSON twice: the
 * same writes (inserts of every column type, nulls included; a change of one value; an id changed
 * by UPDATE; an UPDATE that changes nothing; deletes; a rolled-back import) leave exactly the
 * revisions V11 left, documents compared as text, so revisions and restore read them as before.
 */
@IntegrationTest
class RevisionDocumentsTest {

    private static final String[] WRITES = {
        "INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications,"
                + " growing_area_code, ocop_products, ocop_stars, commune_code, province_code, source, source_date,"
                + " licence, sample, geom) SELECT 'f' || i, 'Trang trại ' || i || ' \"quoted\"', 'household',"
                + " CASE WHEN i % 3 = 0 THEN NULL ELSE 'lua' END, i / 7.0, '[\"VietGAP\", \"organic\"]'::jsonb,"
                + " 'VN-' || i, CASE WHEN i % 2 = 0 THEN '[{\"name\": \"Chè\", \"stars\": 4}]'::jsonb END, i % 6,"
                + " '00' || i, '26', 'test', DATE '2025-07-01' + i, 'CC-BY-4.0', i % 2 = 0,"
                + " CASE WHEN i % 4 = 0 THEN ST_Expand(ST_SetSRID(ST_MakePoint(105.5 + i / 1000.0, 21.1), 4326), 0.0003)"
                + " ELSE ST_SetSRID(ST_MakePoint(105.123456789012 + i / 1000.0, 21.1), 4326) END"
                + " FROM generate_series(1, 200) i",
        "UPDATE ruralatlas.farms SET area_ha = area_ha + 1 WHERE farm_id LIKE 'f1%'",
        "UPDATE ruralatlas.farms SET farm_id = farm_id || 'b' WHERE farm_id LIKE 'f2%'",
        "UPDATE ruralatlas.farms SET name = name WHERE farm_id LIKE 'f3%'",
        "UPDATE ruralatlas.farms SET geom = ST_Translate(geom, 0.01, 0) WHERE farm_id LIKE 'f4%'",
        "DELETE FROM ruralatlas.farms WHERE farm_id LIKE 'f5%'",
        "INSERT INTO ruralatlas.tourism (site_id, name, geom) VALUES ('t1', 'Homestay', ST_SetSRID(ST_MakePoint(105.8, 21.0), 4326))",
        "DELETE FROM ruralatlas.tourism",
    };

    @Test
    void version14WritesTheRevisionsVersion11Wrote() throws SQLException {
        DataSource v13 = TestDatabase.dataSource(TestDatabase.freshDatabase("revisions13", true));
        new PostgisSchema(v13, MigrationVersion.fromVersion("13")).migrate();
        DataSource latest = TestDatabase.dataSource(TestDatabase.freshDatabase("revisions14", true));
        new PostgisSchema(latest).migrate();
        List<String> before = revisions(v13);
        assertThat(before).hasSizeGreaterThan(250);
        assertThat(revisions(latest)).containsExactlyElementsOf(before);
    }

    /** The revisions the writes leave, actor and documents included, in order. */
    private static List<String> revisions(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT set_config('ruralatlas.actor', 'editor-26', true)");
            s.execute(WRITES[0].replace("'f' || i", "'rolled back' || i"));
            c.rollback();
            for (String write : WRITES) {
                s.execute("SELECT set_config('ruralatlas.actor', 'editor-26', true)");
                s.execute(write);
            }
            c.commit();
            c.setAutoCommit(true);
            List<String> out = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT concat_ws(' | ', layer, feature_id, actor, operation, before::text,"
                            + " after::text) FROM ruralatlas.feature_revisions ORDER BY revision")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
