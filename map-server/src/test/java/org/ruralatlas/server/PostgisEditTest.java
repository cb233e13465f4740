package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
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

    /**
     * Two transactions from outside RuralAtlas assess one commune at once, the newer assessment first: the
     * commune ends as its newest assessment says, although the older one commits last (V24: the trigger holds the
     * commune before it reads the newest; V20 read first, so the last commit left the older one's standing).
     */
    @Test
    void concurrentAssessmentsFromOutsideLeaveTheCommuneAsItsNewestSays() throws Exception {
        String unit = assessedCommune24(0);
        String was = standing(unit);
        // the newer one changes the commune (so V20 held it too), the older one differs from both
        String newer = was.startsWith("\"model\"") ? "advanced" : "model";
        javax.sql.DataSource data = TestDatabase.dataSource(database);
        java.util.concurrent.ExecutorService second = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection first = data.getConnection()) {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.executeUpdate(
                        assessmentRow("race-newer", unit, "2026-11-28", "'" + newer + "'", "'commune_2021_2025'", 19));
            }
            java.util.concurrent.Future<Integer> older = second.submit(() -> {
                try (Connection c = data.getConnection();
                        Statement s = c.createStatement()) {
                    return s.executeUpdate(
                            assessmentRow("race-older", unit, "2026-11-27", "'ntm'", "'commune_2021_2025'", 17));
                }
            });
            TestDatabase.awaitALockWait(data);
            first.commit();
            assertThat(older.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(standing(unit)).isEqualTo("\"" + newer + "\" \"commune_2021_2025\" 19 19");
        } finally {
            second.shutdownNow();
            sql("DELETE FROM ruralatlas.ntm_assessments WHERE assessment_id IN ('race-newer', 'race-older')");
        }
        assertThat(standing(unit)).as("back to the newest left").isEqualTo(was);
    }

    /**
     * An outside transaction records a newer assessment that leaves the commune as it stands (so V20 changed and
     * held nothing); an older, different assessment sent through the API meanwhile waits for it and then leaves
     * the commune as the newest says, not as the one it wrote.
     */
    @Test
    void anAssessmentThroughTheApiWaitsForAnOutsideOneOfTheSameCommune() throws Exception {
        String unit = assessedCommune24(1);
        String was = standing(unit);
        JsonNode p = item("communes", unit).get("properties");
        javax.sql.DataSource data = TestDatabase.dataSource(database);
        java.util.concurrent.ExecutorService api = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection outside = data.getConnection()) {
            outside.setAutoCommit(false);
            try (Statement s = outside.createStatement()) {
                s.executeUpdate(assessmentRow(
                        "race-same",
                        unit,
                        "2026-11-28",
                        "'" + p.get("ntm_level").asString() + "'",
                        "'" + p.get("criteria_set").asString() + "'",
                        p.get("criteria_met").asInt()));
            }
            String level = p.get("ntm_level").asString().equals("ntm") ? "advanced" : "ntm";
            java.util.concurrent.Future<Http.Reply> sent = api.submit(
                    () -> post("Bearer " + Http.ADMIN_TOKEN, ASSESSMENTS, assessment(unit, "2026-11-20", level, 19)));
            TestDatabase.awaitALockWait(data);
            outside.commit();
            Http.Reply created = sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(standing(unit))
                    .as("the newest, the outside one, decides")
                    .isEqualTo(was);
        } finally {
            api.shutdownNow();
            sql("DELETE FROM ruralatlas.ntm_assessments WHERE unit_id = '" + unit + "' AND assessed_on > '2026-11-01'");
        }
    }

    /**
     * "Today" is Vietnam's day for an outside writer too, whatever its session's zone: a version that ends today
     * still moves with its assessments, one that ended yesterday does not. Twelve hours west of UTC and fourteen
     * east, at every hour one of the two sessions is on another date than Vietnam (UTC+7), so a trigger reading
     * the session's CURRENT_DATE would fail here at any time of day.
     */
    @Test
    void anOutsideWritersZoneDoesNotMoveVietnamsToday() throws Exception {
        String unit = assessedCommune24(2);
        String was = standing(unit);
        String moved = was.startsWith("\"model\"") ? "advanced" : "model";
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            for (String zone : List.of("Etc/GMT+12", "Pacific/Kiritimati")) {
                s.execute("SET TimeZone = '" + zone + "'");
                java.time.LocalDate today = org.ruralatlas.data.feature.VietnamCalendar.today();
                for (java.time.LocalDate end : List.of(today, today.minusDays(1))) {
                    s.executeUpdate(
                            "UPDATE ruralatlas.communes SET valid_to = '" + end + "' WHERE unit_id = '" + unit + "'");
                    s.executeUpdate(assessmentRow(
                            "zone-" + end,
                            unit,
                            today.minusDays(3).toString(),
                            "'" + moved + "'",
                            "'commune_2021_2025'",
                            19));
                    String expected = end.equals(today) ? "\"" + moved + "\" \"commune_2021_2025\" 19 19" : was;
                    if (today.equals(org.ruralatlas.data.feature.VietnamCalendar.today())) {
                        assertThat(standing(unit))
                                .as(zone + ", the version ending " + end)
                                .isEqualTo(expected);
                    }
                    s.executeUpdate("DELETE FROM ruralatlas.ntm_assessments WHERE assessment_id = 'zone-" + end + "'");
                    s.executeUpdate("UPDATE ruralatlas.communes SET valid_to = NULL WHERE unit_id = '" + unit + "'");
                    assertThat(standing(unit)).isEqualTo(was);
                }
            }
        } finally {
            sql("UPDATE ruralatlas.communes SET valid_to = NULL WHERE unit_id = '" + unit + "'");
        }
    }

    /**
     * A deadlock no order of ours avoids: an outside transaction assesses a commune (its trigger holds the
     * commune), an API change of another assessment of it holds that row and waits for the commune, then the
     * outside transaction wants the API's row. PostgreSQL ends the API's transaction (its deadlock check comes
     * first); the edit is tried again once the outside one commits, and answers 200, not a 503.
     */
    @Test
    void anEditEndedByADeadlockWithAnOutsideWriterIsTriedAgain() throws Exception {
        String unit = assessedCommune24(2);
        Http.Reply created = post("Bearer " + Http.ADMIN_TOKEN, ASSESSMENTS, assessment(unit, "2026-11-20", "ntm", 17));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.header("Location").replaceFirst(".*/", "");
        String etag = etag(ASSESSMENTS, id);
        javax.sql.DataSource data = TestDatabase.dataSource(database);
        java.util.concurrent.ExecutorService api = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (Connection outside = data.getConnection()) {
            outside.setAutoCommit(false);
            try (Statement s = outside.createStatement()) {
                s.execute("SET LOCAL deadlock_timeout = '60s'");
                s.executeUpdate(
                        assessmentRow("deadlock-outside", unit, "2026-11-19", "'ntm'", "'commune_2021_2025'", 16));
                java.util.concurrent.Future<Http.Reply> patched = api.submit(() -> send(
                        "PATCH",
                        "/collections/" + ASSESSMENTS + "/items/" + id,
                        "{\"properties\":{\"criteria_met\":18}}",
                        "Authorization",
                        "Bearer " + Http.ADMIN_TOKEN,
                        "If-Match",
                        etag,
                        "Content-Type",
                        "application/merge-patch+json"));
                TestDatabase.awaitALockWait(data);
                // waits for the API's row until PostgreSQL ends the API's transaction (deadlock_timeout, 1 s)
                s.executeQuery("SELECT 1 FROM ruralatlas.ntm_assessments WHERE assessment_id = '" + id + "' FOR UPDATE")
                        .close();
                outside.commit();
                Http.Reply r = patched.get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
            }
            assertThat(item(ASSESSMENTS, id)
                            .get("properties")
                            .get("criteria_met")
                            .asInt())
                    .isEqualTo(18);
            assertThat(standing(unit)).as("the newest, the API's").isEqualTo("\"ntm\" \"commune_2021_2025\" 18 19");
        } finally {
            api.shutdownNow();
            sql("DELETE FROM ruralatlas.ntm_assessments WHERE unit_id = '" + unit + "' AND assessed_on > '2026-11-01'");
        }
    }

    /** A current rural commune of 24 that has a standing, from the end of the list (other tests take the start). */
    private String assessedCommune24(int n) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT unit_id FROM ruralatlas.communes WHERE province_code ="
                        + " '24' AND unit_type = 'xa' AND valid_to IS NULL AND criteria_set IS NOT NULL"
                        + " ORDER BY unit_id DESC OFFSET " + n + " LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String assessmentRow(String id, String unit, String day, String level, String set, int met) {
        return "INSERT INTO ruralatlas.ntm_assessments (assessment_id, unit_id, province_code, criteria_set,"
                + " assessed_on, ntm_level, criteria_met, criteria_total) VALUES ('" + id + "', '" + unit + "', '24', "
                + set + ", '" + day + "', " + level + ", " + met + ", 19)";
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
