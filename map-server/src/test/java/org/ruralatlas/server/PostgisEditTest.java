package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Accounts, browser sign-in, edits and the audit on PostGIS, where the audit also records writes made outside RuralAtlas. */
@IntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisEditTest implements RecordEditContract, SignInContract {

    private static String database;

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("edits");
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
        // SignInContract: each test comes from addresses of its own
        registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
    }

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public void rewriteAudit() throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM ruralatlas.feature_revisions");
        }
    }

    @Override
    public void failCommuneWrites(String unitId, boolean fail) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS test_fail_commune ON ruralatlas.communes");
            if (fail) {
                s.execute(
                        "CREATE OR REPLACE FUNCTION ruralatlas.test_fail_commune() RETURNS trigger LANGUAGE plpgsql AS"
                                + " $$ BEGIN RAISE EXCEPTION 'forced failure of %', NEW.unit_id USING ERRCODE = 'check_violation';"
                                + " END $$");
                s.execute("CREATE TRIGGER test_fail_commune BEFORE UPDATE ON ruralatlas.communes FOR EACH ROW WHEN"
                        + " (NEW.unit_id = '" + unitId.replace("'", "''")
                        + "') EXECUTE FUNCTION ruralatlas.test_fail_commune()");
            }
        }
    }

    @Test
    void aWriteFromPsqlIsRecordedAsMadeOutsideRuralAtlas() throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.tourism SET phone = '0204 999 999' WHERE site_id = 'site-0003'");
            assertThat(s.executeUpdate("UPDATE ruralatlas.tourism SET phone = phone WHERE site_id = 'site-0003'"))
                    .isEqualTo(1);
        }
        JsonNode revisions = Http.get(url("/collections/tourism/items/site-0003/revisions"))
                .json()
                .get("revisions");
        assertThat(revisions.size())
                .as("a write that changes nothing is no revision")
                .isEqualTo(1);
        assertThat(revisions.get(0).get("actor").asString()).isEqualTo("outside RuralAtlas");
        assertThat(revisions.get(0).get("after").get("properties").get("phone").asString())
                .isEqualTo("0204 999 999");
    }

    @Test
    void anAssessmentWrittenFromPsqlMovesItsCommuneAuditedAsOutsideAndNotAWard() throws Exception {
        String unit = ruralCommune24(3);
        String was = standing(unit);
        String etag = etag("communes", unit);
        String ward = ward24();
        String wardWas = standing(ward);
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            // one statement, two units: one recompute, set-based
            s.executeUpdate(
                    "INSERT INTO ruralatlas.ntm_assessments (assessment_id, unit_id, province_code, criteria_set,"
                            + " assessed_on, ntm_level, criteria_met, criteria_total) VALUES"
                            + " ('psql-1', '" + unit + "', '24', 'commune_2021_2025', '2026-11-25', 'model', 17, 19),"
                            + " ('psql-2', '" + ward + "', '24', 'commune_2021_2025', '2026-11-25', 'model', 17, 19)");
        }
        assertThat(standing(unit)).isEqualTo("\"model\" \"commune_2021_2025\" 17 19");
        assertThat(standing(ward)).as("a ward takes no level").isEqualTo(wardWas);
        assertThat(etag("communes", unit)).as("the commune's ETag moves").isNotEqualTo(etag);
        JsonNode revisions = Http.get(url("/collections/communes/items/" + unit + "/revisions"))
                .json()
                .get("revisions");
        JsonNode last = revisions.get(revisions.size() - 1);
        assertThat(last.get("actor").asString()).isEqualTo("outside RuralAtlas");
        assertThat(last.get("after").get("properties").get("ntm_level").asString())
                .isEqualTo("model");
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.ntm_assessments SET criteria_met = 18 WHERE assessment_id = 'psql-1'");
            assertThat(standing(unit)).isEqualTo("\"model\" \"commune_2021_2025\" 18 19");
            s.executeUpdate("DELETE FROM ruralatlas.ntm_assessments WHERE assessment_id IN ('psql-1', 'psql-2')");
        }
        assertThat(standing(unit)).as("back to the newest left").isEqualTo(was);
    }

    @Test
    void anEndedVersionIsNotMovedByAnAssessmentFromPsql() throws Exception {
        String unit = ruralCommune24(4);
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.communes SET valid_to = '2020-01-01' WHERE unit_id = '" + unit + "'");
            String was = standing(unit);
            s.executeUpdate(
                    "INSERT INTO ruralatlas.ntm_assessments (assessment_id, unit_id, province_code, criteria_set,"
                            + " assessed_on, ntm_level, criteria_met, criteria_total) VALUES"
                            + " ('psql-3', '" + unit + "', '24', 'commune_2021_2025', '2026-11-25', 'model', 17, 19)");
            assertThat(standing(unit))
                    .as("an ended version's standing is history")
                    .isEqualTo(was);
        }
    }

    @Test
    void aRecordWrittenFromPsqlIsAuditedWithANullGeometryAndServedAtOnce() throws Exception {
        String id = "ntm-2025-advanced";
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.ntm_targets SET threshold = 45 WHERE target_id = '" + id + "'");
        }
        JsonNode revision = Http.get(url("/collections/ntm_targets/items/" + id + "/revisions"))
                .json()
                .get("revisions")
                .get(0);
        assertThat(revision.get("actor").asString()).isEqualTo("outside RuralAtlas");
        assertThat(revision.get("after").get("geometry").isNull()).isTrue();
        assertThat(revision.get("before").get("properties").get("threshold").asDouble())
                .isEqualTo(40.0);
        assertThat(Http.get(url("/collections/ntm_targets/items/" + id))
                        .json()
                        .get("properties")
                        .get("threshold")
                        .asDouble())
                .isEqualTo(45.0);
    }

    @Test
    void theAuditRefusesTruncateAndUpdateEvenToItsOwner() throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE ruralatlas.farms SET area_ha = 7.5 WHERE farm_id = 'farm-00005'");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("TRUNCATE ruralatlas.feature_revisions"))
                    .hasMessageContaining("append-only");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> s.execute("UPDATE ruralatlas.feature_revisions SET actor = 'x'"))
                    .hasMessageContaining("append-only");
        }
    }
}
